package org.anchorhold.server.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.anchorhold.server.health.HealthHandler;
import org.anchorhold.server.health.MetricsHandler;
import org.anchorhold.server.health.MetricsText;
import org.anchorhold.server.health.RequestMetrics;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.tls.TlsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;
import org.xnio.OptionMap;
import org.xnio.Sequence;

/**
 * The Undertow server: an HTTPS listener (and optionally a plain one) serving the publication
 * and {@code /healthz}, and an optional admin listener with {@code /metrics} and {@code /healthz}.
 */
public final class BundleHttpServer implements AutoCloseable {
  /** The health path, on the main and the admin listeners. */
  public static final String HEALTH_PATH = "/healthz";
  /** The metrics path, on the admin listener only. */
  public static final String METRICS_PATH = "/metrics";
  private static final Logger LOG = LoggerFactory.getLogger(BundleHttpServer.class);
  /** A GET carries no body; a larger one closes the connection instead of being read. */
  private static final long MAX_ENTITY_BYTES = 1024;
  /** Queries are ignored, but Undertow parses them; keep that bounded. */
  private static final int MAX_PARAMETERS = 16;

  private final Undertow undertow;
  private final GracefulShutdownHandler graceful;
  private final Config config;

  /**
   * What to listen on and how.
   *
   * @param https the TLS listener, or null
   * @param http a plain HTTP listener (for a TLS-terminating proxy), or null
   * @param admin the admin listener for metrics, or null
   * @param limits connection, header and time limits
   * @param maxAge the longest {@code Cache-Control: max-age}
   * @param accessLog whether to write access log lines
   */
  public record Config(HostPort https, HostPort http, HostPort admin, ServerLimits limits,
      Duration maxAge, boolean accessLog) {

    /** Checks that there is at least one publication listener. */
    public Config {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(maxAge, "maxAge");
      if (https == null && http == null) {
        throw new IllegalArgumentException("at least one of https and http must be given");
      }
    }
  }

  private BundleHttpServer(Undertow undertow, GracefulShutdownHandler graceful, Config config) {
    this.undertow = undertow;
    this.graceful = graceful;
    this.config = config;
  }

  /** Builds and starts every listener; {@code tls} is required when {@code https} is set. */
  public static BundleHttpServer start(Config config, PublicationStore store, SSLContext tls,
      RequestMetrics requests, MetricsText metrics, Clock clock) {
    HttpHandler health = new HealthHandler(store, clock);
    HttpHandler publication = new PublicationHandler(store, clock, config.maxAge());
    HttpHandler main = exchange -> {
      if (HEALTH_PATH.equals(exchange.getRequestURI())) {
        health.handleRequest(exchange);
      } else {
        publication.handleRequest(exchange);
      }
    };
    main = new RequestCountingHandler(
        new CommonHeadersHandler(new MethodFilterHandler(main)), requests, store);
    if (config.accessLog()) {
      main = new AccessLogHandler(main);
    }
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(main);

    Undertow.Builder builder = builder(config.limits());
    if (config.https() != null) {
      builder.addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTPS)
          .setHost(config.https().host()).setPort(config.https().port()).setSslContext(tls)
          .setRootHandler(graceful).setOverrideSocketOptions(tlsOptions(tls)));
    }
    if (config.http() != null) {
      builder.addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
          .setHost(config.http().host()).setPort(config.http().port())
          .setRootHandler(graceful));
    }
    if (config.admin() != null) {
      builder.addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
          .setHost(config.admin().host()).setPort(config.admin().port())
          .setRootHandler(admin(health, new MetricsHandler(metrics))));
    }
    Undertow undertow = builder.build();
    undertow.start();
    BundleHttpServer server = new BundleHttpServer(undertow, graceful, config);
    LOG.info("Server listening https={} http={} admin={}", server.address("https"),
        server.address("http"), server.address("admin"));
    return server;
  }

  private static HttpHandler admin(HttpHandler health, HttpHandler metrics) {
    HttpHandler route = exchange -> {
      switch (exchange.getRequestURI()) {
        case METRICS_PATH -> metrics.handleRequest(exchange);
        case HEALTH_PATH -> health.handleRequest(exchange);
        default -> Responses.notFound(exchange);
      }
    };
    return new CommonHeadersHandler(new MethodFilterHandler(route));
  }

  private static Undertow.Builder builder(ServerLimits limits) {
    int parseMillis = Math.toIntExact(limits.parseTimeout().toMillis());
    int idleMillis = Math.toIntExact(limits.idleTimeout().toMillis());
    return Undertow.builder()
        .setIoThreads(limits.ioThreads())
        .setWorkerThreads(2)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes())
        .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders())
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY_BYTES)
        .setServerOption(UndertowOptions.MAX_PARAMETERS, MAX_PARAMETERS)
        .setServerOption(UndertowOptions.MAX_COOKIES, 0)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, parseMillis)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMillis)
        .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
        .setServerOption(UndertowOptions.DECODE_URL, false)
        .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, false)
        .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, false)
        .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
        .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections() * 9 / 10)
        .setSocketOption(Options.BACKLOG, 1024)
        .setSocketOption(Options.TCP_NODELAY, true);
  }

  private static OptionMap tlsOptions(SSLContext tls) {
    return OptionMap.builder()
        .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(TlsPolicy.PROTOCOLS))
        .set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(TlsPolicy.supportedSuites(tls)))
        .getMap();
  }

  /** The bound address of the {@code https}, {@code http} or {@code admin} listener, or null. */
  public InetSocketAddress address(String kind) {
    List<Undertow.ListenerInfo> listeners = undertow.getListenerInfo();
    int index = 0;
    for (String candidate : List.of("https", "http", "admin")) {
      boolean present = switch (candidate) {
        case "https" -> config.https() != null;
        case "http" -> config.http() != null;
        default -> config.admin() != null;
      };
      if (candidate.equals(kind)) {
        return present ? (InetSocketAddress) listeners.get(index).getAddress() : null;
      }
      if (present) {
        index++;
      }
    }
    throw new IllegalArgumentException("kind must be one of https, http, admin");
  }

  /** Stops accepting, lets requests in flight finish for up to {@code grace}, then closes. */
  public void stop(Duration grace) {
    graceful.shutdown();
    try {
      if (!graceful.awaitShutdown(grace.toMillis())) {
        LOG.warn("Shutdown grace elapsed, closing open requests grace={}", grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }
}
