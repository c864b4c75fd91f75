package org.anchorhold.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the serving certificate and key when their files change, checking them exactly as at
 * start; a failing pair is logged and the current identity stays in use.
 */
public final class TlsReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
  private final Path certFile;
  private final Path keyFile;
  private final String serverName;
  private final ReloadingKeyManager keyManager;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private String seen;

  /** Creates a reloader; {@link #start(Duration)} begins polling. */
  public TlsReloader(Path certFile, Path keyFile, String serverName,
      ReloadingKeyManager keyManager, Clock clock) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.serverName = serverName;
    this.keyManager = keyManager;
    this.clock = clock;
    this.seen = stamp();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tls-reloader");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Loads and checks the pair at start; a failure here stops the server. */
  public static TlsIdentity loadChecked(Path certFile, Path keyFile, String serverName,
      Clock clock) throws TlsIdentityException {
    TlsIdentity identity = TlsIdentityLoader.load(certFile, keyFile);
    TlsIdentityCheck.check(identity, serverName, clock.instant());
    return identity;
  }

  /** Checks the files every {@code interval}. */
  public void start(Duration interval) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reloads when the size or time of either file (after symlinks) changed since the last look.
   *
   * @return true when a new identity was installed
   */
  public synchronized boolean reloadIfChanged() {
    String now = stamp();
    if (now.equals(seen)) {
      return false;
    }
    seen = now;
    try {
      TlsIdentity next = loadChecked(certFile, keyFile, serverName, clock);
      keyManager.replace(next);
      LOG.info("TLS identity reloaded subject=\"{}\" notAfter={}",
          next.leaf().getSubjectX500Principal().getName(),
          next.leaf().getNotAfter().toInstant());
      return true;
    } catch (TlsIdentityException | RuntimeException e) {
      LOG.warn("TLS identity refused, keeping the current one reason=\"{}\"", e.getMessage());
      return false;
    }
  }

  private String stamp() {
    return stamp(certFile) + "|" + stamp(keyFile);
  }

  private static String stamp(Path file) {
    try {
      Path real = file.toRealPath();
      return real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
