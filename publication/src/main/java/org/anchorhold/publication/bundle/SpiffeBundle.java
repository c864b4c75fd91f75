package org.anchorhold.publication.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.internal.Certificates;
import org.anchorhold.publication.internal.Digests;
import org.anchorhold.publication.internal.JwsAlgorithms;
import org.anchorhold.publication.internal.StrictJson;
import org.anchorhold.publication.internal.StrictJsonException;

/**
 * A SPIFFE trust bundle of X.509 roots (SPIFFE Trust Domain and Bundle §4): a JWK Set with
 * {@code keys}, {@code spiffe_sequence} and {@code spiffe_refresh_hint}, one {@code x509-svid}
 * entry per root with {@code kty}, the key parameters and a one-certificate {@code x5c}, and
 * nothing else.
 */
public record SpiffeBundle(long sequence, long refreshHintSeconds, List<X509Certificate> roots) {
  /** The only {@code use} an entry may carry (SPIFFE Trust Domain and Bundle §4.2.1). */
  public static final String USE_X509_SVID = "x509-svid";

  private static final Set<String> TOP_KEYS =
      Set.of("keys", "spiffe_sequence", "spiffe_refresh_hint");
  private static final Set<String> EC_KEYS = Set.of("use", "kty", "crv", "x", "y", "x5c");
  private static final Set<String> RSA_KEYS = Set.of("use", "kty", "n", "e", "x5c");

  /** Refuses an empty or repeating root list, a non-root, a key of no accepted type. */
  public SpiffeBundle {
    roots = List.copyOf(roots);
    if (sequence < 0) {
      throw new IllegalArgumentException("spiffe_sequence must not be negative");
    }
    if (refreshHintSeconds < 1) {
      throw new IllegalArgumentException("spiffe_refresh_hint must be at least 1 second");
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("a bundle needs at least one root");
    }
    Set<String> seen = new HashSet<>();
    for (X509Certificate root : roots) {
      String subject = root.getSubjectX500Principal().getName();
      if (!Certificates.isSelfSigned(root) || root.getBasicConstraints() < 0) {
        throw new IllegalArgumentException("'" + subject
            + "' is not a self-signed ca certificate; a bundle holds roots only");
      }
      if (!seen.add(Digests.sha256Hex(Certificates.der(root)))) {
        throw new IllegalArgumentException("root '" + subject + "' is listed twice");
      }
      if (JwsAlgorithms.curve(root.getPublicKey()).isEmpty()
          && !(root.getPublicKey() instanceof RSAPublicKey)) {
        throw new IllegalArgumentException("root '" + subject
            + "' key must be ec p-256, ec p-384 or rsa");
      }
    }
  }

  /** The bundle as compact JSON, members in a fixed order. */
  public byte[] toJson() {
    ObjectNode bundle = StrictJson.mapper().createObjectNode();
    ArrayNode keys = bundle.putArray("keys");
    for (X509Certificate root : roots) {
      keys.add(entry(root));
    }
    bundle.put("spiffe_sequence", sequence);
    bundle.put("spiffe_refresh_hint", refreshHintSeconds);
    try {
      return StrictJson.mapper().writeValueAsBytes(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bundle could not be serialised", e);
    }
  }

  /** The same roots as PEM, in the same order. */
  public byte[] toPem() {
    return Certificates.toPem(roots);
  }

  /**
   * The one JWK of a root. The key parameters come from nimbus, which writes EC coordinates at
   * the curve's full width (RFC 7518 §6.2.1.2) and RSA integers unsigned and minimal
   * (RFC 7518 §6.3.1); the members are copied one by one so nothing else gets in.
   */
  static ObjectNode entry(X509Certificate root) {
    ObjectNode entry = StrictJson.mapper().createObjectNode();
    entry.put("use", USE_X509_SVID);
    PublicKey key = root.getPublicKey();
    if (key instanceof ECPublicKey ec) {
      Curve curve = JwsAlgorithms.curve(ec).orElseThrow(
          () -> new IllegalArgumentException("root ec key must be p-256 or p-384"));
      ECKey jwk = new ECKey.Builder(curve, ec).build();
      entry.put("kty", "EC");
      entry.put("crv", curve.getName());
      entry.put("x", jwk.getX().toString());
      entry.put("y", jwk.getY().toString());
    } else if (key instanceof RSAPublicKey rsa) {
      RSAKey jwk = new RSAKey.Builder(rsa).build();
      entry.put("kty", "RSA");
      entry.put("n", jwk.getModulus().toString());
      entry.put("e", jwk.getPublicExponent().toString());
    } else {
      throw new IllegalArgumentException("root key must be ec or rsa");
    }
    // SPIFFE Trust Domain and Bundle §4.2.2: exactly one certificate, standard base64 DER.
    entry.putArray("x5c").add(Base64.getEncoder().encodeToString(Certificates.der(root)));
    return entry;
  }

  /**
   * Reads a bundle strictly: any unknown or missing member, any entry that breaks a rule, and
   * the whole bundle is refused; it is never read in part (field case F11).
   */
  public static SpiffeBundle parse(byte[] json) throws PublicationException {
    try {
      JsonNode bundle = StrictJson.parseObject(json, "bundle");
      StrictJson.requireKeys(bundle, "bundle", TOP_KEYS, Set.of());
      long sequence = StrictJson.integer(bundle, "bundle", "spiffe_sequence", 0,
          Long.MAX_VALUE);
      long hint = StrictJson.integer(bundle, "bundle", "spiffe_refresh_hint", 1,
          Long.MAX_VALUE);
      List<JsonNode> keys = StrictJson.array(bundle, "bundle", "keys");
      if (keys.isEmpty()) {
        throw new PublicationException("bundle.keys must hold at least one root");
      }
      List<X509Certificate> roots = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        X509Certificate root = parseEntry(keys.get(i), "bundle.keys[" + i + "]");
        if (!seen.add(Digests.sha256Hex(Certificates.der(root)))) {
          throw new PublicationException("bundle.keys[" + i + "] repeats a root");
        }
        roots.add(root);
      }
      return new SpiffeBundle(sequence, hint, roots);
    } catch (StrictJsonException e) {
      throw new PublicationException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new PublicationException("bundle is invalid: " + e.getMessage());
    }
  }

  private static X509Certificate parseEntry(JsonNode entry, String where)
      throws StrictJsonException, PublicationException {
    if (!entry.isObject()) {
      throw new PublicationException(where + " must be an object");
    }
    String kty = StrictJson.string(entry, where, "kty");
    if (!kty.equals("EC") && !kty.equals("RSA")) {
      throw new PublicationException(where + ".kty must be EC or RSA");
    }
    StrictJson.requireKeys(entry, where, kty.equals("EC") ? EC_KEYS : RSA_KEYS, Set.of());
    if (!USE_X509_SVID.equals(StrictJson.string(entry, where, "use"))) {
      throw new PublicationException(where + ".use must be " + USE_X509_SVID);
    }
    X509Certificate cert = x5c(entry, where);
    if (!Certificates.isSelfSigned(cert) || cert.getBasicConstraints() < 0) {
      throw new PublicationException(where
          + ".x5c must be a self-signed ca certificate; a bundle holds roots only");
    }
    String certKty = cert.getPublicKey() instanceof ECPublicKey ? "EC" : "RSA";
    if (!certKty.equals(kty)) {
      throw new PublicationException(where + ".kty is " + kty + " but its certificate's key is "
          + cert.getPublicKey().getAlgorithm());
    }
    ObjectNode expected;
    try {
      expected = entry(cert);
    } catch (IllegalArgumentException e) {
      throw new PublicationException(where + ": " + e.getMessage());
    }
    if (!expected.equals(entry)) {
      throw new PublicationException(where + " key parameters must equal its x5c certificate's"
          + " key (base64url without padding, ec coordinates at full width)");
    }
    return cert;
  }

  private static X509Certificate x5c(JsonNode entry, String where)
      throws StrictJsonException, PublicationException {
    List<JsonNode> chain = StrictJson.array(entry, where, "x5c");
    if (chain.size() != 1) {
      throw new PublicationException(where + ".x5c must hold exactly one certificate");
    }
    JsonNode item = chain.get(0);
    if (!item.isTextual()) {
      throw new PublicationException(where + ".x5c[0] must be a string");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(item.textValue());
    } catch (IllegalArgumentException e) {
      throw new PublicationException(where + ".x5c[0] must be standard base64");
    }
    if (!Base64.getEncoder().encodeToString(der).equals(item.textValue())) {
      throw new PublicationException(where + ".x5c[0] must be padded standard base64");
    }
    try {
      return Certificates.parseDer(der, where + ".x5c[0]");
    } catch (CertificateException e) {
      throw new PublicationException(where + ".x5c[0] is not a der certificate");
    }
  }
}
