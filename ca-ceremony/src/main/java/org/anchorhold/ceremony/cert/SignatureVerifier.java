package org.anchorhold.ceremony.cert;

import java.io.IOException;
import java.security.PublicKey;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Verifies signatures made by one public key in software, with BouncyCastle's lightweight API:
 * no JCA provider and nothing of the HSM, so a faulty token cannot vouch for its own output.
 *
 * <p>One instance decodes the key once and may be shared by threads. For an EC key that matters:
 * the multiples of the key's point computed by the first verification are kept with the point, so
 * a batch signed by one root verifies several times faster than with a fresh key each time (and
 * than the JDK 17 SunEC provider).
 */
public final class SignatureVerifier {
  private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS =
      new DefaultDigestAlgorithmIdentifierFinder();

  private final ContentVerifierProvider provider;

  private SignatureVerifier(ContentVerifierProvider provider) {
    this.provider = provider;
  }

  /** A verifier for an RSA or EC subject public key. */
  public static SignatureVerifier of(SubjectPublicKeyInfo key)
      throws IOException, OperatorCreationException {
    AsymmetricKeyParameter parameters = PublicKeyFactory.createKey(key);
    boolean rsa = key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
    return new SignatureVerifier(rsa
        ? new BcRSAContentVerifierProviderBuilder(DIGESTS).build(parameters)
        : new BcECContentVerifierProviderBuilder(DIGESTS).build(parameters));
  }

  /** A verifier for a JCA public key (from the JDK, the HSM or a certificate). */
  public static SignatureVerifier of(PublicKey key) throws IOException, OperatorCreationException {
    return of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  /**
   * Whether the certificate's signature verifies with this key (its inner and outer signature
   * algorithms must also agree).
   */
  public boolean verifies(X509CertificateHolder certificate) throws CertException {
    return certificate.isSignatureValid(provider);
  }

  /** Whether the request's signature verifies with this key. */
  public boolean verifies(PKCS10CertificationRequest request) throws PKCSException {
    return request.isSignatureValid(provider);
  }
}
