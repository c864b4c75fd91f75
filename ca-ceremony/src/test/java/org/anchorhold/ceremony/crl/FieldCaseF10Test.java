package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F10: CRL numbers grow across every CRL ever made; revoked entries stay until expiry. */
@DisplayName("F10 CRL number and continuity")
class FieldCaseF10Test {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  private SoftwareCa ca() throws Exception {
    return SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
  }

  @Test
  @DisplayName("F10 a state restored from an older backup cannot reuse the published number")
  void restoredBackup_isRefused_thenRecoversAfterThePublishedNumber() throws Exception {
    SoftwareCa ca = ca();
    ca.crl(NOW);
    Path backup = directory.resolve("backup");
    copy(ca.directory(), backup);
    CrlDraft.Signed second = ca.crl(NOW.plusSeconds(60));
    Path published = directory.resolve("published.crl");
    Files.write(published, second.der());
    delete(ca.directory());
    copy(backup, ca.directory());

    assertThatThrownBy(() -> ca.draft(CrlSpec.defaults(), Optional.of(published),
        NOW.plusSeconds(120)))
        .isInstanceOf(CrlException.class)
        .hasMessage("the state is behind published-crl '" + published + "': its cRLNumber is 2 "
            + "but the last number the state knows for root 'root-test' is 1 (restored from an "
            + "older backup?); check that every revocation since is in the state, then set "
            + "crl.recover-from-published: true (field case F10)");

    CrlSpec recover = new CrlSpec(null, null, null, null, published.toString(), true);
    CrlDraft.Signed third = ca.crl(recover, Optional.of(published), NOW.plusSeconds(120));
    assertThat(third.record().number()).isEqualTo(BigInteger.valueOf(3));
  }

  @Test
  @DisplayName("F10 a CRL file the index does not know still takes its number")
  void orphanCrlFile_numberIsNotReused() throws Exception {
    SoftwareCa ca = ca();
    ca.crl(NOW);
    String index = Files.readString(ca.directory().resolve(StateDirectory.INDEX));
    ca.crl(NOW.plusSeconds(60));
    // An interrupted ceremony: the CRL file is on disk, the index was never replaced.
    Files.writeString(ca.directory().resolve(StateDirectory.INDEX), index);

    CrlDraft draft = ca.draft(CrlSpec.defaults(), Optional.empty(), NOW.plusSeconds(120));

    assertThat(draft.number()).isEqualTo(BigInteger.valueOf(3));
    assertThat(draft.notes()).containsExactly("CRL file number 2 is in the state directory but "
        + "not in its index (an interrupted ceremony); numbering continues after it");
  }

  @Test
  @DisplayName("F10 a second revocation keeps the first revoked certificate on the CRL")
  void secondRevocation_keepsTheFirst() throws Exception {
    SoftwareCa ca = ca();
    IssuedRecord first = ca.intermediate("first", "first.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    IssuedRecord second = ca.intermediate("second", "second.example.org",
        NOW.minusSeconds(3600), Duration.ofDays(365));
    ca.revoke(List.of(new Target("first", null, ReasonCode.SUPERSEDED, null)), NOW);

    CrlDraft.Signed signed = ca.revoke(List.of(new Target(null, second.serial(),
        ReasonCode.KEY_COMPROMISE, NOW.minusSeconds(600))), NOW.plusSeconds(60));

    assertThat(serials(signed)).containsExactlyInAnyOrder(first.serial(), second.serial());
    assertThat(signed.record().number()).isEqualTo(BigInteger.valueOf(2));
  }

  @Test
  @DisplayName("F10 revoking the same serial twice is refused and the CRL lists it once")
  void sameSerialTwice_isRefused_andListedOnce() throws Exception {
    SoftwareCa ca = ca();
    IssuedRecord issued = ca.intermediate("legacy", "legacy.example.org",
        NOW.minusSeconds(3600), Duration.ofDays(365));
    ca.revoke(List.of(new Target("legacy", null, ReasonCode.CESSATION_OF_OPERATION, null)),
        NOW);

    assertThatThrownBy(() -> ca.revoke(List.of(new Target(null, issued.serial(),
        ReasonCode.KEY_COMPROMISE, null)), NOW.plusSeconds(60)))
        .isInstanceOf(CrlException.class)
        .hasMessage("certificate " + issued.serial() + " of issuer 'legacy' is already revoked "
            + "(cessationOfOperation, 2026-12-01T00:00:00Z); it stays on the CRL and is not "
            + "listed twice; if `ceremony status` says the state changed after the last "
            + "publication, run a publish ceremony");

    assertThat(serials(ca.crl(NOW.plusSeconds(120)))).containsExactly(issued.serial());
  }

  @Test
  @DisplayName("F10 an entry stays until one CRL after the certificate expired, then leaves")
  void expiredEntry_staysOnOneCrlAfterExpiry_thenIsDropped() throws Exception {
    SoftwareCa ca = ca();
    IssuedRecord issued = ca.intermediate("short", "short.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(10));
    ca.revoke(List.of(new Target("short", null, ReasonCode.SUPERSEDED, null)), NOW);

    assertThat(serials(ca.crl(NOW.plus(Duration.ofDays(9))))).containsExactly(issued.serial());
    assertThat(serials(ca.crl(NOW.plus(Duration.ofDays(11))))).containsExactly(issued.serial());
    assertThat(serials(ca.crl(NOW.plus(Duration.ofDays(12))))).isEmpty();
  }

  @Test
  @DisplayName("F10 a published CRL revoking a serial the state lost is refused")
  void publishedRevocationMissingFromState_isRefused() throws Exception {
    SoftwareCa ca = ca();
    ca.intermediate("legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    Path backup = directory.resolve("backup");
    copy(ca.directory(), backup);
    CrlDraft.Signed revoked = ca.revoke(List.of(new Target("legacy", null,
        ReasonCode.KEY_COMPROMISE, null)), NOW);
    Path published = directory.resolve("published.crl");
    Files.write(published, revoked.der());
    delete(ca.directory());
    copy(backup, ca.directory());
    String serial = serials(revoked).get(0);

    CrlSpec recover = new CrlSpec(null, null, null, null, published.toString(), true);
    assertThatThrownBy(() -> ca.draft(recover, Optional.of(published), NOW.plusSeconds(60)))
        .isInstanceOf(CrlException.class)
        .hasMessage("published-crl '" + published + "' revokes serial " + serial + ", which "
            + "the new CRL would drop: the state does not record it as revoked (restored from "
            + "an older backup?); revoke it again first (field case F10)");
  }

  @Test
  @DisplayName("F10 a published CRL of another root is refused")
  void publishedCrlOfAnotherRoot_isRefused() throws Exception {
    SoftwareCa ca = ca();
    SoftwareCa other = SoftwareCa.create(directory.resolve("other"),
        Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), true);
    Path published = directory.resolve("other.crl");
    Files.write(published, other.crl(NOW).der());

    assertThatThrownBy(() -> ca.draft(CrlSpec.defaults(), Optional.of(published), NOW))
        .isInstanceOf(CrlException.class)
        .hasMessage("published-crl '" + published + "' was not issued by root 'root-test'");
  }

  static List<String> serials(CrlDraft.Signed signed) {
    var revoked = signed.crl().getRevokedCertificates();
    return revoked == null ? List.of() : revoked.stream().map(X509CRLEntry::getSerialNumber)
        .map(s -> s.toString(16)).toList();
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void delete(Path root) throws Exception {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
