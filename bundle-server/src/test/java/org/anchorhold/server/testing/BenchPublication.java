package org.anchorhold.server.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes a signed publication and its root for {@code bench/serve}: {@code DIR/publications/}
 * and {@code DIR/root.pem}. Not a test; run from the test classpath.
 */
public final class BenchPublication {
  private BenchPublication() {}

  /** {@code BenchPublication DIR}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path publications = Files.createDirectories(dir.resolve("publications"));
    Publications pki = new Publications(Duration.ofDays(2));
    Path written = pki.write(publications, 1);
    TestPki.writePem(dir.resolve("root.pem"), pki.root.cert());
    System.out.println(written);
  }
}
