package org.anchorhold.ceremony.config;

import java.util.HexFormat;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;

/**
 * A key to generate in the HSM: its label, algorithm and, optionally, its CKA_ID in hexadecimal
 * (random when absent).
 */
public record KeySpec(String label, KeyAlgorithm algorithm, String id) {

  public KeySpec {
    ConfigProblem.required("label", label);
    if (!label.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new ConfigProblem("label",
          "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    ConfigProblem.required("algorithm", algorithm);
    if (id != null && !id.matches("([0-9a-f]{2}){1,32}")) {
      throw new ConfigProblem("id", "must be 1 to 32 bytes in lowercase hexadecimal");
    }
    if (id != null && (id.startsWith("00") || id.charAt(0) >= '8')) {
      // SunPKCS11 reads template byte strings as positive integers: a leading 00 is dropped
      // and a first byte of 80 or more gains a 00, so only 01 to 7f round-trips exactly.
      throw new ConfigProblem("id", "must start with a byte from 01 to 7f");
    }
  }

  /** The configured CKA_ID, if any. */
  public byte[] idBytes() {
    return id == null ? null : HexFormat.of().parseHex(id);
  }
}
