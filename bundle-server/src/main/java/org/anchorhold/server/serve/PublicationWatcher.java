package org.anchorhold.server.serve;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a publications directory: file system events plus a periodic rescan, each new
 * directory verified by the loader and swapped in only if its sequence is higher.
 *
 * <p>A refused directory is not tried again until something in it changes, so a tampered
 * publication is logged once, not on every rescan.
 */
public final class PublicationWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PublicationWatcher.class);
  /** DESIGN.md: a publication directory is the sequence zero-padded to 12 digits. */
  private static final Pattern SEQUENCE_DIR = Pattern.compile("[0-9]{12}");
  /** Lets a burst of events (a copy in progress, then its rename) settle before scanning. */
  private static final long SETTLE_MILLIS = 100;
  /** Bounds the settling so that a steady stream of events cannot delay the scan for long. */
  private static final int MAX_SETTLE_ROUNDS = 10;

  private final Path root;
  private final PublicationLoader loader;
  private final PublicationStore store;
  private final Duration rescan;
  private final Clock clock;
  private final Map<String, String> refused = new HashMap<>();
  private volatile boolean running;
  private Thread thread;
  private WatchService watchService;

  /** Creates a watcher of {@code root}; nothing happens before {@link #scanOnce()}. */
  public PublicationWatcher(Path root, PublicationLoader loader, PublicationStore store,
      Duration rescan, Clock clock) {
    this.root = root;
    this.loader = loader;
    this.store = store;
    this.rescan = rescan;
    this.clock = clock;
  }

  /**
   * Tries every publication newer than the one served, newest first, and swaps in the first
   * that verifies.
   *
   * @return true when a new snapshot was swapped in
   */
  public synchronized boolean scanOnce() {
    Snapshot current = store.current();
    long floor = current == null ? -1 : current.sequence();
    for (Path candidate : candidatesAbove(floor)) {
      String name = candidate.getFileName().toString();
      String fingerprint = fingerprint(candidate);
      if (fingerprint.equals(refused.get(name))) {
        continue;
      }
      try {
        Snapshot next = loadChecked(candidate, name, store.current());
        if (store.offer(next)) {
          refused.remove(name);
          LOG.info("Publication swapped sequence={} source={} previous={} expires={}",
              next.sequence(), name, current == null ? "none" : current.sequence(),
              next.expires());
          return true;
        }
        return false;
      } catch (PublicationRefusedException e) {
        refused.put(name, fingerprint);
        store.refused(new Refusal(name, e.getMessage(), clock.instant()));
        LOG.warn("Publication refused source={} reason=\"{}\"", name, e.getMessage());
      }
    }
    return false;
  }

  private Snapshot loadChecked(Path candidate, String name, Snapshot previous)
      throws PublicationRefusedException {
    if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
      throw new PublicationRefusedException("'" + name + "' is not a directory");
    }
    LoadedPublication loaded = loader.load(candidate);
    if (loaded.sequence() != Long.parseLong(name)) {
      throw new PublicationRefusedException("directory name '" + name
          + "' does not match manifest sequence " + loaded.sequence());
    }
    if (!clock.instant().isBefore(loaded.expires())) {
      throw new PublicationRefusedException("manifest expired at " + loaded.expires());
    }
    return SnapshotFactory.build(loaded, previous, name);
  }

  private List<Path> candidatesAbove(long floor) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (SEQUENCE_DIR.matcher(name).matches() && Long.parseLong(name) > floor) {
          found.add(entry);
        }
      }
    } catch (IOException e) {
      LOG.warn("Publications directory unreadable dir={} reason=\"{}\"", root, e.toString());
    }
    found.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return found;
  }

  /** Names, sizes and times of everything in the directory: changes when anything changes. */
  private static String fingerprint(Path dir) {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> walk = Files.walk(dir, 4)) {
      walk.sorted().forEach(p -> {
        try {
          BasicFileAttributes attrs =
              Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          out.append(dir.relativize(p)).append(' ').append(attrs.size()).append(' ')
              .append(attrs.lastModifiedTime().toMillis()).append('\n');
        } catch (IOException e) {
          out.append(p).append(" unreadable\n");
        }
      });
    } catch (IOException | RuntimeException e) {
      out.append("unreadable");
    }
    return out.toString();
  }

  /** Starts following the directory on a daemon thread. */
  public synchronized void start() {
    running = true;
    try {
      watchService = FileSystems.getDefault().newWatchService();
      root.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      LOG.warn("Directory events unavailable, rescanning only dir={} reason=\"{}\"",
          root, e.toString());
      watchService = null;
    }
    thread = new Thread(this::follow, "publication-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    while (running) {
      try {
        waitForChange();
        scanOnce();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("Publication scan failed reason=\"{}\"", e.toString(), e);
      }
    }
  }

  private void waitForChange() throws InterruptedException {
    if (watchService == null) {
      Thread.sleep(rescan.toMillis());
      return;
    }
    WatchKey key = watchService.poll(rescan.toMillis(), TimeUnit.MILLISECONDS);
    for (int settled = 0; key != null && settled < MAX_SETTLE_ROUNDS; settled++) {
      key.pollEvents();
      key.reset();
      key = watchService.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops following; the served snapshot stays as it is. */
  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        LOG.debug("Watch service close failed reason=\"{}\"", e.toString());
      }
    }
  }
}
