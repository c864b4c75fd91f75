package org.anchorhold.server.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Software test certificates made with BouncyCastle: roots, intermediates, leaves, CRLs. */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /**
   * A certificate and its key.
   *
   * @param cert the certificate
   * @param keys its key pair
   */
  public record Issued(X509Certificate cert, KeyPair keys) {}

  /** A fresh P-256 key pair. */
  public static KeyPair ecKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed CA valid from an hour ago for {@code life}. */
  public static Issued root(String cn, Duration life) {
    KeyPair keys = ecKey();
    Instant now = Instant.now();
    return new Issued(build(cn, cn, keys, keys.getPrivate(), now.minusSeconds(3600),
        now.plus(life), true, List.of()), keys);
  }

  /** A CA issued by {@code issuer}. */
  public static Issued intermediate(String cn, Issued issuer) {
    KeyPair keys = ecKey();
    Instant now = Instant.now();
    return new Issued(build(cn, issuer.cert().getSubjectX500Principal().getName(), keys,
        issuer.keys().getPrivate(), now.minusSeconds(3600), now.plus(Duration.ofDays(30)),
        true, List.of()), keys);
  }

  /** A TLS server leaf naming {@code dnsNames}, valid between the given times. */
  public static Issued leaf(String cn, Issued issuer, List<String> dnsNames, Instant notBefore,
      Instant notAfter) {
    KeyPair keys = ecKey();
    return new Issued(build(cn, issuer.cert().getSubjectX500Principal().getName(), keys,
        issuer.keys().getPrivate(), notBefore, notAfter, false, dnsNames), keys);
  }

  /** A TLS server leaf valid now for a day. */
  public static Issued leaf(String cn, Issued issuer, List<String> dnsNames) {
    Instant now = Instant.now();
    return leaf(cn, issuer, dnsNames, now.minusSeconds(3600), now.plus(Duration.ofDays(1)));
  }

  private static X509Certificate build(String subject, String issuer, KeyPair keys,
      PrivateKey signer, Instant notBefore, Instant notAfter, boolean ca, List<String> dns) {
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer),
          new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore),
          Date.from(notAfter), new X500Name(subject.startsWith("CN=") ? subject : "CN=" + subject),
          keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        if (!dns.isEmpty()) {
          GeneralName[] names = dns.stream().map(n -> n.matches("[0-9.]+")
              ? new GeneralName(GeneralName.iPAddress, n)
              : new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
          builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A DER CRL of {@code issuer} with the given nextUpdate. */
  public static byte[] crl(Issued issuer, Instant thisUpdate, Instant nextUpdate) {
    try {
      X509v2CRLBuilder builder = new X509v2CRLBuilder(
          new X500Name(issuer.cert().getSubjectX500Principal().getName()), Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      return builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
          .build(issuer.keys().getPrivate())).getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes objects (certificates, keys) as PEM to {@code file}. */
  public static Path writePem(Path file, Object... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof PrivateKey key) {
          // PKCS#8 keeps the EC curve in the algorithm identifier, as openssl genpkey writes.
          writer.writeObject(new JcaPKCS8Generator(key, null));
        } else {
          writer.writeObject(object);
        }
      }
    }
    Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
    return file;
  }
}
