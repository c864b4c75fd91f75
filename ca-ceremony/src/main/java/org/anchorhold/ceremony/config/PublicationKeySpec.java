package org.anchorhold.ceremony.config;

import org.anchorhold.ceremony.hsm.KeyAlgorithm;

/**
 * The publication key the root ceremony generates beside the root key: its label and algorithm.
 * When the root ceremony file has no {@code publication-key} section, {@link #defaultFor} gives
 * the label {@code <key.label>-publication} and {@code ecdsa-p256}.
 */
public record PublicationKeySpec(String label, KeyAlgorithm algorithm) {
  /** The label suffix of a default publication key. */
  public static final String SUFFIX = "-publication";

  /** The algorithm of a default publication key. */
  public static final KeyAlgorithm DEFAULT_ALGORITHM = KeyAlgorithm.ECDSA_P256;

  public PublicationKeySpec {
    ConfigProblem.required("label", label);
    if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new ConfigProblem("label",
          "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    algorithm = algorithm == null ? DEFAULT_ALGORITHM : algorithm;
  }

  /** The publication key of a root key without a {@code publication-key} section. */
  public static PublicationKeySpec defaultFor(KeySpec rootKey) {
    return new PublicationKeySpec(rootKey.label() + SUFFIX, DEFAULT_ALGORITHM);
  }
}
