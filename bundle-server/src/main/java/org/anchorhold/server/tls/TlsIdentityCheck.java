package org.anchorhold.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The start-up checks of a serving identity (FIELD-CASES F16): the key fits the certificate,
 * the certificate is valid now, its names include the server name, its usages allow TLS serving,
 * and the chain is complete and in order. Each failure says what is wrong.
 */
public final class TlsIdentityCheck {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;
  private static final int KU_DIGITAL_SIGNATURE = 0;
  private static final String EKU_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String EKU_ANY = "2.5.29.37.0";

  private TlsIdentityCheck() {}

  /**
   * Runs every check.
   *
   * @param serverName the name clients connect to, or null to skip the name check
   * @throws TlsIdentityException naming the first problem found
   */
  public static void check(TlsIdentity identity, String serverName, Instant now)
      throws TlsIdentityException {
    X509Certificate leaf = identity.leaf();
    keyMatches(leaf, identity.key());
    for (X509Certificate cert : identity.chain()) {
      validAt(cert, now, cert == leaf ? "tls certificate" : "tls chain certificate");
    }
    usages(leaf);
    if (serverName != null) {
      namesHost(leaf, serverName);
    }
    chainComplete(identity.chain());
  }

  /** Signs a random challenge with the key and verifies it with the certificate's key. */
  static void keyMatches(X509Certificate leaf, PrivateKey key) throws TlsIdentityException {
    PublicKey publicKey = leaf.getPublicKey();
    if (!sameFamily(publicKey.getAlgorithm(), key.getAlgorithm())) {
      throw new TlsIdentityException("tls key does not match the certificate: the key is "
          + key.getAlgorithm() + ", the certificate holds " + publicKey.getAlgorithm());
    }
    try {
      String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new TlsIdentityException("tls key does not match the certificate '"
            + leaf.getSubjectX500Principal().getName() + "'");
      }
    } catch (GeneralSecurityException e) {
      throw new TlsIdentityException("tls key does not match the certificate '"
          + leaf.getSubjectX500Principal().getName() + "': " + e.getMessage(), e);
    }
  }

  private static boolean sameFamily(String certAlgorithm, String keyAlgorithm) {
    return normalise(certAlgorithm).equals(normalise(keyAlgorithm));
  }

  private static String normalise(String algorithm) {
    return switch (algorithm) {
      case "ECDSA" -> "EC";
      case "Ed25519", "Ed448" -> "EdDSA";
      default -> algorithm;
    };
  }

  private static String signatureAlgorithm(String keyAlgorithm) throws TlsIdentityException {
    return switch (normalise(keyAlgorithm)) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "EdDSA" -> "EdDSA";
      default -> throw new TlsIdentityException(
          "tls key type " + keyAlgorithm + " is not supported; use EC or RSA");
    };
  }

  private static void validAt(X509Certificate cert, Instant now, String what)
      throws TlsIdentityException {
    try {
      cert.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new TlsIdentityException(what + " '" + cert.getSubjectX500Principal().getName()
          + "' expired at " + cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new TlsIdentityException(what + " '" + cert.getSubjectX500Principal().getName()
          + "' is not valid before " + cert.getNotBefore().toInstant());
    }
  }

  /** RFC 5280 §4.2.1.3 and §4.2.1.12: usages, if present, must allow a TLS server. */
  private static void usages(X509Certificate leaf) throws TlsIdentityException {
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage != null && !keyUsage[KU_DIGITAL_SIGNATURE]) {
      throw new TlsIdentityException(
          "tls certificate keyUsage lacks digitalSignature, which ECDHE and TLS 1.3 need");
    }
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      if (eku != null && !eku.contains(EKU_SERVER_AUTH) && !eku.contains(EKU_ANY)) {
        throw new TlsIdentityException(
            "tls certificate extendedKeyUsage lacks serverAuth; clients will refuse it");
      }
    } catch (CertificateParsingException e) {
      throw new TlsIdentityException("tls certificate extendedKeyUsage cannot be parsed", e);
    }
  }

  /** RFC 6125 §6.4: the name must be a DNS or IP subjectAltName; the common name is ignored. */
  static void namesHost(X509Certificate leaf, String serverName) throws TlsIdentityException {
    Collection<List<?>> names;
    try {
      names = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new TlsIdentityException("tls certificate subjectAltName cannot be parsed", e);
    }
    if (names == null || names.isEmpty()) {
      throw new TlsIdentityException("tls certificate has no subjectAltName; clients ignore the"
          + " common name, so it must name '" + serverName + "' as a dNSName");
    }
    byte[] address = ipLiteral(serverName);
    StringBuilder found = new StringBuilder();
    for (List<?> name : names) {
      int type = (Integer) name.get(0);
      String value = String.valueOf(name.get(1));
      if (type == SAN_DNS && address == null && dnsMatches(value, serverName)) {
        return;
      }
      if (type == SAN_IP && address != null && Arrays.equals(ipLiteral(value), address)) {
        return;
      }
      if (type == SAN_DNS || type == SAN_IP) {
        found.append(found.length() == 0 ? "" : ", ").append(value);
      }
    }
    throw new TlsIdentityException("tls certificate subjectAltName does not name '" + serverName
        + "'; it names: " + (found.length() == 0 ? "no DNS or IP name" : found));
  }

  /** A literal match, or a wildcard standing for exactly one left-most label. */
  static boolean dnsMatches(String pattern, String host) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    if (p.endsWith(".")) {
      p = p.substring(0, p.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (p.startsWith("*.")) {
      int dot = h.indexOf('.');
      return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
    }
    return p.equals(h);
  }

  private static byte[] ipLiteral(String value) {
    String v = value.startsWith("[") && value.endsWith("]")
        ? value.substring(1, value.length() - 1) : value;
    boolean looksNumeric = v.indexOf(':') >= 0 || v.matches("[0-9.]+");
    if (!looksNumeric) {
      return null;
    }
    try {
      return InetAddress.getByName(v).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Each certificate must be issued by the next one. A leaf alone must be self-signed or issued
   * by a root the JDK trusts: otherwise its intermediate is missing and clients cannot build
   * the path (FIELD-CASES F16).
   */
  static void chainComplete(List<X509Certificate> chain) throws TlsIdentityException {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate child = chain.get(i);
      X509Certificate parent = chain.get(i + 1);
      if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())
          || !signedBy(child, parent.getPublicKey())) {
        throw new TlsIdentityException("tls chain is out of order: certificate " + (i + 2)
            + " '" + parent.getSubjectX500Principal().getName() + "' did not issue certificate "
            + (i + 1) + " '" + child.getSubjectX500Principal().getName() + "'");
      }
    }
    X509Certificate last = chain.get(chain.size() - 1);
    boolean selfSigned = last.getIssuerX500Principal().equals(last.getSubjectX500Principal())
        && signedBy(last, last.getPublicKey());
    if (selfSigned || (chain.size() > 1 && last.getBasicConstraints() >= 0)) {
      // A chain that ends in a CA certificate leaves out only the root, which clients hold.
      return;
    }
    for (X509Certificate root : systemRoots()) {
      if (root.getSubjectX500Principal().equals(last.getIssuerX500Principal())
          && signedBy(last, root.getPublicKey())) {
        return;
      }
    }
    throw new TlsIdentityException("tls chain is incomplete: the issuer '"
        + last.getIssuerX500Principal().getName() + "' of '"
        + last.getSubjectX500Principal().getName()
        + "' is not in the certificate file; append the intermediate (or the private root)");
  }

  private static boolean signedBy(X509Certificate cert, PublicKey key) {
    try {
      cert.verify(key);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509Certificate[] systemRoots() throws TlsIdentityException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (var manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509.getAcceptedIssuers();
        }
      }
      return new X509Certificate[0];
    } catch (GeneralSecurityException e) {
      throw new TlsIdentityException("system trust store cannot be read", e);
    }
  }
}
