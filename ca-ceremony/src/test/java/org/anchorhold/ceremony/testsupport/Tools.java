package org.anchorhold.ceremony.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External verifiers we did not write; a missing one fails the test naming its package. */
public final class Tools {
  private Tools() {}

  /** What a tool printed and its exit code; stdout and stderr together. */
  public record Output(int exit, String text) {}

  /** Runs openssl with these arguments. */
  public static Output openssl(String... args) throws Exception {
    return run("openssl", "openssl", args);
  }

  private static Output run(String tool, String debianPackage, String... args) throws Exception {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      found |= Files.isExecutable(Path.of(dir, tool));
    }
    if (!found) {
      throw new AssertionError(tool + " is missing; install it with: apt-get install -y "
          + debianPackage);
    }
    List<String> command = new java.util.ArrayList<>(List.of(tool));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(tool + " timed out");
    }
    return new Output(process.exitValue(), text);
  }
}
