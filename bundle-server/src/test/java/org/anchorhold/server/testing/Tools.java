package org.anchorhold.server.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external tools we did not write; a missing tool fails the test naming its package. */
public final class Tools {
  private Tools() {}

  /**
   * What a tool printed and how it ended.
   *
   * @param exitCode the exit code
   * @param output stdout and stderr together
   */
  public record Result(int exitCode, String output) {}

  /** Fails unless {@code command} is on the PATH; {@code debianPackage} names what to install. */
  public static void require(String command, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return;
      }
    }
    fail(command + " is missing: install the Debian package " + debianPackage);
  }

  /** Runs {@code command} with {@code stdin}, killing it after {@code timeoutSeconds}. */
  public static Result run(List<String> command, String stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
        .start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        out.append("read failed: ").append(e);
      }
    });
    reader.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(5000);
      return new Result(-1, out + "\n(timed out after " + timeoutSeconds + " s)");
    }
    reader.join(5000);
    return new Result(process.exitValue(), out.toString());
  }
}
