package org.anchorhold.ceremony.crl;

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
 * The crl ceremony refuses, before the HSM is opened and with nothing written, a state whose
 * index no longer revokes what its latest CRL revokes, and a CRL it could not commit.
 */
class CrlPlanTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC);

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private IssuedRecord legacy;
  private OfflineCeremonies ceremonies;
  private Path file;

  @BeforeEach
  void state() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    ceremonies = new OfflineCeremonies(directory, CLOCK);
    file = ceremonies.file("crl.yaml", "crl", "crl: {root: root-test}\n");
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
  void crl_revocationUndoneInTheIndex_isRefusedByThePlan_andNothingIsWritten()
      throws Exception {
    revokeLegacy();
    TestStates.editIndex(ca.directory(), TestStates.unrevoked(legacy.serial()));
    Map<String, String> before = TestStates.hashes(ca.directory());

    assertThatThrownBy(() -> ceremonies.plan(file))
        .isInstanceOf(StateException.class)
        .hasMessage(undone());
    assertThat(TestStates.hashes(ca.directory())).isEqualTo(before);
  }

  @Test
  void crl_revocationUndoneAfterThePlan_isRefusedBeforeTheHsmOpens_andNothingIsWritten()
      throws Exception {
    revokeLegacy();
    Plan plan = ceremonies.plan(file);
    TestStates.editIndex(ca.directory(), TestStates.unrevoked(legacy.serial()));
    Map<String, String> before = TestStates.hashes(ca.directory());

    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessage(undone());
    assertThat(TestStates.hashes(ca.directory())).isEqualTo(before);
    assertThat(ceremonies.transcript()).doesNotContain(OfflineCeremonies.LOGGED_IN);
  }

  @Test
  void crl_existingPemOfTheNextNumber_isRefusedBeforeTheHsmOpens() throws Exception {
    ca.crl(NOW);
    Plan plan = ceremonies.plan(file);
    Path taken = ca.directory().resolve("crls/root-test/2.pem");
    Files.writeString(taken, "left by hand");
    Map<String, String> before = TestStates.hashes(ca.directory());

    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessage("'" + taken + "' already exists; the state never overwrites");
    assertThat(TestStates.hashes(ca.directory())).isEqualTo(before);
    assertThat(ceremonies.transcript()).doesNotContain(OfflineCeremonies.LOGGED_IN);
  }

  @Test
  void crl_crlsDirectoryASymbolicLink_isRefusedBeforeTheHsmOpens() throws Exception {
    Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
    Files.createSymbolicLink(ca.directory().resolve("crls"), elsewhere);
    Plan plan = ceremonies.plan(file);

    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessage("'" + ca.directory().resolve("crls") + "' is a symbolic link; the state "
            + "never writes through one");
    assertThat(elsewhere).isEmptyDirectory();
    assertThat(ceremonies.transcript()).doesNotContain(OfflineCeremonies.LOGGED_IN);
  }

  @Test
  void crl_untouchedState_reachesTheHsm() throws Exception {
    revokeLegacy();
    Plan plan = ceremonies.plan(file);

    assertThatThrownBy(() -> ceremonies.run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining(directory.resolve("no-such-module.so").toString());
    assertThat(ca.state().crls()).hasSize(1);
  }
}
