package org.anchorhold.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.anchorhold.server.http.BundleHttpServer;
import org.anchorhold.server.http.HostPort;
import org.anchorhold.server.http.ServerLimits;
import org.anchorhold.server.serve.PublicationLoader;
import org.anchorhold.server.serve.PublicationRefusedException;
import org.anchorhold.server.serve.VerifyingLoader;
import org.anchorhold.server.tls.TlsEngine;
import org.anchorhold.server.tls.TlsOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bundle-server serve}: serves the newest valid publication until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serve the newest valid publication under DIR over HTTPS, following new ones.")
public final class ServeCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--publications", required = true, paramLabel = "DIR",
      description = "Directory holding one directory per publication sequence.")
  private Path publications;

  @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
      converter = HostPortConverter.class, description = "HTTPS listen address.")
  private HostPort listen;

  @Option(names = "--tls-cert", required = true, paramLabel = "PEM",
      description = "Serving certificate, then its intermediates (full chain, leaf first).")
  private Path tlsCert;

  @Option(names = "--tls-key", required = true, paramLabel = "PEM",
      description = "Private key of the serving certificate (unencrypted PEM).")
  private Path tlsKey;

  @Option(names = "--server-name", paramLabel = "NAME",
      description = "Host name clients use; the certificate must name it in subjectAltName.")
  private String serverName;

  @Option(names = "--trust-root", paramLabel = "PEM",
      description = "Root certificate that publications must chain to (repeatable). Default: "
          + "the roots of the newest publication at start, pinned for the run.")
  private List<Path> trustRoots = List.of();

  @Option(names = "--admin-listen", paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "Plain HTTP listener for /metrics and /healthz; keep it private.")
  private HostPort adminListen;

  @Option(names = "--http-listen", paramLabel = "HOST:PORT",
      converter = HostPortConverter.class,
      description = "Extra plain HTTP listener, for a TLS-terminating proxy in front.")
  private HostPort httpListen;

  @Option(names = "--rescan", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "30s", description = "Rescan interval of DIR and the TLS files "
          + "(file system events are followed too). Default: ${DEFAULT-VALUE}.")
  private Duration rescan;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "300s", description = "Longest Cache-Control max-age; the bundles' "
          + "refresh hint lowers it. Default: ${DEFAULT-VALUE}.")
  private Duration maxAge;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1000",
      description = "Open connections per listener. Default: ${DEFAULT-VALUE}.")
  private int maxConnections;

  @Option(names = "--max-header-bytes", paramLabel = "N", defaultValue = "8192",
      description = "Largest request head. Default: ${DEFAULT-VALUE}.")
  private int maxHeaderBytes;

  @Option(names = "--max-headers", paramLabel = "N", defaultValue = "50",
      description = "Most request headers. Default: ${DEFAULT-VALUE}.")
  private int maxHeaders;

  @Option(names = "--parse-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class, defaultValue = "10s",
      description = "Time to receive a whole request head. Default: ${DEFAULT-VALUE}.")
  private Duration parseTimeout;

  @Option(names = "--idle-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class, defaultValue = "30s",
      description = "Time a connection may stay silent. Default: ${DEFAULT-VALUE}.")
  private Duration idleTimeout;

  @Option(names = "--io-threads", paramLabel = "N",
      description = "I/O threads. Default: the number of processors, at least 2.")
  private Integer ioThreads;

  @Option(names = "--tls-engine", paramLabel = "ENGINE", defaultValue = "conscrypt",
      converter = TlsEngineConverter.class,
      description = "TLS implementation of the HTTPS listener: conscrypt (BoringSSL, native; "
          + "start fails if its library cannot load) or jdk (pure Java, slower handshakes). "
          + "Default: ${DEFAULT-VALUE}.")
  private TlsEngine tlsEngine;

  @Option(names = "--no-tls-resumption",
      description = "Refuse TLS session resumption (no session cache, no tickets), so that "
          + "every connection makes a full handshake; for benchmarks. Conscrypt engine only.")
  private boolean noTlsResumption;

  @Option(names = "--no-access-log", description = "Do not write access log lines.")
  private boolean noAccessLog;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  private boolean verbose;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RunningServer.Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      err.println("serve: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }

    Clock clock = Clock.systemUTC();
    RunningServer server;
    try {
      PublicationLoader loader = VerifyingLoader.forRoots(trustRoots, publications, clock);
      server = RunningServer.start(settings, loader, clock);
    } catch (StartupException | PublicationRefusedException e) {
      err.println("serve failed: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
    awaitTermination(server);
    return CommandLine.ExitCode.OK;
  }

  private RunningServer.Settings settings() {
    ServerLimits limits = new ServerLimits(maxConnections, maxHeaderBytes, maxHeaders,
        parseTimeout, idleTimeout,
        ioThreads != null ? ioThreads : ServerLimits.DEFAULTS.ioThreads());
    BundleHttpServer.Config http = new BundleHttpServer.Config(
        listen, httpListen, adminListen, limits, maxAge, !noAccessLog);
    TlsOptions tls = new TlsOptions(tlsEngine, !noTlsResumption);
    return new RunningServer.Settings(publications, http, tlsCert, tlsKey, serverName, rescan,
        tls);
  }

  /** Blocks until SIGTERM or SIGINT, then stops the server cleanly from the shutdown hook. */
  private static void awaitTermination(RunningServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
