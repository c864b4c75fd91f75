package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** F07: CRL times from 2050 are GeneralizedTime, earlier ones UTCTime (RFC 5280 §5.1.2.4). */
@DisplayName("F07 time encoding in CRLs")
class FieldCaseF07Test {
  @TempDir
  Path directory;

  @Test
  @DisplayName("F07 a CRL with nextUpdate 2050-01-01 encodes it as GeneralizedTime")
  void crl_nextUpdateIn2050_isGeneralizedTime_andThisUpdateIn2049_isUtcTime() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2040-01-01T00:00:00Z"), Instant.parse("2055-01-01T00:00:00Z"), true);
    Instant revokedAt = Instant.parse("2049-11-01T00:00:00Z");
    ca.intermediate("late-issuer", "late.example.org", Instant.parse("2049-01-01T00:00:00Z"),
        java.time.Duration.ofDays(700));
    ca.revoke(List.of(new Target("late-issuer", null, ReasonCode.KEY_COMPROMISE,
        Instant.parse("2049-10-31T00:00:00Z"))), revokedAt);
    CrlSpec window = new CrlSpec(null, 31, 10, null, null, null);

    CrlDraft.Signed signed = ca.crl(window, Optional.empty(),
        Instant.parse("2049-12-01T00:00:00Z"));

    TBSCertList tbs = TBSCertList.getInstance(signed.crl().getTBSCertList());
    assertThat(tbs.getThisUpdate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(tbs.getNextUpdate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
    assertThat(signed.crl().getNextUpdate().toInstant())
        .isEqualTo(Instant.parse("2050-01-01T00:00:00Z"));
    TBSCertList.CRLEntry entry = tbs.getRevokedCertificates()[0];
    assertThat(entry.getRevocationDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(entry.getExtensions().getExtension(Extension.invalidityDate).getParsedValue())
        .isInstanceOf(ASN1GeneralizedTime.class);
  }

  @Test
  @DisplayName("F07 a CRL signed in 2050 encodes every time as GeneralizedTime")
  void crl_after2050_isGeneralizedTimeThroughout() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2040-01-01T00:00:00Z"), Instant.parse("2055-01-01T00:00:00Z"), true);

    CrlDraft.Signed signed = ca.crl(Instant.parse("2050-06-01T00:00:00Z"));

    TBSCertList tbs = TBSCertList.getInstance(signed.crl().getTBSCertList());
    assertThat(tbs.getThisUpdate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
    assertThat(signed.crl().getThisUpdate().toInstant())
        .isEqualTo(Instant.parse("2050-06-01T00:00:00Z"));
    assertThat(signed.record().number()).isEqualTo(BigInteger.ONE);
  }
}
