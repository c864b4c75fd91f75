package org.anchorhold.publication.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.Set;

/** Which JWS algorithms a publication key may use: the key type fixes them (RFC 7518 §3.1). */
public final class JwsAlgorithms {
  /** The smallest RSA modulus accepted for a publication key. */
  public static final int MIN_RSA_BITS = 2048;

  private JwsAlgorithms() {}

  /** The curve of an EC key, if it is P-256 or P-384. */
  public static Optional<Curve> curve(PublicKey key) {
    if (!(key instanceof ECPublicKey ec)) {
      return Optional.empty();
    }
    Curve curve = Curve.forECParameterSpec(ec.getParams());
    if (Curve.P_256.equals(curve) || Curve.P_384.equals(curve)) {
      return Optional.of(curve);
    }
    return Optional.empty();
  }

  /** The algorithm a signer uses for a key: ES256, ES384 or RS256. */
  public static JWSAlgorithm forSigning(PublicKey key) {
    Optional<Curve> curve = curve(key);
    if (curve.isPresent()) {
      return Curve.P_256.equals(curve.get()) ? JWSAlgorithm.ES256 : JWSAlgorithm.ES384;
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS) {
      return JWSAlgorithm.RS256;
    }
    throw new IllegalArgumentException("publication key must be ec p-256, ec p-384 or rsa of at"
        + " least " + MIN_RSA_BITS + " bits");
  }

  /** The algorithms a verifier accepts for a key; empty for a key of no accepted type. */
  public static Set<JWSAlgorithm> accepted(PublicKey key) {
    Optional<Curve> curve = curve(key);
    if (curve.isPresent()) {
      return Set.of(Curve.P_256.equals(curve.get()) ? JWSAlgorithm.ES256 : JWSAlgorithm.ES384);
    }
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS) {
      return Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    }
    return Set.of();
  }
}
