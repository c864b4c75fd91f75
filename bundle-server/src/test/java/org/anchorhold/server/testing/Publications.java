package org.anchorhold.server.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationInput;
import org.anchorhold.publication.PublicationSigner;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.PublishedRoot;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real signed publications for tests, made with {@link PublicationWriter} and software keys: a
 * BouncyCastle-made root, its CRL, and a publication certificate it issued.
 */
public final class Publications {
  /** The trust domain of every bundle. */
  public static final String TRUST_DOMAIN = "example.org";
  /** The root's name in the layout. */
  public static final String ROOT_NAME = "test-root";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The root that publications chain to. */
  public final TestPki.Issued root;
  /** The publication certificate and key. */
  public final TestPki.Issued publication;
  private final Instant crlNextUpdate;
  private final byte[] crl;

  /** A root and publication key; CRLs valid for a day. */
  public Publications() {
    this(Duration.ofDays(1));
  }

  /** A root and publication key whose CRL expires after {@code crlLife}. */
  public Publications(Duration crlLife) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    KeyPair rootKeys = TestPki.ecKey();
    X500Name rootName = new X500Name("CN=Server Test Root " + RANDOM.nextInt(1_000_000));
    root = new TestPki.Issued(certificate(rootName, rootKeys, rootName, rootKeys, now, true,
        null), rootKeys);
    KeyPair pubKeys = TestPki.ecKey();
    publication = new TestPki.Issued(certificate(new X500Name("CN=Server Test Publication"),
        pubKeys, rootName, rootKeys, now, false, root.cert()), pubKeys);
    crlNextUpdate = now.plus(crlLife);
    crl = crl(now.minusSeconds(60), crlNextUpdate);
  }

  /** The roots a server must trust. */
  public List<X509Certificate> roots() {
    return List.of(root.cert());
  }

  /** The manifest expiry of every publication written (the CRL's nextUpdate). */
  public Instant expires() {
    return crlNextUpdate;
  }

  /** Writes publication {@code sequence} issued now; returns its directory. */
  public Path write(Path publications, long sequence) throws PublicationException {
    return new PublicationWriter(publications).write(input(sequence), signer());
  }

  /** The input of publication {@code sequence}, with a 60 s refresh hint. */
  public PublicationInput input(long sequence) {
    Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
    return new PublicationInput(sequence, issued, Duration.ofSeconds(60),
        List.of(new PublishedRoot(ROOT_NAME, root.cert(), crl)),
        Map.of(TRUST_DOMAIN, List.of(ROOT_NAME)), List.of());
  }

  /** The signer with the software publication key. */
  public PublicationSigner signer() {
    return PublicationSigner.of(publication.keys().getPrivate(), Security.getProvider("SunEC"),
        List.of(publication.cert()));
  }

  private byte[] crl(Instant thisUpdate, Instant nextUpdate) {
    try {
      X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(root.cert(), Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root.cert()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
          .build(root.keys().getPrivate())).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer,
      KeyPair issuerKeys, Instant now, boolean ca, X509Certificate issuerCert) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
          new BigInteger(128, RANDOM).setBit(127), Date.from(now.minus(Duration.ofDays(1))),
          Date.from(now.plus(Duration.ofDays(ca ? 3650 : 365))), subject, keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      if (ca) {
        builder.addExtension(Extension.subjectKeyIdentifier, false,
            utils.createSubjectKeyIdentifier(keys.getPublic()));
      } else {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            utils.createAuthorityKeyIdentifier(issuerCert));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (IOException | GeneralSecurityException
        | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
