package org.anchorhold.server.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and this module's build directory are. */
public final class Repo {
  private Repo() {}

  /** The repository root: the {@code anchorhold.repo} property, else the module's parent. */
  public static Path root() {
    String property = System.getProperty("anchorhold.repo");
    Path root = property != null ? Path.of(property)
        : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("repository root not found at '" + root + "'");
    }
    return root;
  }

  /** A fresh directory under this module's target/. */
  public static Path target(String name) throws IOException {
    Path dir = Path.of("target").toAbsolutePath().resolve(name);
    Files.createDirectories(dir);
    return dir;
  }
}
