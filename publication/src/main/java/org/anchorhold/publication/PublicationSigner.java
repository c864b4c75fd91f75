package org.anchorhold.publication;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.anchorhold.publication.internal.JwsAlgorithms;

/**
 * Signs manifests as a compact JWS with a private key from a given JCA provider (SunPKCS11 in a
 * ceremony, a software provider in tests), carrying the signer's certificate chain in
 * {@code x5c}. Every signature is verified with the certificate's public key before it is
 * returned, so a key that does not match its certificate never produces a publication.
 */
public final class PublicationSigner {
  /** The JWS {@code typ} of a manifest signature. */
  public static final String JWS_TYPE = "anchorhold-manifest+json";

  private final PrivateKey privateKey;
  private final Provider provider;
  private final List<X509Certificate> chain;
  private final JWSAlgorithm algorithm;

  private PublicationSigner(PrivateKey privateKey, Provider provider,
      List<X509Certificate> chain) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.chain = List.copyOf(chain);
    if (this.chain.isEmpty()) {
      throw new IllegalArgumentException("signer chain must hold the publication certificate");
    }
    this.algorithm = JwsAlgorithms.forSigning(this.chain.get(0).getPublicKey());
    String keyType = this.chain.get(0).getPublicKey().getAlgorithm();
    if (!keyType.equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("private key type " + privateKey.getAlgorithm()
          + " does not match the publication certificate's " + keyType);
    }
  }

  /**
   * A signer for a private key held by {@code provider}; {@code chain} starts with the
   * publication certificate, optionally followed by the root that issued it.
   */
  public static PublicationSigner of(PrivateKey privateKey, Provider provider,
      List<X509Certificate> chain) {
    return new PublicationSigner(privateKey, provider, chain);
  }

  /** The signer's certificate chain, publication certificate first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The publication certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The JWS algorithm the key fixes: ES256, ES384 or RS256. */
  public String algorithm() {
    return algorithm.getName();
  }

  /** A compact JWS over the payload, header {@code alg}, {@code typ} and {@code x5c} only. */
  public String sign(byte[] payload) throws PublicationException {
    try {
      JWSHeader header = new JWSHeader.Builder(algorithm)
          .type(new JOSEObjectType(JWS_TYPE))
          .x509CertChain(encodedChain())
          .build();
      JWSObject jws = new JWSObject(header, new Payload(payload));
      jws.sign(signer());
      String compact = jws.serialize();
      verifyOwnSignature(compact, payload);
      return compact;
    } catch (JOSEException e) {
      throw new PublicationException("signing the manifest failed: " + e.getMessage(), e);
    }
  }

  private JWSSigner signer() throws JOSEException {
    if (algorithm.equals(JWSAlgorithm.RS256)) {
      RSASSASigner rsa = new RSASSASigner(privateKey);
      rsa.getJCAContext().setProvider(provider);
      return rsa;
    }
    ECPublicKey publicKey = (ECPublicKey) certificate().getPublicKey();
    ECDSASigner ec = new ECDSASigner(privateKey,
        JwsAlgorithms.curve(publicKey).orElseThrow());
    // The provider's SHAxxxwithECDSA output is DER; nimbus converts it to the fixed-width
    // R || S form that RFC 7518 §3.4 requires.
    ec.getJCAContext().setProvider(provider);
    return ec;
  }

  private void verifyOwnSignature(String compact, byte[] payload)
      throws JOSEException, PublicationException {
    JWSObject parsed;
    try {
      parsed = JWSObject.parse(compact);
    } catch (ParseException e) {
      throw new PublicationException("the signed manifest does not parse back", e);
    }
    JWSVerifier verifier = certificate().getPublicKey() instanceof RSAPublicKey rsa
        ? new RSASSAVerifier(rsa)
        : new ECDSAVerifier((ECPublicKey) certificate().getPublicKey());
    if (!parsed.verify(verifier)
        || !Arrays.equals(parsed.getPayload().toBytes(), payload)) {
      throw new PublicationException("the manifest signature does not verify with the"
          + " publication certificate's key: key and certificate do not match");
    }
  }

  private List<Base64> encodedChain() throws PublicationException {
    List<Base64> encoded = new ArrayList<>();
    for (X509Certificate cert : chain) {
      try {
        encoded.add(Base64.encode(cert.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new PublicationException("publication certificate cannot be encoded", e);
      }
    }
    return encoded;
  }

  @Override
  public String toString() {
    return "PublicationSigner[" + algorithm + ", "
        + certificate().getSubjectX500Principal().getName() + "]";
  }
}
