package org.anchorhold.ceremony.testsupport;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.anchorhold.ceremony.cert.RootProfile;
import org.anchorhold.ceremony.cert.Serials;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made with BouncyCastle: software roots (with or without cRLSign) and
 * intermediates signed by any signer, such as a root key in SoftHSM2. Test fixtures only; the
 * product's own profiles make the real ones.
 */
public final class TestCertificates {
  private TestCertificates() {}

  /** A fresh P-256 key pair in software. */
  public static KeyPair p256() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A software signer for a P-256 key. */
  public static ContentSigner signer(KeyPair key) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed CA root; {@code crlSign} false makes a root that may not sign CRLs (F08). */
  public static X509Certificate root(String commonName, KeyPair key, Instant notBefore,
      Instant notAfter, boolean crlSign) {
    X500Name subject = new X500Name("C=US,O=Anchorhold Test,CN=" + commonName);
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, Serials.random(),
          Date.from(notBefore), Date.from(notAfter), subject, info);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | (crlSign ? KeyUsage.cRLSign : 0)));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          RootProfile.subjectKeyIdentifier(info));
      return certificate(builder.build(signer(key)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An issuer intermediate in the shape of PROFILES.md (CA, keyCertSign and cRLSign, AKI from the
   * root's SKI, URI SAN, CRL distribution point), signed by the given signer.
   */
  public static X509Certificate intermediate(X509Certificate root, ContentSigner rootSigner,
      PublicKey key, String trustDomain, BigInteger serial, Instant notBefore, Instant notAfter,
      String crlUrl) {
    try {
      X509CertificateHolder issuer = new X509CertificateHolder(root.getEncoded());
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
      X500Name subject = new X500Name("O=Anchorhold Test,CN=" + trustDomain);
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer.getSubject(),
          serial, Date.from(notBefore), Date.from(notAfter), subject, info);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      byte[] ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier
          .fromExtensions(issuer.getExtensions()).getKeyIdentifier();
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new AuthorityKeyIdentifier(ski));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          RootProfile.subjectKeyIdentifier(info));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
      GeneralNames url = new GeneralNames(
          new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
      builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
          new DistributionPoint[] {new DistributionPoint(new DistributionPointName(url), null,
              null)}));
      return certificate(builder.build(rootSigner));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(X509CertificateHolder holder) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
  }
}
