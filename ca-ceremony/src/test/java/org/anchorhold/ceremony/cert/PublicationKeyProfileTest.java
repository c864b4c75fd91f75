package org.anchorhold.ceremony.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.anchorhold.ceremony.support.SoftwareRoot;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.Test;

class PublicationKeyProfileTest {
  private static final Instant ROOT_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant ROOT_END = Instant.parse("2040-01-01T00:00:00Z");
  private static final SoftwareRoot ROOT = SoftwareRoot.create(
      new X500Name("C=US,O=Example,CN=Example Root"), ROOT_START, ROOT_END);

  private static PublicKey p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair().getPublic();
  }

  private static PublicationKeyProfile.Request request(Instant notBefore, Instant notAfter)
      throws Exception {
    X509Certificate root = ROOT.certificate();
    return new PublicationKeyProfile.Request(
        X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
        RootProfile.subjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(
            root.getPublicKey().getEncoded())).getKeyIdentifier(),
        ROOT_START, ROOT_END, new X500Name("C=US,O=Example,CN=root-2026 publication"), p256(),
        Serials.random(), notBefore, notAfter);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder,
      PublicationKeyProfile.Request request) throws Exception {
    return CertificateSigning.sign(builder, ROOT.signer(), "publication certificate",
        tbs -> PublicationKeyProfile.lint(tbs, request), ROOT.certificate().getPublicKey());
  }

  @Test
  void profile_givesAnEndEntitySigningCertificateUnderTheRoot() throws Exception {
    PublicationKeyProfile.Request request = request(ROOT_START, ROOT_END);
    X509Certificate certificate = sign(PublicationKeyProfile.builder(request), request);
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getKeyUsage()[0]).isTrue();
    assertThat(certificate.getCriticalExtensionOIDs()).containsExactly("2.5.29.15");
    assertThat(certificate.getNonCriticalExtensionOIDs())
        .containsExactlyInAnyOrder("2.5.29.14", "2.5.29.35");
    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(ROOT.certificate().getSubjectX500Principal());
  }

  @Test
  void validityOutsideTheRoot_isNeverSigned() throws Exception {
    PublicationKeyProfile.Request request = request(ROOT_START,
        Instant.parse("2040-01-01T00:00:01Z"));
    assertThatThrownBy(() -> sign(PublicationKeyProfile.builder(request), request))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("validity must lie inside the root's");
  }

  @Test
  void caBasicConstraintsOrAnEku_isNeverSigned() throws Exception {
    PublicationKeyProfile.Request request = request(ROOT_START, ROOT_END);
    X509v3CertificateBuilder builder = PublicationKeyProfile.builder(request);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    assertThatThrownBy(() -> sign(builder, request))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("basicConstraints must be absent (an end-entity certificate)")
        .hasMessageContaining("EKU must be absent");
  }

  @Test
  void authorityKeyIdentifierOtherThanTheRootSki_isNeverSigned() throws Exception {
    PublicationKeyProfile.Request request = request(ROOT_START, ROOT_END);
    PublicationKeyProfile.Request other = new PublicationKeyProfile.Request(request.issuer(),
        new byte[20], ROOT_START, ROOT_END, request.subject(), request.publicKey(),
        request.serial(), ROOT_START, ROOT_END);
    assertThatThrownBy(() -> sign(PublicationKeyProfile.builder(other), request))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("authorityKeyIdentifier must be the root's subjectKeyIdentifier");
  }
}
