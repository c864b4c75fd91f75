package org.anchorhold.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.anchorhold.server.health.MetricsText;
import org.anchorhold.server.health.RequestMetrics;
import org.anchorhold.server.http.BundleHttpServer;
import org.anchorhold.server.serve.PublicationLoader;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.PublicationWatcher;
import org.anchorhold.server.serve.Refusal;
import org.anchorhold.server.tls.ReloadingKeyManager;
import org.anchorhold.server.tls.TlsEngineException;
import org.anchorhold.server.tls.TlsIdentity;
import org.anchorhold.server.tls.TlsIdentityException;
import org.anchorhold.server.tls.TlsOptions;
import org.anchorhold.server.tls.TlsPolicy;
import org.anchorhold.server.tls.TlsReloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started server: store, watcher, TLS reloader and listeners, stopped together. */
public final class RunningServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);
  private final PublicationStore store;
  private final PublicationWatcher watcher;
  private final TlsReloader tlsReloader;
  private final BundleHttpServer http;
  private final Provider tlsProvider;

  /**
   * What to serve and how.
   *
   * @param publications the directory holding one directory per sequence
   * @param http listeners, limits and cache lifetime
   * @param tlsCert the PEM chain, leaf first (required with an HTTPS listener)
   * @param tlsKey the PEM private key of the leaf
   * @param serverName the name clients use, checked against the certificate; or null
   * @param rescan how often to rescan the directory and the TLS files
   * @param tls the TLS engine and whether sessions may be resumed
   */
  public record Settings(Path publications, BundleHttpServer.Config http, Path tlsCert,
      Path tlsKey, String serverName, Duration rescan, TlsOptions tls) {

    /** Checks the required fields. */
    public Settings {
      Objects.requireNonNull(publications, "publications");
      Objects.requireNonNull(http, "http");
      Objects.requireNonNull(rescan, "rescan");
      Objects.requireNonNull(tls, "tls");
      if (http.https() != null && (tlsCert == null || tlsKey == null)) {
        throw new IllegalArgumentException("an https listener needs tlsCert and tlsKey");
      }
    }
  }

  private RunningServer(PublicationStore store, PublicationWatcher watcher,
      TlsReloader tlsReloader, BundleHttpServer http, Provider tlsProvider) {
    this.store = store;
    this.watcher = watcher;
    this.tlsReloader = tlsReloader;
    this.http = http;
    this.tlsProvider = tlsProvider;
  }

  /**
   * Checks the TLS identity, loads the newest valid publication, then starts listening and
   * following the directory.
   */
  public static RunningServer start(Settings settings, PublicationLoader loader, Clock clock)
      throws StartupException {
    if (!Files.isDirectory(settings.publications())) {
      throw new StartupException(
          "publications directory '" + settings.publications() + "' does not exist", null);
    }

    ReloadingKeyManager keys = null;
    TlsReloader reloader = null;
    SSLContext context = null;
    if (settings.http().https() != null) {
      try {
        TlsIdentity identity = TlsReloader.loadChecked(
            settings.tlsCert(), settings.tlsKey(), settings.serverName(), clock);
        keys = new ReloadingKeyManager(identity);
        context = TlsPolicy.context(keys, settings.tls());
        reloader = new TlsReloader(
            settings.tlsCert(), settings.tlsKey(), settings.serverName(), keys, clock);
      } catch (TlsIdentityException | TlsEngineException e) {
        throw new StartupException(e.getMessage(), e);
      }
    }

    PublicationStore store = new PublicationStore();
    PublicationWatcher watcher = new PublicationWatcher(
        settings.publications(), loader, store, settings.rescan(), clock);
    watcher.scanOnce();
    if (store.current() == null) {
      Refusal refusal = store.lastRefusal();
      throw new StartupException("no valid publication in '" + settings.publications() + "'"
          + (refusal == null ? "" : ": " + refusal.source() + ": " + refusal.reason()), null);
    }

    RequestMetrics requests = new RequestMetrics();
    ReloadingKeyManager finalKeys = keys;
    Supplier<java.time.Instant> notAfter = finalKeys == null ? null
        : () -> finalKeys.identity().leaf().getNotAfter().toInstant();
    MetricsText metrics = new MetricsText(store, requests, notAfter, clock);
    BundleHttpServer http;
    try {
      http = BundleHttpServer.start(settings.http(), store, context, requests, metrics, clock);
    } catch (RuntimeException e) {
      throw new StartupException("cannot listen: " + e.getMessage(), e);
    }
    watcher.start();
    if (reloader != null) {
      reloader.start(settings.rescan());
    }
    LOG.info("Server started sequence={} publications={} tlsEngine={} tlsResumption={}",
        store.current().sequence(), settings.publications(),
        context == null ? "none" : settings.tls().engine().label(),
        context != null && settings.tls().resumption());
    return new RunningServer(store, watcher, reloader, http,
        context == null ? null : context.getProvider());
  }

  /** The store being served. */
  public PublicationStore store() {
    return store;
  }

  /** The watcher, e.g. to force a scan in tests. */
  public PublicationWatcher watcher() {
    return watcher;
  }

  /** The listeners. */
  public BundleHttpServer http() {
    return http;
  }

  /** The provider of the HTTPS listener's TLS engine, or null without an HTTPS listener. */
  public Provider tlsProvider() {
    return tlsProvider;
  }

  /** The TLS reloader, or null without an HTTPS listener. */
  public TlsReloader tlsReloader() {
    return tlsReloader;
  }

  /** Stops following, lets requests in flight finish, closes the listeners. */
  @Override
  public void close() {
    watcher.close();
    if (tlsReloader != null) {
      tlsReloader.close();
    }
    http.stop(Duration.ofSeconds(5));
    LOG.info("Server stopped");
  }
}
