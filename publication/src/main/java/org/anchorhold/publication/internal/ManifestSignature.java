package org.anchorhold.publication.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationSigner;

/** Verification of the manifest JWS and its signer certificate (RFC 7515, RFC 5280 §6). */
public final class ManifestSignature {
  private static final Pattern COMPACT = Pattern.compile(
      "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Set<String> HEADER_KEYS = Set.of("alg", "typ", "x5c");
  private static final int MAX_JWS = 1024 * 1024;
  // RFC 5280 §4.2: extensions a publication certificate may mark critical.
  private static final Set<String> KNOWN_CRITICAL = Set.of(
      "2.5.29.15", "2.5.29.19", "2.5.29.17", "2.5.29.37");
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  private ManifestSignature() {}

  /** A verified manifest, the publication certificate that signed it, and the trusted root. */
  public record Signed(Manifest manifest, X509Certificate signer, X509Certificate root) {}

  /** Verifies everything about the JWS but revocation and manifest expiry. */
  public static Signed verify(byte[] manifestJson, byte[] manifestJws,
      List<X509Certificate> trustedRoots, Instant now) throws PublicationException {
    if (manifestJws.length > MAX_JWS) {
      throw new PublicationException("manifest.jws is larger than " + MAX_JWS + " bytes");
    }
    String compact = new String(manifestJws, StandardCharsets.US_ASCII);
    if (!COMPACT.matcher(compact).matches()) {
      throw new PublicationException("manifest.jws is not a compact jws with an attached"
          + " payload (three base64url parts, nothing else)");
    }
    Header header = checkHeader(compact);
    List<X509Certificate> x5c = header.x5c();
    checkAlgorithm(header.alg(), x5c.get(0).getPublicKey());
    JWSObject jws;
    try {
      jws = JWSObject.parse(compact);
    } catch (ParseException e) {
      throw new PublicationException("manifest.jws does not parse: " + e.getMessage(), e);
    }

    X509Certificate signer = x5c.get(0);
    X509Certificate root = issuingRoot(signer, trustedRoots);
    if (x5c.size() == 2 && !Arrays.equals(Certificates.der(x5c.get(1)),
        Certificates.der(root))) {
      throw new PublicationException("manifest.jws x5c[1] is not the trusted root that issued"
          + " the publication certificate");
    }
    checkSigner(signer, root, now);
    checkSignature(jws, signer.getPublicKey());

    if (!Arrays.equals(jws.getPayload().toBytes(), manifestJson)) {
      throw new PublicationException("manifest.json differs from the payload signed in"
          + " manifest.jws");
    }
    return new Signed(Manifest.parse(manifestJson), signer, root);
  }

  private record Header(String alg, List<X509Certificate> x5c) {}

  private static Header checkHeader(String compact) throws PublicationException {
    byte[] headerJson;
    try {
      headerJson = Base64.getUrlDecoder().decode(compact.substring(0, compact.indexOf('.')));
    } catch (IllegalArgumentException e) {
      throw new PublicationException("manifest.jws header is not base64url");
    }
    JsonNode header;
    try {
      header = StrictJson.parseObject(headerJson, "manifest.jws header");
      StrictJson.requireKeys(header, "manifest.jws header", HEADER_KEYS, Set.of());
      String typ = StrictJson.string(header, "manifest.jws header", "typ");
      if (!PublicationSigner.JWS_TYPE.equals(typ)) {
        throw new PublicationException("manifest.jws header typ must be "
            + PublicationSigner.JWS_TYPE);
      }
      String alg = StrictJson.string(header, "manifest.jws header", "alg");
      List<JsonNode> entries = StrictJson.array(header, "manifest.jws header", "x5c");
      if (entries.isEmpty() || entries.size() > 2) {
        throw new PublicationException("manifest.jws header x5c must hold the publication"
            + " certificate and at most its root");
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        certs.add(x5cEntry(entries.get(i), i));
      }
      return new Header(alg, certs);
    } catch (StrictJsonException e) {
      throw new PublicationException(e.getMessage());
    }
  }

  private static X509Certificate x5cEntry(JsonNode entry, int index)
      throws PublicationException {
    String where = "manifest.jws header x5c[" + index + "]";
    if (!entry.isTextual()) {
      throw new PublicationException(where + " must be a string");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(entry.textValue());
    } catch (IllegalArgumentException e) {
      throw new PublicationException(where + " must be standard base64 (RFC 7515 §4.1.6)");
    }
    if (!Base64.getEncoder().encodeToString(der).equals(entry.textValue())) {
      throw new PublicationException(where + " must be padded standard base64");
    }
    try {
      return Certificates.parseDer(der, where);
    } catch (CertificateException e) {
      throw new PublicationException(where + " is not a der certificate", e);
    }
  }

  private static X509Certificate issuingRoot(X509Certificate signer,
      List<X509Certificate> trustedRoots) throws PublicationException {
    for (X509Certificate root : trustedRoots) {
      if (Certificates.isSignedBy(signer, root)) {
        return root;
      }
    }
    throw new PublicationException("publication certificate '"
        + signer.getSubjectX500Principal().getName() + "' is not issued by a trusted root");
  }

  private static void checkSigner(X509Certificate signer, X509Certificate root, Instant now)
      throws PublicationException {
    Date date = Date.from(now);
    try {
      root.checkValidity(date);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new PublicationException("trusted root '"
          + root.getSubjectX500Principal().getName() + "' is not valid at " + now);
    }
    try {
      signer.checkValidity(date);
    } catch (CertificateExpiredException e) {
      throw new PublicationException("publication certificate expired at "
          + signer.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new PublicationException("publication certificate is not valid before "
          + signer.getNotBefore().toInstant());
    }
    if (signer.getBasicConstraints() != -1) {
      throw new PublicationException("publication certificate must not be a ca");
    }
    boolean[] usage = signer.getKeyUsage();
    if (usage == null || !usage[DIGITAL_SIGNATURE] || bit(usage, KEY_CERT_SIGN)
        || bit(usage, CRL_SIGN)) {
      throw new PublicationException("publication certificate key usage must be"
          + " digitalSignature, without keyCertSign or cRLSign");
    }
    Set<String> critical = signer.getCriticalExtensionOIDs();
    if (critical != null && !KNOWN_CRITICAL.containsAll(critical)) {
      throw new PublicationException("publication certificate has an unknown critical"
          + " extension");
    }
  }

  private static boolean bit(boolean[] usage, int index) {
    return usage.length > index && usage[index];
  }

  private static void checkAlgorithm(String alg, PublicKey key) throws PublicationException {
    Set<JWSAlgorithm> accepted = JwsAlgorithms.accepted(key);
    if (accepted.isEmpty()) {
      throw new PublicationException("publication certificate key must be ec p-256, ec p-384"
          + " or rsa of at least " + JwsAlgorithms.MIN_RSA_BITS + " bits");
    }
    // RFC 8725 §3.1: the key, not the header, decides the algorithm.
    if (accepted.stream().noneMatch(a -> a.getName().equals(alg))) {
      throw new PublicationException("manifest.jws alg '" + alg
          + "' does not match the publication key (expected "
          + accepted.stream().map(JWSAlgorithm::getName).sorted().toList() + ")");
    }
  }

  private static void checkSignature(JWSObject jws, PublicKey key) throws PublicationException {
    try {
      JWSVerifier verifier = key instanceof RSAPublicKey rsa
          ? new RSASSAVerifier(rsa)
          : new ECDSAVerifier((ECPublicKey) key);
      if (!jws.verify(verifier)) {
        throw new PublicationException("manifest.jws signature does not verify with the"
            + " publication certificate's key");
      }
    } catch (JOSEException e) {
      throw new PublicationException("manifest.jws signature cannot be verified: "
          + e.getMessage(), e);
    }
  }
}
