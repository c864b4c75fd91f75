package org.anchorhold.ceremony.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.anchorhold.ceremony.support.CsrFixtures;
import org.anchorhold.ceremony.support.SoftwareRoot;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

class IntermediateProfileTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final X500Name ROOT_SUBJECT =
      new X500Name("C=US,O=Anchorhold Test,CN=Test Root");
  private static final SoftwareRoot ROOT = SoftwareRoot.create(ROOT_SUBJECT, NOW,
      Instant.parse("2055-01-01T00:00:00Z"));
  private static final String CRL = "https://pki.example.org/crls/root-2026.crl";

  static IntermediateProfile.Request request(SoftwareRoot root, Instant notAfter,
      Optional<Integer> pathLength) {
    IntermediateProfile.RootFacts facts = IntermediateProfile.Request.root(root.certificate());
    SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(
        CsrFixtures.ec("secp256r1").keyPair().getPublic().getEncoded());
    return new IntermediateProfile.Request(facts.subject(), facts.ski(), facts.notBefore(),
        facts.notAfter(), new X500Name("O=Anchorhold Test,CN=aws-east"), key, Serials.random(),
        NOW, notAfter, "aws.example.org", CRL, pathLength);
  }

  static X509Certificate sign(SoftwareRoot root, IntermediateProfile.Request request)
      throws Exception {
    return CertificateSigning.sign(IntermediateProfile.builder(request), root.signer(),
        "intermediate", tbs -> IntermediateProfile.lint(tbs, request),
        root.keyPair().getPublic());
  }

  @Test
  void intermediate_hasExactlyTheProfileExtensions() throws Exception {
    IntermediateProfile.Request request = request(ROOT, Instant.parse("2027-12-01T00:00:00Z"),
        Optional.empty());
    X509CertificateHolder holder = new X509CertificateHolder(sign(ROOT, request).getEncoded());

    assertThat(holder.getExtensionOIDs()).containsExactlyInAnyOrder(Extension.basicConstraints,
        Extension.keyUsage, Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier,
        Extension.subjectAlternativeName, Extension.nameConstraints,
        Extension.cRLDistributionPoints);
    assertThat(holder.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
        Extension.basicConstraints, Extension.keyUsage, Extension.nameConstraints);
    BasicConstraints constraints = BasicConstraints.fromExtensions(holder.getExtensions());
    assertThat(constraints.isCA()).isTrue();
    assertThat(constraints.getPathLenConstraint()).isNull();
    assertThat(holder.getIssuer().getEncoded())
        .isEqualTo(ROOT.certificate().getSubjectX500Principal().getEncoded());
    assertThat(AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier())
        .isEqualTo(request.rootSki());
  }

  @Test
  void configuredPathLength_isCarried() throws Exception {
    X509Certificate certificate = sign(ROOT, request(ROOT,
        Instant.parse("2027-12-01T00:00:00Z"), Optional.of(1)));
    assertThat(certificate.getBasicConstraints()).isEqualTo(1);
  }

  @Test
  void lint_refusesPathLengthZero() {
    IntermediateProfile.Request request = request(ROOT, Instant.parse("2027-12-01T00:00:00Z"),
        Optional.of(0));
    assertThatThrownBy(() -> sign(ROOT, request))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("pathLenConstraint must be absent or at least 1");
  }

  @Test
  void lint_refusesAnEkuAddedToTheBuilder() throws Exception {
    IntermediateProfile.Request request = request(ROOT, Instant.parse("2027-12-01T00:00:00Z"),
        Optional.empty());
    X509v3CertificateBuilder builder = IntermediateProfile.builder(request);
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    assertThatThrownBy(() -> CertificateSigning.sign(builder, ROOT.signer(), "intermediate",
        tbs -> IntermediateProfile.lint(tbs, request), ROOT.keyPair().getPublic()))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("EKU must be absent")
        .hasMessageContaining("extension 2.5.29.37 is not in the profile");
  }

  @Test
  void lint_refusesAnIntermediateOutlivingTheRoot() {
    SoftwareRoot shortRoot = SoftwareRoot.create(new X500Name("CN=Short Root"), NOW,
        Instant.parse("2030-01-01T00:00:00Z"));
    IntermediateProfile.Request request = request(shortRoot,
        Instant.parse("2030-01-01T00:00:01Z"), Optional.empty());
    assertThatThrownBy(() -> sign(shortRoot, request))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("notAfter must not be after the root's notAfter");
  }

  @Test
  void fieldCaseF07_timesBefore2050AreUtcTimeAndFrom2050GeneralizedTime() throws Exception {
    TBSCertificate last = tbs(sign(ROOT, request(ROOT, Instant.parse("2049-12-31T23:59:59Z"),
        Optional.empty())));
    assertThat(last.getEndDate().toASN1Primitive()).isInstanceOf(ASN1UTCTime.class);
    assertThat(last.getEndDate().getDate().toInstant())
        .isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
    TBSCertificate later = tbs(sign(ROOT, request(ROOT, Instant.parse("2050-01-01T00:00:00Z"),
        Optional.empty())));
    assertThat(later.getEndDate().toASN1Primitive()).isInstanceOf(ASN1GeneralizedTime.class);
  }

  @Test
  void fieldCaseF04_issuerNameBytesAreCopiedFromTheRootEvenWithOtherStringTypes()
      throws Exception {
    X500Name printable = new X500Name(new RDN[] {
        new RDN(BCStyle.C, new DERPrintableString("US")),
        new RDN(BCStyle.CN, new DERPrintableString("Printable Root"))});
    SoftwareRoot root = SoftwareRoot.create(printable, NOW,
        Instant.parse("2040-01-01T00:00:00Z"));
    X509Certificate certificate = sign(root, request(root,
        Instant.parse("2027-12-01T00:00:00Z"), Optional.empty()));
    assertThat(certificate.getIssuerX500Principal().getEncoded())
        .isEqualTo(root.certificate().getSubjectX500Principal().getEncoded());
  }

  private static TBSCertificate tbs(X509Certificate certificate) throws Exception {
    return TBSCertificate.getInstance(certificate.getTBSCertificate());
  }
}
