package org.anchorhold.ceremony.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one SoftHSM2 token directory of an IT run. SoftHSM2 reads SOFTHSM2_CONF when a process
 * first initialises it and does not see tokens created later, so the token is made once, before
 * any PKCS#11 call in this JVM; each test makes its own keys on it under unique labels.
 */
public final class ItHsm {
  /** The token every IT uses. */
  public static final String TOKEN = "anchorhold-it";

  /** The PKCS#11 module of Debian's softhsm2 package. */
  public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  private static Path directory;

  private ItHsm() {}

  /** The token directory, created on first use; its PIN is in {@code pin} beside it. */
  public static synchronized Path directory() {
    if (directory != null) {
      return directory;
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new IllegalStateException("SOFTHSM2_CONF is not set; run the ITs through maven "
          + "failsafe, which sets it to target/it-hsm/softhsm2.conf");
    }
    if (!Files.isRegularFile(MODULE)) {
      throw new IllegalStateException(MODULE + " is missing; install it with: apt-get install "
          + "-y softhsm2 opensc");
    }
    Path dir = Path.of(conf).getParent();
    try {
      deleteTree(dir);
      Files.createDirectories(dir);
      Path pin = dir.resolve("pin");
      Files.writeString(pin, "it-pin-4711\n");
      Process process = new ProcessBuilder(repo().resolve("hsm-config/softhsm-token.sh")
          .toString(), dir.toString(), TOKEN, pin.toString())
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("softhsm-token.sh failed: " + output);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot create the IT token: " + e, e);
    }
    directory = dir;
    return dir;
  }

  /** The PIN file of the token. */
  public static Path pinFile() {
    return directory().resolve("pin");
  }

  /** The repository root. */
  public static Path repo() {
    return Path.of(System.getProperty("anchorhold.repo", "..")).toAbsolutePath().normalize();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
