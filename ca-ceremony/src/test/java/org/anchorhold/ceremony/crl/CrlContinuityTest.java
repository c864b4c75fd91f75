package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRL is drafted only while the state still holds the evidence of the root's latest CRL: its
 * file as recorded, and every serial on it still revoked in the index (field case F10).
 */
class CrlContinuityTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String CHANGED = ": the index or the CRL file was changed; restore the "
      + "state from its backup";

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private Path state;
  private IssuedRecord legacy;
  private IssuedRecord aws;

  @BeforeEach
  void revoked() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    state = ca.directory();
    aws = ca.intermediate("aws-east", "aws.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    ca.crl(NOW);
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.KEY_COMPROMISE, null)),
        NOW.plusSeconds(60));
  }

  private Path crl(int number) {
    return state.resolve("crls/root-test/" + number + ".crl");
  }

  private String listed() {
    return "serial " + legacy.serial() + " is revoked on CRL 2 of root 'root-test' ('" + crl(2)
        + "')";
  }

  @Test
  void crl_serialRevokedOnTheLastCrlButValidInTheIndex_isRefused() throws Exception {
    TestStates.editIndex(state, TestStates.unrevoked(legacy.serial()));
    Map<String, String> before = TestStates.hashes(state);

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage(listed() + " but the index records it as valid" + CHANGED);
    assertThat(TestStates.hashes(state)).isEqualTo(before);
  }

  @Test
  void crl_revocationUndoneAndEveryCrlDroppedFromTheIndex_isRefusedByTheAuditLog()
      throws Exception {
    TestStates.editIndex(state, index -> {
      State unrevoked = TestStates.unrevoked(legacy.serial()).apply(index);
      return new State(unrevoked.format(), unrevoked.roots(), unrevoked.issued(), List.of(),
          unrevoked.publicationSequence(), unrevoked.audit());
    });
    Map<String, String> before = TestStates.hashes(state);

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("audit log '" + state.resolve("audit.log") + "' entry 5 records CRL 2 of "
            + "root 'root-test', but the index's latest CRL of that root is none" + CHANGED);
    assertThat(TestStates.hashes(state)).isEqualTo(before);
  }

  @Test
  void crl_latestCrlDroppedFromTheIndex_isRefusedByTheAuditLog() throws Exception {
    TestStates.editIndex(state, index -> new State(index.format(), index.roots(),
        index.issued(), index.crls().subList(0, 1), index.publicationSequence(), index.audit()));

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .hasMessage("audit log '" + state.resolve("audit.log") + "' entry 5 records CRL 2 of "
            + "root 'root-test', but the index's latest CRL of that root is 1" + CHANGED);
  }

  @Test
  void revoke_serialRevokedOnTheLastCrlButValidInTheIndex_isRefusedBeforeResolving()
      throws Exception {
    TestStates.editIndex(state, TestStates.unrevoked(legacy.serial()));
    State edited = ca.state();

    assertThatThrownBy(() -> CrlContinuity.check(state, edited, SoftwareCa.ROOT))
        .isInstanceOf(StateException.class)
        .hasMessage(listed() + " but the index records it as valid" + CHANGED);
  }

  @Test
  void crl_serialOnTheLastCrlGoneFromTheIndex_isRefused() throws Exception {
    TestStates.editIndex(state, s -> new State(s.format(), s.roots(),
        s.issued().stream().filter(i -> !i.serial().equals(legacy.serial())).toList(),
        s.crls(), s.publicationSequence(), s.audit()));

    assertThatThrownBy(() -> ca.draft(org.anchorhold.ceremony.config.CrlSpec.defaults(),
        java.util.Optional.empty(), NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage(listed() + " but the index has no certificate of root 'root-test' with "
            + "that serial" + CHANGED);
  }

  @Test
  void crl_revocationReasonChangedInTheIndex_isRefused() throws Exception {
    TestStates.editIndex(state, s -> {
      IssuedRecord i = s.issuedBySerial(legacy.serial()).orElseThrow();
      return s.withIssuedReplaced(new IssuedRecord(i.serial(), i.issuer(), i.root(),
          i.trustDomain(), i.certificate(), i.sha256(), i.notBefore(), i.notAfter(),
          i.status(), i.revokedAt(), "superseded", null));
    });

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage(listed() + " at 2026-12-01T00:01:00Z (keyCompromise) but the index records "
            + "2026-12-01T00:01:00Z (superseded)" + CHANGED);
  }

  @Test
  void crl_lastCrlFileSwappedForTheEarlierOne_isRefused() throws Exception {
    Files.copy(crl(1), crl(2), StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("'" + crl(2) + "' (CRL 2 of root 'root-test') does not match its recorded "
            + "SHA-256" + CHANGED);
  }

  @Test
  void crl_lastCrlFileWithAByteAppended_isRefused() throws Exception {
    Files.write(crl(2), new byte[] {0}, StandardOpenOption.APPEND);

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("'" + crl(2) + "' (CRL 2 of root 'root-test') does not match its recorded "
            + "SHA-256" + CHANGED);
  }

  @Test
  void crl_lastCrlFileMissing_isRefused() throws Exception {
    Files.delete(crl(2));

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("'" + crl(2) + "' (CRL 2 of root 'root-test') is missing" + CHANGED);
  }

  @Test
  void crl_lastCrlSwappedWithItsHashEditedToo_isRefusedByItsNumber() throws Exception {
    Files.copy(crl(1), crl(2), StandardCopyOption.REPLACE_EXISTING);
    String sha256 = Pem.sha256Hex(Files.readAllBytes(crl(1)));
    TestStates.editIndex(state, s -> withLatestCrlHash(s, sha256));

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("'" + crl(2) + "' (CRL 2 of root 'root-test') holds cRLNumber 1 of "
            + NOW + ", not the number and thisUpdate the index records" + CHANGED);
  }

  @Test
  void crl_revokedCertificatesNotAfterMovedIntoThePast_isRefused() throws Exception {
    TestStates.editIndex(state, s -> {
      IssuedRecord i = s.issuedBySerial(legacy.serial()).orElseThrow();
      return s.withIssuedReplaced(new IssuedRecord(i.serial(), i.issuer(), i.root(),
          i.trustDomain(), i.certificate(), i.sha256(), i.notBefore(), NOW.minusSeconds(60),
          i.status(), i.revokedAt(), i.reason(), i.invalidityDate()));
    });

    assertThatThrownBy(() -> ca.crl(NOW.plusSeconds(120)))
        .isInstanceOf(StateException.class)
        .hasMessage("serial " + legacy.serial() + " would leave the CRL as expired at "
            + NOW.minusSeconds(60) + ", but its certificate '" + state.resolve(
            legacy.certificate()) + "' is valid until " + legacy.notAfter() + ": the index was "
            + "changed; restore the state from its backup");
  }

  @Test
  void crl_untouchedState_keepsTheRevocation_andAnotherCanFollow() throws Exception {
    CrlDraft.Signed third = ca.crl(NOW.plusSeconds(120));
    CrlDraft.Signed fourth = ca.revoke(List.of(new Target("aws-east", null,
        ReasonCode.SUPERSEDED, null)), NOW.plusSeconds(180));

    assertThat(FieldCaseF10Test.serials(third)).containsExactly(legacy.serial());
    assertThat(FieldCaseF10Test.serials(fourth)).containsExactlyInAnyOrder(legacy.serial(),
        aws.serial());
  }

  private static State withLatestCrlHash(State s, String sha256) {
    List<CrlRecord> crls = new ArrayList<>(s.crls());
    CrlRecord c = crls.get(crls.size() - 1);
    crls.set(crls.size() - 1, new CrlRecord(c.root(), c.number(), c.thisUpdate(),
        c.nextUpdate(), c.file(), sha256, c.renewalMarginDays()));
    return new State(s.format(), s.roots(), s.issued(), crls, s.publicationSequence(),
        s.audit());
  }
}
