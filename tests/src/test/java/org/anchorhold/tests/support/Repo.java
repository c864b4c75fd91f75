package org.anchorhold.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout under test, as Maven passes it to the integration tests. */
public final class Repo {
  private Repo() {}

  /** The repository root. */
  public static Path root() {
    String property = System.getProperty("anchorhold.repo");
    Path root = property != null ? Path.of(property) : Path.of("..").toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isDirectory(root.resolve("ca-ceremony"))) {
      throw new IllegalStateException("cannot find the Anchorhold checkout at " + root);
    }
    return root;
  }

  /** A file of the checkout. */
  public static Path file(String relative) {
    return root().resolve(relative);
  }
}
