package org.anchorhold.ceremony.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.anchorhold.ceremony.cert.Pem;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Builds CSRs for tests, good and defective, as an issuer would send them. Keys come from a
 * BouncyCastle provider instance (the JDK no longer makes P-192 keys); the provider is never
 * registered, so the code under test cannot fall back to it.
 */
public final class CsrFixtures {
  /** A BouncyCastle provider instance for fixture keys and signatures only. */
  public static final Provider BC = new BouncyCastleProvider();

  private final KeyPair keyPair;
  private X500Name subject = new X500Name("O=Anchorhold Test,CN=aws-east");
  private final List<GeneralName> sans = new ArrayList<>();
  private final List<Extension> extensions = new ArrayList<>();
  private boolean corruptSignature;

  private CsrFixtures(KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  /** A CSR builder for a fresh EC key on the named curve, such as secp256r1. */
  public static CsrFixtures ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
      generator.initialize(new ECGenParameterSpec(curve));
      return new CsrFixtures(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CSR builder for a fresh RSA key of this size. */
  public static CsrFixtures rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", BC);
      generator.initialize(bits);
      return new CsrFixtures(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CSR builder for a fresh Ed25519 key. */
  public static CsrFixtures ed25519() {
    try {
      return new CsrFixtures(KeyPairGenerator.getInstance("Ed25519", BC).generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public CsrFixtures subject(String name) {
    subject = new X500Name(name);
    return this;
  }

  public CsrFixtures uri(String uri) {
    sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    return this;
  }

  public CsrFixtures dns(String name) {
    sans.add(new GeneralName(GeneralName.dNSName, name));
    return this;
  }

  public CsrFixtures ip(String address) {
    sans.add(new GeneralName(GeneralName.iPAddress, address));
    return this;
  }

  /** Requests an extension with the given DER value. */
  public CsrFixtures extension(ASN1ObjectIdentifier oid, boolean critical, byte[] value) {
    try {
      extensions.add(new Extension(oid, critical, new DEROctetString(value)));
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Flips a bit of the signature, so proof of possession fails. */
  public CsrFixtures corruptSignature() {
    corruptSignature = true;
    return this;
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  /** The DER CSR. */
  public byte[] der() {
    try {
      PKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
      List<Extension> requested = new ArrayList<>(extensions);
      if (!sans.isEmpty()) {
        requested.add(new Extension(Extension.subjectAlternativeName, false,
            new DEROctetString(new GeneralNames(sans.toArray(GeneralName[]::new)))));
      }
      if (!requested.isEmpty()) {
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
            new Extensions(requested.toArray(Extension[]::new)));
      }
      PKCS10CertificationRequest request = builder.build(
          new JcaContentSignerBuilder(signatureAlgorithm(keyPair.getPrivate()))
          .setProvider(BC).build(keyPair.getPrivate()));
      byte[] der = request.getEncoded();
      if (corruptSignature) {
        der[der.length - 3] ^= 0x01;
      }
      return der;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build a CSR fixture", e);
    }
  }

  /** The PEM CSR. */
  public String pem() {
    return Pem.encode("CERTIFICATE REQUEST", der());
  }

  /** Writes the PEM CSR to a file named after its defect, and returns the path. */
  public Path write(Path directory, String name) {
    try {
      Files.createDirectories(directory);
      return Files.writeString(directory.resolve(name), pem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the private key as PKCS#8 PEM, as an issuer keeps it. */
  public Path writeKey(Path file) {
    try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
      writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
          keyPair.getPrivate(), null));
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "Ed25519" -> "Ed25519";
      default -> "SHA256withECDSA";
    };
  }
}
