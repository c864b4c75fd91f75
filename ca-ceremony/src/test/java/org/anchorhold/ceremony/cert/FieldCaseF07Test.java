package org.anchorhold.ceremony.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F07: dates from 2050 encoded as UTCTime read back as 1950. The profile's builder and lint are
 * exercised with a software key here; the HSM path is the same code.
 */
class FieldCaseF07Test {
  @TempDir
  Path directory;

  private static TBSCertificate build(Instant notAfter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair pair = generator.generateKeyPair();
    RootProfile.Request request = new RootProfile.Request(new X500Name("CN=F07 Root"),
        pair.getPublic(), BigInteger.TEN, Instant.parse("2026-12-03T00:00:00Z"), notAfter,
        Optional.empty());
    X509CertificateHolder holder = RootProfile.builder(request)
        .build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate()));
    assertThat(RootProfile.lint(holder.toASN1Structure().getTBSCertificate().getEncoded(),
        request)).isEmpty();
    return holder.toASN1Structure().getTBSCertificate();
  }

  @Test
  @DisplayName("F07 a root to 2055-01-01 carries GeneralizedTime that OpenSSL reads as 2055")
  void notAfterIn2055_isGeneralizedTime() throws Exception {
    TBSCertificate tbs = build(Instant.parse("2055-01-01T00:00:00Z"));
    assertThat(tbs.getEndDate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
    assertThat(content(tbs.getEndDate())).isEqualTo("20550101000000Z");
    assertThat(tbs.getStartDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
  }

  /** The characters of a DER time, after its tag and length octets. */
  private static String content(org.bouncycastle.asn1.x509.Time time) throws Exception {
    byte[] der = time.toASN1Primitive().getEncoded();
    return new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("F07 a notAfter of 2049-12-31T23:59:59Z stays UTCTime")
  void notAfterAtEndOf2049_isUtcTime() throws Exception {
    TBSCertificate tbs = build(Instant.parse("2049-12-31T23:59:59Z"));
    assertThat(tbs.getEndDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(content(tbs.getEndDate())).isEqualTo("491231235959Z");
  }

  @Test
  @DisplayName("F07 the lint refuses a 2050 date written as UTCTime")
  void lint_refusesUtcTimeFor2050() throws Exception {
    TBSCertificate good = build(Instant.parse("2050-06-01T00:00:00Z"));
    org.bouncycastle.asn1.x509.V3TBSCertificateGenerator generator =
        new org.bouncycastle.asn1.x509.V3TBSCertificateGenerator();
    generator.setSerialNumber(good.getSerialNumber());
    generator.setSignature(good.getSignature());
    generator.setIssuer(good.getIssuer());
    generator.setSubject(good.getSubject());
    generator.setStartDate(good.getStartDate());
    generator.setEndDate(new org.bouncycastle.asn1.x509.Time(
        new org.bouncycastle.asn1.DERUTCTime("500601000000Z")));
    generator.setSubjectPublicKeyInfo(good.getSubjectPublicKeyInfo());
    generator.setExtensions(good.getExtensions());
    byte[] bad = generator.generateTBSCertificate().getEncoded();
    assertThat(TbsCheckFixtures.lintRoot(bad, Instant.parse("2050-06-01T00:00:00Z")))
        .contains("notAfter decodes to 1950-06-01T00:00:00Z, not 2050-06-01T00:00:00Z");
  }

  @Test
  @DisplayName("F07 OpenSSL prints the 2055 notAfter as 2055")
  void openssl_readsTheGeneralizedTimeAs2055() throws Exception {
    TBSCertificate tbs = build(Instant.parse("2055-01-01T00:00:00Z"));
    Path der = directory.resolve("tbs.der");
    Files.write(der, tbs.getEncoded());
    Process process = new ProcessBuilder("openssl", "asn1parse", "-inform", "DER", "-in",
        der.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).isZero();
    assertThat(output).contains("GENERALIZEDTIME   :20550101000000Z");
  }
}
