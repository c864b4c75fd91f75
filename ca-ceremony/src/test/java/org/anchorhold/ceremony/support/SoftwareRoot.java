package org.anchorhold.ceremony.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.RootProfile;
import org.anchorhold.ceremony.cert.Serials;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A P-384 root with a software key, for unit tests of profiles; everything that matters is also
 * proven on SoftHSM2 by the ITs.
 */
public record SoftwareRoot(KeyPair keyPair, X509Certificate certificate) {

  /** A root with this subject, valid from notBefore to notAfter. */
  public static SoftwareRoot create(X500Name subject, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp384r1"));
      KeyPair pair = generator.generateKeyPair();
      RootProfile.Request request = new RootProfile.Request(subject, pair.getPublic(),
          Serials.random(), notBefore, notAfter, Optional.empty());
      X509Certificate certificate = CertificateSigning.sign(RootProfile.builder(request),
          signer(pair), "root certificate", tbs -> RootProfile.lint(tbs, request),
          pair.getPublic());
      return new SoftwareRoot(pair, certificate);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a software root", e);
    }
  }

  /** A signer with the root's software key. */
  public ContentSigner signer() {
    return signer(keyPair);
  }

  private static ContentSigner signer(KeyPair pair) {
    try {
      return new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
