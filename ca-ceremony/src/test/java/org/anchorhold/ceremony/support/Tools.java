package org.anchorhold.ceremony.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external tools for ITs (the built ceremony jar, openssl, go, the SoftHSM2 set-up script)
 * with a bounded time, capturing exit code and output. A missing tool fails the test with the
 * Debian package that provides it.
 */
public final class Tools {
  /** The repository root (the module's parent). */
  public static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private static final Map<String, String> PACKAGES = Map.of(
      "openssl", "openssl", "go", "golang-go", "softhsm2-util", "softhsm2",
      "pkcs11-tool", "opensc", "java", "openjdk-17-jdk-headless");

  private Tools() {}

  /** What a process did. */
  public record Result(int exit, String stdout, String stderr) {
    /** Both streams, for assertion messages. */
    public String output() {
      return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** Fails unless the tool is on the PATH. */
  public static void require(String tool) {
    for (String directory : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(directory, tool))) {
        return;
      }
    }
    throw new AssertionError(tool + " is missing; install it with: apt-get install -y "
        + PACKAGES.getOrDefault(tool, tool));
  }

  /** Runs a command in a directory with extra environment variables; at most 300 seconds. */
  public static Result run(Path directory, Map<String, String> environment, List<String> command) {
    require(command.get(0).contains("/") ? "java" : command.get(0));
    try {
      Path out = Files.createTempFile(directory, ".out", ".txt");
      Path err = Files.createTempFile(directory, ".err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after 300 s: " + command);
      }
      Result result = new Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs a command and fails the test unless it exits 0. */
  public static Result ok(Path directory, Map<String, String> environment, List<String> command) {
    Result result = run(directory, environment, command);
    if (result.exit() != 0) {
      throw new AssertionError(command + " failed: " + result.output());
    }
    return result;
  }
}
