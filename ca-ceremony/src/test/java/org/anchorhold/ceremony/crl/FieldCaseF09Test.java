package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.config.ConfigProblem;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestCertificates;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F09: a CRL window that is too long, not yet valid or past the root is never signed. */
@DisplayName("F09 CRL validity window")
class FieldCaseF09Test {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  private SoftwareCa ca(Instant rootEnd) throws Exception {
    return SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        rootEnd, true);
  }

  @Test
  @DisplayName("F09 nextUpdate 400 days out is refused by the ceremony file")
  void window_of400Days_isRefused() {
    assertThatThrownBy(() -> new CrlSpec("root-test", 400, 30, null, null, null))
        .isInstanceOf(ConfigProblem.class)
        .hasMessage("must be 1 to 365 (Baseline Requirements §4.9.7)");
  }

  @Test
  @DisplayName("F09 nextUpdate 400 days out is refused by the lint before the HSM signs")
  void window_of400Days_isRefusedByLint_withoutAskingTheSigner() throws Exception {
    SoftwareCa ca = ca(Instant.parse("2040-01-01T00:00:00Z"));
    CrlProfile.Request request = new CrlProfile.Request(
        new X509CertificateHolder(ca.root().getEncoded()), BigInteger.ONE, NOW,
        NOW.plus(Duration.ofDays(400)), List.of());
    AtomicInteger signatures = new AtomicInteger();
    ContentSigner counting = counting(TestCertificates.signer(ca.key()), signatures);

    assertThatThrownBy(() -> CrlSigning.sign(CrlProfile.builder(request), counting,
        tbs -> CrlProfile.lint(tbs, request), ca.root().getPublicKey()))
        .isInstanceOf(LintException.class)
        .hasMessage("CRL breaks its profile: nextUpdate must be at most 365 days after "
            + "thisUpdate (Baseline Requirements §4.9.7)");
    assertThat(signatures).hasValue(0);
  }

  @Test
  @DisplayName("F09 thisUpdate two hours ahead is refused")
  void thisUpdate_twoHoursAhead_isRefused() throws Exception {
    SoftwareCa ca = ca(Instant.parse("2040-01-01T00:00:00Z"));
    CrlSpec ahead = new CrlSpec("root-test", 90, 30, NOW.plus(Duration.ofHours(2)), null, null);

    assertThatThrownBy(() -> ca.draft(ahead, Optional.empty(), NOW))
        .isInstanceOf(CrlException.class)
        .hasMessage("crl.this-update 2026-12-01T02:00:00Z is more than 5 minutes after now "
            + "(2026-12-01T00:00:00Z); relying parties would ignore the CRL (field case F09)");
  }

  @Test
  @DisplayName("F09 thisUpdate within the 5 minute skew is accepted")
  void thisUpdate_fourMinutesAhead_isAccepted() throws Exception {
    SoftwareCa ca = ca(Instant.parse("2040-01-01T00:00:00Z"));
    CrlSpec ahead = new CrlSpec("root-test", 90, 30, NOW.plus(Duration.ofMinutes(4)), null,
        null);

    assertThat(ca.draft(ahead, Optional.empty(), NOW).thisUpdate())
        .isEqualTo(NOW.plus(Duration.ofMinutes(4)));
  }

  @Test
  @DisplayName("F09 a nextUpdate past the root's notAfter is refused, naming what fits")
  void window_pastRootNotAfter_isRefused() throws Exception {
    SoftwareCa ca = ca(Instant.parse("2027-01-15T00:00:00Z"));

    assertThatThrownBy(() -> ca.draft(CrlSpec.defaults(), Optional.empty(), NOW))
        .isInstanceOf(CrlException.class)
        .hasMessage("crl.validity-days 90 puts nextUpdate 2027-03-01T00:00:00Z after the "
            + "notAfter 2027-01-15T00:00:00Z of root 'root-test'; at most 45 days fit "
            + "(field case F09)");
  }

  @Test
  @DisplayName("F09 a refused window leaves the state unchanged")
  void refusedWindow_changesNothing() throws Exception {
    SoftwareCa ca = ca(Instant.parse("2027-01-15T00:00:00Z"));
    String before = java.nio.file.Files.readString(ca.directory().resolve(StateDirectory.INDEX));

    assertThatThrownBy(() -> ca.crl(NOW)).isInstanceOf(CrlException.class);

    assertThat(java.nio.file.Files.readString(ca.directory().resolve(StateDirectory.INDEX)))
        .isEqualTo(before);
    assertThat(ca.directory().resolve("crls")).doesNotExist();
  }

  private static ContentSigner counting(ContentSigner signer, AtomicInteger count) {
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return signer.getAlgorithmIdentifier();
      }

      @Override
      public java.io.OutputStream getOutputStream() {
        return signer.getOutputStream();
      }

      @Override
      public byte[] getSignature() {
        count.incrementAndGet();
        return signer.getSignature();
      }
    };
  }
}
