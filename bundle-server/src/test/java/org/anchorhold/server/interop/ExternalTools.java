package org.anchorhold.server.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tools we did not write; a missing tool fails the test with the Debian package's name. */
public final class ExternalTools {
  /** What a tool printed and returned. */
  public record Run(int exit, String output) {}

  private ExternalTools() {}

  /** The path of a tool, or a failure naming the package that provides it. */
  public static String require(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    for (Path candidate : List.of(Path.of("/usr/sbin", tool), Path.of("/usr/lib/go-1.19/bin",
        tool))) {
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail(tool + " is missing: install the Debian package " + debianPackage);
  }

  /** Runs a command with a time bound; output and error streams merged. */
  public static Run run(List<String> command, Path workDir, long timeoutSeconds,
      String... environment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true);
    for (int i = 0; i + 1 < environment.length; i += 2) {
      builder.environment().put(environment[i], environment[i + 1]);
    }
    Path log = Files.createTempFile(Repo.target("tool-logs"), "tool-", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return fail(command.get(0) + " did not finish within " + timeoutSeconds + " s: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
