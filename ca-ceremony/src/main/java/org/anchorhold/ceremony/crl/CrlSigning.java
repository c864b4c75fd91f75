package org.anchorhold.ceremony.crl;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.function.Function;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.LintingSigner;
import org.anchorhold.ceremony.hsm.HsmException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Lint, sign in the HSM, verify, for CRLs: the exact to-be-signed bytes pass the profile before
 * the HSM signs them, the signature is verified with the root's public key by the JDK's own
 * providers, and the JDK's CRL parser re-reads the result.
 */
public final class CrlSigning {
  private CrlSigning() {}

  /** Signs the CRL after the lint passes, then verifies and re-parses it. */
  public static X509CRL sign(X509v2CRLBuilder builder, ContentSigner hsmSigner,
      Function<byte[], List<String>> lint, PublicKey rootKey) throws LintException, HsmException {
    LintingSigner signer = new LintingSigner(hsmSigner, "CRL", lint);
    X509CRLHolder holder;
    try {
      holder = builder.build(signer);
    } catch (RuntimeException e) {
      signer.throwIfRefused();
      throw new HsmException("the HSM failed to sign the CRL: " + e.getMessage(), e);
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509CRL crl = (X509CRL) factory.generateCRL(new ByteArrayInputStream(holder.getEncoded()));
      crl.verify(rootKey);
      return crl;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new HsmException("the signed CRL does not verify with the root's key: "
          + e.getMessage(), e);
    }
  }
}
