package org.anchorhold.ceremony.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.ceremony.testsupport.OfflineCeremonies;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revoke ceremony, which signs a CRL too, refuses before the HSM is opened and with nothing
 * written a state whose index no longer revokes what its latest CRL revokes, and a CRL it could
 * not commit.
 */
class RevokePlanTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC);

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private IssuedRecord legacy;
  private OfflineCeremonies ceremonies;
  private Path revokeAws;

  @BeforeEach
  void state() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    ca.intermediate("aws-east", "aws.example.org", NOW.minusSeconds(3600), Duration.ofDays(365));
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    ceremonies = new OfflineCeremonies(directory, CLOCK);
    revokeAws = ceremonies.file("revoke.yaml", "revoke",
        "revoke:\n  - {issuer: aws-east, reason: superseded}\n");
  }

  private void revokeLegacy() throws Exception {
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.KEY_COMPROMISE, null)), NOW);
  }

  private String undone() {
    return "serial " + legacy.serial() + " is revoked on CRL 1 of root 'root-test' ('"
        + ca.directory().resolve("crls/root-test/1.crl") + "') but the index records it as "
        + "valid: the index or the CRL file was changed; restore the state from its backup";
  }

  @Test
  void revoke_revocationUndoneInTheIndex_isRefusedByThePlanAndTheRun_andNothingIsWritten()
      throws Exception {
    revokeLegacy();
    Plan plan = ceremonies.plan(revokeAws);
    TestStates.editIndex(ca.directory(), TestStates.unrevoked(legacy.serial()));
    Map<String, String> before = TestStates.hashes(ca.directory());

    assertThatThrownBy(() -> ceremonies.plan(revokeAws))
        .isInstanceOf(StateException.class)
        .hasMessage(undone());
    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessage(undone());
    assertThat(TestStates.hashes(ca.directory())).isEqualTo(before);
    assertThat(ceremonies.transcript()).doesNotContain(OfflineCeremonies.LOGGED_IN);
  }

  @Test
  void revoke_ofTheCertificateWhoseRevocationWasUndone_isRefused() throws Exception {
    revokeLegacy();
    TestStates.editIndex(ca.directory(), TestStates.unrevoked(legacy.serial()));
    Path again = ceremonies.file("revoke-again.yaml", "revoke",
        "revoke:\n  - {serial: '" + legacy.serial() + "', reason: superseded}\n");

    assertThatThrownBy(() -> ceremonies.plan(again))
        .isInstanceOf(StateException.class)
        .hasMessage(undone());
  }

  @Test
  void revoke_existingPemOfTheNextNumber_isRefusedBeforeTheHsmOpens() throws Exception {
    ca.crl(NOW);
    Plan plan = ceremonies.plan(revokeAws);
    Path taken = ca.directory().resolve("crls/root-test/2.pem");
    Files.writeString(taken, "left by hand");
    Map<String, String> before = TestStates.hashes(ca.directory());

    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessage("'" + taken + "' already exists; the state never overwrites");
    assertThat(TestStates.hashes(ca.directory())).isEqualTo(before);
    assertThat(ceremonies.transcript()).doesNotContain(OfflineCeremonies.LOGGED_IN);
  }
}
