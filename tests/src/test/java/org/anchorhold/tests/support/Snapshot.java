package org.anchorhold.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a refused ceremony must leave unchanged: every file under a workspace by path and SHA-256.
 * Token files are compared through their objects instead, since SoftHSM2 rewrites them on a
 * failed login.
 */
public final class Snapshot {
  private Snapshot() {}

  /**
   * Path to SHA-256 of every regular file under {@code root}, except under the subdirectory
   * {@code excluded} (empty for none); empty if {@code root} does not exist.
   */
  public static Map<String, String> of(Path root, String excluded) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        // SoftHSM2 rewrites its lock files on every open; they hold no objects.
        boolean skipped = !excluded.isEmpty() && root.relativize(path).startsWith(excluded);
        if (!skipped && !path.getFileName().toString().endsWith(".lock")) {
          files.put(root.relativize(path).toString(), sha256(Files.readAllBytes(path)));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
