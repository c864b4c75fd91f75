package org.anchorhold.ceremony.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.support.SoftwareRoot;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;

class CertificateSigningTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant END = Instant.parse("2040-01-01T00:00:00Z");
  private static final SoftwareRoot ROOT = SoftwareRoot.create(
      new X500Name("C=US,O=Anchorhold Test,CN=Signing Root"), NOW, END);
  private static final SoftwareRoot OTHER = SoftwareRoot.create(
      new X500Name("C=US,O=Anchorhold Test,CN=Other Root"), NOW, END);

  private static IntermediateProfile.Request request() {
    return IntermediateProfileTest.request(ROOT, END, Optional.empty());
  }

  private static CertificateSigning.Tbs prepared() throws Exception {
    IntermediateProfile.Request request = request();
    return CertificateSigning.prepare(IntermediateProfile.builder(request),
        CertificateSigning.signatureAlgorithm(KeyAlgorithm.ECDSA_P384), "intermediate",
        tbs -> IntermediateProfile.lint(tbs, request));
  }

  @Test
  void signedCertificate_carriesExactlyTheLintedTbsBytes() throws Exception {
    CertificateSigning.Tbs tbs = prepared();

    X509Certificate certificate = CertificateSigning.sign(tbs, ROOT.signer(),
        SignatureVerifier.of(ROOT.keyPair().getPublic()));

    assertThat(certificate.getTBSCertificate()).isEqualTo(tbs.encoded());
    certificate.verify(ROOT.keyPair().getPublic());
  }

  @Test
  void prepare_refusesALintViolationAndNamesTheCertificate() {
    IntermediateProfile.Request request = request();

    assertThatThrownBy(() -> CertificateSigning.prepare(IntermediateProfile.builder(request),
        CertificateSigning.signatureAlgorithm(KeyAlgorithm.ECDSA_P384), "intermediate for 'x'",
        tbs -> List.of("a rule broken")))
        .isInstanceOf(LintException.class)
        .hasMessageContaining("intermediate for 'x'")
        .hasMessageContaining("a rule broken");
  }

  @Test
  void sign_refusesASignatureByAnotherKey() throws Exception {
    CertificateSigning.Tbs tbs = prepared();

    assertThatThrownBy(() -> CertificateSigning.sign(tbs, OTHER.signer(),
        SignatureVerifier.of(ROOT.keyPair().getPublic())))
        .isInstanceOf(HsmException.class)
        .hasMessageContaining("does not verify with the issuer's key");
  }

  @Test
  void sign_refusesASignerOfAnotherAlgorithmBeforeSigning() throws Exception {
    CertificateSigning.Tbs tbs = prepared();
    MislabelledSigner signer = new MislabelledSigner(
        CertificateSigning.signatureAlgorithm(KeyAlgorithm.ECDSA_P256));

    assertThatThrownBy(() -> CertificateSigning.sign(tbs, signer,
        SignatureVerifier.of(ROOT.keyPair().getPublic())))
        .isInstanceOf(HsmException.class)
        .hasMessageContaining("names signature algorithm");
    assertThat(signer.signatures).isZero();
  }

  @Test
  void verifier_refusesACertificateWhoseInnerAndOuterAlgorithmsDiffer() throws Exception {
    CertificateSigning.Tbs tbs = prepared();
    X509Certificate good = CertificateSigning.sign(tbs, ROOT.signer(),
        SignatureVerifier.of(ROOT.keyPair().getPublic()));
    X509CertificateHolder holder = new X509CertificateHolder(good.getEncoded());
    Certificate swapped = Certificate.getInstance(new DERSequence(new ASN1Encodable[] {
        holder.toASN1Structure().getTBSCertificate(),
        CertificateSigning.signatureAlgorithm(KeyAlgorithm.ECDSA_P256),
        holder.toASN1Structure().getSignature()}));

    assertThatThrownBy(() -> SignatureVerifier.of(ROOT.keyPair().getPublic())
        .verifies(new X509CertificateHolder(swapped)))
        .hasMessageContaining("algorithm");
  }

  /** The root's signer, claiming another algorithm and counting the signatures asked of it. */
  private static final class MislabelledSigner implements ContentSigner {
    private final ContentSigner actual = ROOT.signer();
    private final AlgorithmIdentifier claimed;
    private int signatures;

    MislabelledSigner(AlgorithmIdentifier claimed) {
      this.claimed = claimed;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return claimed;
    }

    @Override
    public OutputStream getOutputStream() {
      return actual.getOutputStream();
    }

    @Override
    public byte[] getSignature() {
      signatures++;
      return actual.getSignature();
    }
  }
}
