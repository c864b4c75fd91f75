package org.anchorhold.ceremony.cert;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** PEM encoding and SHA-256 fingerprints of DER objects. */
public final class Pem {
  private Pem() {}

  /** PEM text of a DER object of the given type, such as CERTIFICATE or X509 CRL. */
  public static String encode(String type, byte[] der) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to memory failed", e);
    }
    return text.toString();
  }

  /** The lowercase hexadecimal SHA-256 of some bytes. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  /** The SHA-256 fingerprint as OpenSSL prints it: uppercase pairs separated by colons. */
  public static String fingerprint(byte[] der) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(der));
  }

  /** SHA-256 of UTF-8 text. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
