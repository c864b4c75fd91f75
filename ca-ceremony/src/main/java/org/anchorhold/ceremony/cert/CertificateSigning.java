package org.anchorhold.ceremony.cert;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Lint, sign in the HSM, verify: the order every certificate goes through. The signature is
 * verified with the issuer's public key by the JDK's default providers, and the result is
 * re-parsed by the JDK's certificate factory before anyone may write it.
 */
public final class CertificateSigning {
  private CertificateSigning() {}

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

  /** Signs the certificate after the lint passes, then verifies and re-parses it. */
  public static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner hsmSigner,
      String what, Function<byte[], List<String>> lint, PublicKey issuerKey)
      throws LintException, HsmException {
    LintingSigner signer = new LintingSigner(hsmSigner, what, lint);
    X509CertificateHolder holder;
    try {
      holder = builder.build(signer);
    } catch (RuntimeException e) {
      signer.throwIfRefused();
      throw new HsmException("the HSM failed to sign the " + what + ": " + e.getMessage(), e);
    }
    return verify(holder, what, issuerKey);
  }

  private static X509Certificate verify(X509CertificateHolder holder, String what,
      PublicKey issuerKey) throws HsmException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate certificate = (X509Certificate) factory.generateCertificate(
          new ByteArrayInputStream(holder.getEncoded()));
      certificate.verify(issuerKey);
      return certificate;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new HsmException("the signed " + what + " does not verify with the issuer's key: "
          + e.getMessage(), e);
    }
  }
}
