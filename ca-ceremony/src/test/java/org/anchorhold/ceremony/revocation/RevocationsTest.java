package org.anchorhold.ceremony.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.CrlException;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a revoke ceremony may and may not revoke, each refusal with its exact message. */
class RevocationsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private IssuedRecord legacy;

  @BeforeEach
  void state() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
  }

  private static Target byName(String issuer) {
    return new Target(issuer, null, ReasonCode.CESSATION_OF_OPERATION, null);
  }

  private static Target bySerial(String serial) {
    return new Target(null, serial, ReasonCode.KEY_COMPROMISE, null);
  }

  @Test
  void revoke_byIssuerName_marksTheRecordRevokedWithReasonAndTime() throws Exception {
    Revocations.Resolved resolved = Revocations.resolve(ca.state(), List.of(byName(
        "onprem-legacy")), NOW);

    assertThat(resolved.root()).isEqualTo(SoftwareCa.ROOT);
    IssuedRecord revoked = resolved.state().issuedBySerial(legacy.serial()).orElseThrow();
    assertThat(revoked.status()).isEqualTo(IssuedRecord.REVOKED);
    assertThat(revoked.reason()).isEqualTo("cessationOfOperation");
    assertThat(revoked.revokedAt()).isEqualTo(NOW);
    assertThat(revoked.invalidityDate()).isNull();
  }

  @Test
  void revoke_unknownSerial_isRefused() {
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(bySerial("abc")), NOW))
        .isInstanceOf(CrlException.class)
        .hasMessage("serial abc is not a certificate in the state");
  }

  @Test
  void revoke_unknownIssuer_isRefused() {
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(byName("nobody")), NOW))
        .hasMessage("issuer 'nobody' has no certificate in the state");
  }

  @Test
  void revoke_theRootBySerial_isRefused() throws Exception {
    String rootSerial = ca.root().getSerialNumber().toString(16);
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(bySerial(rootSerial)),
        NOW))
        .hasMessage("serial " + rootSerial + " is root 'root-test'; a root is not revoked, it "
            + "is retired");
  }

  @Test
  void revoke_theRootByName_isRefused() {
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(byName("root-test")), NOW))
        .hasMessage("'root-test' is a root, not an issuer; a root is not revoked, it is "
            + "retired");
  }

  @Test
  void revoke_expiredCertificate_isRefusedSayingSo() {
    Instant later = NOW.plus(Duration.ofDays(400));
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(byName("onprem-legacy")),
        later))
        .hasMessage("certificate " + legacy.serial() + " of issuer 'onprem-legacy' expired at "
            + legacy.notAfter() + "; an expired certificate is not revoked");
  }

  @Test
  void revoke_alreadyRevoked_isRefused_andTheStateKeepsOneEntry() throws Exception {
    ca.revoke(List.of(byName("onprem-legacy")), NOW);
    String index = Files.readString(ca.directory().resolve(StateDirectory.INDEX));

    assertThatThrownBy(() -> ca.revoke(List.of(byName("onprem-legacy")), NOW.plusSeconds(5)))
        .hasMessage("certificate " + legacy.serial() + " of issuer 'onprem-legacy' is already "
            + "revoked (cessationOfOperation, 2026-12-01T00:00:00Z); it stays on the CRL and is "
            + "not listed twice; if `ceremony status` says the state changed after the last "
            + "publication, run a publish ceremony");
    assertThat(Files.readString(ca.directory().resolve(StateDirectory.INDEX))).isEqualTo(index);
  }

  @Test
  void revoke_nameAndSerialOfOneCertificate_isRefused() {
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(byName("onprem-legacy"),
        bySerial(legacy.serial())), NOW))
        .hasMessage("serial " + legacy.serial() + " names serial " + legacy.serial()
            + ", which the file already revokes");
  }

  @Test
  void revoke_issuerWithTwoLiveCertificates_asksForTheSerial() throws Exception {
    IssuedRecord renewed = ca.intermediate("onprem-legacy", "legacy.example.org", NOW,
        Duration.ofDays(365));
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(byName("onprem-legacy")),
        NOW))
        .hasMessage("issuer 'onprem-legacy' has 2 unexpired certificates (serials "
            + legacy.serial() + ", " + renewed.serial() + "); name the one to revoke by serial");
  }

  @Test
  void revoke_invalidityDateInTheFuture_isRefused() {
    Target future = new Target("onprem-legacy", null, ReasonCode.KEY_COMPROMISE,
        NOW.plusSeconds(3600));
    assertThatThrownBy(() -> Revocations.resolve(ca.state(), List.of(future), NOW))
        .hasMessage("the invalidity-date of issuer 'onprem-legacy' (2026-12-01T01:00:00Z) is in "
            + "the future (RFC 5280 §5.3.2)");
  }

  @Test
  void revoke_certificatesOfTwoRoots_isRefused() throws Exception {
    var state = ca.state();
    IssuedRecord other = new IssuedRecord("beef", "other", "root-other", "other.example.org",
        "issued/other.pem", "00", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)),
        IssuedRecord.VALID, null, null, null);
    var both = state.withIssued(List.of(other));
    assertThatThrownBy(() -> Revocations.resolve(both, List.of(byName("onprem-legacy"),
        byName("other")), NOW))
        .hasMessage("the certificates to revoke were issued by several roots (root-other, "
            + "root-test); run one revoke ceremony per root");
  }
}
