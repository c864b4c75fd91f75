package org.anchorhold.server.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/bundle-server} run as a separate process, as an operator runs it. */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("Server listening https=(\\S+) http=(\\S+) admin=(\\S+)");
  private final Process process;
  private final Path logFile;
  private String[] addresses;

  private ServerProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
  }

  /** The launcher in the repository, from the module directory surefire runs in. */
  public static Path launcher() {
    Path launcher = Path.of("").toAbsolutePath().getParent().resolve("bin/bundle-server");
    if (!Files.isExecutable(launcher)) {
      fail("launcher missing: " + launcher);
    }
    return launcher;
  }

  /**
   * Starts {@code bin/bundle-server serve ARGS}, its stderr going to {@code logFile}, and waits
   * until it listens or exits.
   */
  public static ServerProcess start(List<String> serveArgs, List<String> env, Path logFile)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher().toString(), "serve"));
    command.addAll(serveArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    for (String pair : env) {
      int eq = pair.indexOf('=');
      builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(logFile.toFile());
    ServerProcess server = new ServerProcess(builder.start(), logFile);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.addresses == null && System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(server.log());
      if (m.find()) {
        server.addresses = new String[] {m.group(1), m.group(2), m.group(3)};
      } else if (!server.process.isAlive()) {
        fail("server exited at start:\n" + server.log());
      } else {
        Thread.sleep(50);
      }
    }
    if (server.addresses == null) {
      server.close();
      fail("server did not start within 60 s:\n" + server.log());
    }
    return server;
  }

  /** Everything the server wrote to stderr so far. */
  public String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "log unreadable: " + e;
    }
  }

  /** The address of the https, http or admin listener. */
  public InetSocketAddress address(String kind) {
    String value = addresses[switch (kind) {
      case "https" -> 0;
      case "http" -> 1;
      default -> 2;
    }];
    if (value.equals("null")) {
      throw new IllegalStateException(kind + " listener not started");
    }
    int colon = value.lastIndexOf(':');
    return new InetSocketAddress("127.0.0.1", Integer.parseInt(value.substring(colon + 1)));
  }

  /** The process, e.g. for its pid. */
  public Process process() {
    return process;
  }

  /** Sends SIGTERM and waits up to 30 s; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("server ignored SIGTERM for 30 s:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
