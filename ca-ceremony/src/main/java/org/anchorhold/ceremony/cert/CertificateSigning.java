package org.anchorhold.ceremony.cert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Lint, sign in the HSM, verify: the order every certificate goes through. {@link #prepare}
 * encodes the to-be-signed (TBS) certificate and lints those exact bytes, before any HSM is
 * involved; {@link #sign(Tbs, ContentSigner, SignatureVerifier)} has the HSM sign the same bytes,
 * verifies the signature in software with the issuer's public key ({@link SignatureVerifier},
 * never the HSM), and re-parses the result with the JDK's certificate factory before anyone may
 * write it.
 */
public final class CertificateSigning {
  private CertificateSigning() {}

  /**
   * A to-be-signed certificate that passed its lint.
   *
   * @param what the certificate, for messages ("intermediate for issuer 'aws-east'")
   * @param signatureAlgorithm the algorithm the TBS names, which the signer must use
   * @param encoded the DER bytes the lint checked and the HSM is to sign
   */
  public record Tbs(String what, AlgorithmIdentifier signatureAlgorithm, byte[] encoded) {}

  /** The software verifier of signatures by an issuer's key. */
  public static SignatureVerifier verifier(PublicKey issuerKey, String issuer)
      throws HsmException {
    try {
      return SignatureVerifier.of(issuerKey);
    } catch (OperatorCreationException | IOException e) {
      throw new HsmException("cannot verify signatures by the key of " + issuer + ": "
          + e.getMessage(), e);
    }
  }

  /** An HSM-backed content signer, taken from the key's own SunPKCS11 provider instance. */
  public static ContentSigner hsmSigner(HsmKey key, KeyAlgorithm algorithm) throws HsmException {
    try {
      return new JcaContentSignerBuilder(algorithm.signatureAlgorithm())
          .setProvider(key.provider())
          .build(key.privateKey());
    } catch (OperatorCreationException e) {
      throw new HsmException("cannot sign with key '" + key.label() + "': " + e.getMessage(), e);
    }
  }

  /** The signature algorithm identifier a key of this algorithm signs with. */
  public static AlgorithmIdentifier signatureAlgorithm(KeyAlgorithm algorithm) {
    return new DefaultSignatureAlgorithmIdentifierFinder().find(algorithm.signatureAlgorithm());
  }

  /** Signs the certificate after the lint passes, then verifies and re-parses it. */
  public static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner hsmSigner,
      String what, Function<byte[], List<String>> lint, PublicKey issuerKey)
      throws LintException, HsmException {
    return sign(prepare(builder, hsmSigner.getAlgorithmIdentifier(), what, lint), hsmSigner,
        verifier(issuerKey, "the issuer of the " + what));
  }

  /**
   * Encodes the TBS certificate the builder describes and lints it. Nothing is signed: the
   * builder's own signing step only hands over the TBS bytes, and its placeholder signature is
   * discarded with the rest of its output.
   */
  public static Tbs prepare(X509v3CertificateBuilder builder,
      AlgorithmIdentifier signatureAlgorithm, String what, Function<byte[], List<String>> lint)
      throws LintException {
    TbsCapture capture = new TbsCapture(signatureAlgorithm);
    builder.build(capture);
    byte[] encoded = capture.toBeSigned.toByteArray();
    List<String> violations = lint.apply(encoded);
    if (!violations.isEmpty()) {
      throw new LintException(what, violations);
    }
    return new Tbs(what, signatureAlgorithm, encoded);
  }

  /** Has the signer sign the linted TBS bytes, then verifies and re-parses the certificate. */
  public static X509Certificate sign(Tbs tbs, ContentSigner hsmSigner,
      SignatureVerifier issuerKey) throws HsmException {
    if (!hsmSigner.getAlgorithmIdentifier().equals(tbs.signatureAlgorithm())) {
      throw new HsmException("the " + tbs.what() + " names signature algorithm "
          + tbs.signatureAlgorithm().getAlgorithm().getId() + ", the signer uses "
          + hsmSigner.getAlgorithmIdentifier().getAlgorithm().getId());
    }
    byte[] signature;
    try {
      try (OutputStream out = hsmSigner.getOutputStream()) {
        out.write(tbs.encoded());
      }
      signature = hsmSigner.getSignature();
    } catch (IOException | RuntimeException e) {
      throw new HsmException("the HSM failed to sign the " + tbs.what() + ": "
          + e.getMessage(), e);
    }
    X509CertificateHolder holder = new X509CertificateHolder(Certificate.getInstance(
        new DERSequence(new ASN1Encodable[] {TBSCertificate.getInstance(tbs.encoded()),
            tbs.signatureAlgorithm(), new DERBitString(signature)})));
    return verify(holder, tbs.what(), issuerKey);
  }

  private static X509Certificate verify(X509CertificateHolder holder, String what,
      SignatureVerifier issuerKey) throws HsmException {
    try {
      if (!issuerKey.verifies(holder)) {
        throw new HsmException("the signed " + what + " does not verify with the issuer's key");
      }
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(
          new ByteArrayInputStream(holder.getEncoded()));
    } catch (CertException | GeneralSecurityException | IOException e) {
      throw new HsmException("the signed " + what + " does not verify with the issuer's key: "
          + e.getMessage(), e);
    }
  }

  /** Collects the TBS bytes a builder writes; its signature is a placeholder never used. */
  private static final class TbsCapture implements ContentSigner {
    private final AlgorithmIdentifier algorithm;
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

    TbsCapture(AlgorithmIdentifier algorithm) {
      this.algorithm = algorithm;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
      return toBeSigned;
    }

    @Override
    public byte[] getSignature() {
      return new byte[0];
    }
  }
}
