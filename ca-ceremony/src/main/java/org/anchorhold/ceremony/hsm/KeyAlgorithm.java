package org.anchorhold.ceremony.hsm;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The key types a root may have (PROFILES.md, root certificate), each with the one signature
 * algorithm whose hash matches its strength.
 */
public enum KeyAlgorithm {
  ECDSA_P256("ecdsa-p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
  ECDSA_P384("ecdsa-p384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
  RSA_3072("rsa-3072", "RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4),
      "SHA256withRSA"),
  RSA_4096("rsa-4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4),
      "SHA384withRSA");

  private final String configName;
  private final String jcaKeyType;
  private final AlgorithmParameterSpec generationSpec;
  private final String signatureAlgorithm;

  KeyAlgorithm(String configName, String jcaKeyType, AlgorithmParameterSpec generationSpec,
      String signatureAlgorithm) {
    this.configName = configName;
    this.jcaKeyType = jcaKeyType;
    this.generationSpec = generationSpec;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The name used in ceremony files, such as {@code ecdsa-p384}. */
  public String configName() {
    return configName;
  }

  /** The JCA key type, {@code EC} or {@code RSA}. */
  public String jcaKeyType() {
    return jcaKeyType;
  }

  /** The parameters for key pair generation. */
  public AlgorithmParameterSpec generationSpec() {
    return generationSpec;
  }

  /** The JCA signature algorithm used with keys of this type. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The algorithm with this ceremony-file name. */
  public static Optional<KeyAlgorithm> fromConfigName(String name) {
    return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst();
  }

  /** The algorithm of a public key, if it is one a CA key may have. */
  public static Optional<KeyAlgorithm> of(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == 256 ? Optional.of(ECDSA_P256)
          : bits == 384 ? Optional.of(ECDSA_P384) : Optional.empty();
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      return bits == 3072 ? Optional.of(RSA_3072)
          : bits == 4096 ? Optional.of(RSA_4096) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The ceremony-file names, comma separated, for error messages. */
  public static String configNames() {
    return String.join(", ", Arrays.stream(values()).map(KeyAlgorithm::configName).toList());
  }
}
