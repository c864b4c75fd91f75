package org.anchorhold.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program with a time limit and captures what it printed. */
public final class Command {
  private final List<String> argv = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private Path directory;
  private String stdin = "";
  private Duration timeout = Duration.ofMinutes(3);

  private Command(List<String> argv) {
    this.argv.addAll(argv);
  }

  /** A command line; the program must exist, or the test fails naming it. */
  public static Command of(String... argv) {
    return new Command(List.of(argv));
  }

  public Command env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public Command env(Map<String, String> values) {
    environment.putAll(values);
    return this;
  }

  public Command in(Path workingDirectory) {
    this.directory = workingDirectory;
    return this;
  }

  public Command stdin(String text) {
    this.stdin = text;
    return this;
  }

  public Command timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** What a finished program printed, and its exit code. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for messages and secret scans. */
    public String output() {
      return stdout + stderr;
    }
  }

  /** Runs to completion; a program that outlives its time limit is killed and fails the test. */
  public Result run() {
    try {
      Path out = Files.createTempFile("anchorhold-out", ".txt");
      Path err = Files.createTempFile("anchorhold-err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(argv)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("timed out after " + timeout + ": " + argv);
      }
      Result result = new Result(process.exitValue(), Files.readString(out),
          Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + argv + ": " + e.getMessage()
          + " (is the program installed? bin/test installs the Debian packages)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + argv, e);
    }
  }

  /**
   * Starts the program with standard input left open for the caller, standard output and error
   * going to the given files; the caller waits for it, bounded, and stops it if need be.
   */
  public Process start(Path out, Path err) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs and requires exit code 0, returning the result. */
  public Result ok() {
    Result result = run();
    if (result.exitCode() != 0) {
      throw new AssertionError(argv + " exited " + result.exitCode() + "\n" + result.output());
    }
    return result;
  }
}
