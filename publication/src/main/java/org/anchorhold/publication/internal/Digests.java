package org.anchorhold.publication.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex. */
public final class Digests {
  private Digests() {}

  /** The lowercase hex SHA-256 of the bytes. */
  public static String sha256Hex(byte[] content) {
    return HexFormat.of().formatHex(sha256(content));
  }

  /** The SHA-256 of the bytes. */
  public static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("sha-256 is missing from the jdk", e);
    }
  }
}
