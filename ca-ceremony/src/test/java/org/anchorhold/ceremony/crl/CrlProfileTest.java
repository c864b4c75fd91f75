package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.anchorhold.ceremony.testsupport.TestCertificates;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.junit.jupiter.api.Test;

/** The CRL lint refuses what breaks PROFILES.md, on the exact to-be-signed bytes. */
class CrlProfileTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private final KeyPair key = TestCertificates.p256();
  private final X509CertificateHolder root = holder(key, "Root A");

  private static X509CertificateHolder holder(KeyPair key, String name) {
    try {
      return new X509CertificateHolder(TestCertificates.root(name, key,
          Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), true)
          .getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private CrlProfile.Request request(X509CertificateHolder issuer, List<CrlEntry> entries) {
    return new CrlProfile.Request(issuer, BigInteger.TEN, NOW, NOW.plus(Duration.ofDays(90)),
        entries);
  }

  private byte[] tbs(X509v2CRLBuilder builder) throws Exception {
    return builder.build(TestCertificates.signer(key)).toASN1Structure().getTBSCertList()
        .getEncoded();
  }

  @Test
  void crlOfTheProfile_passesTheLint() throws Exception {
    CrlProfile.Request request = request(root, List.of(new CrlEntry(BigInteger.valueOf(77), NOW,
        ReasonCode.KEY_COMPROMISE, NOW.minusSeconds(60))));
    assertThat(CrlProfile.lint(tbs(CrlProfile.builder(request)), request)).isEmpty();
  }

  @Test
  void crlWithAnotherRootsIssuerAndAki_isRefused() throws Exception {
    X509CertificateHolder other = holder(TestCertificates.p256(), "Root B");
    byte[] tbs = tbs(CrlProfile.builder(request(other, List.of())));

    assertThat(CrlProfile.lint(tbs, request(root, List.of()))).contains(
        "issuer must be the root's subject, byte for byte (RFC 5280 §5.1.2.3)",
        "authorityKeyIdentifier must equal the root's subjectKeyIdentifier (field case F08)");
  }

  @Test
  void crlWithAnIssuingDistributionPoint_isRefused() throws Exception {
    CrlProfile.Request request = request(root, List.of());
    X509v2CRLBuilder builder = CrlProfile.builder(request);
    builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
        new DistributionPointName(new GeneralNames(new GeneralName(
            GeneralName.uniformResourceIdentifier, "https://elsewhere.example/x.crl"))),
        false, false));

    assertThat(CrlProfile.lint(tbs(builder), request))
        .containsExactly("extension 2.5.29.28 is not in the profile");
  }

  @Test
  void crlListingASerialTwice_orWithAnUnrequestedEntry_isRefused() throws Exception {
    CrlProfile.Request request = request(root, List.of(new CrlEntry(BigInteger.valueOf(77), NOW,
        ReasonCode.SUPERSEDED, null)));
    X509v2CRLBuilder builder = CrlProfile.builder(request);
    builder.addCRLEntry(BigInteger.valueOf(77), Date.from(NOW), 4);
    builder.addCRLEntry(BigInteger.valueOf(78), Date.from(NOW), 4);

    assertThat(CrlProfile.lint(tbs(builder), request)).contains(
        "serial 4d is listed twice", "the revoked entries differ from the request");
  }

  @Test
  void crlWithoutNextUpdate_orWithAnotherNumber_isRefused() throws Exception {
    CrlProfile.Request request = request(root, List.of());
    X509v2CRLBuilder builder = new X509v2CRLBuilder(root.getSubject(), Date.from(NOW));
    builder.addExtension(Extension.cRLNumber, false,
        new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.ONE));

    assertThat(CrlProfile.lint(tbs(builder), request)).contains(
        "nextUpdate is missing (RFC 5280 §5.1.2.5)",
        "authorityKeyIdentifier is missing (RFC 5280 §5.2.1)",
        "cRLNumber differs from the request");
  }
}
