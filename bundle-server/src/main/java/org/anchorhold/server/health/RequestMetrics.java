package org.anchorhold.server.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters by path label and status. Labels are only served paths, {@code /healthz}
 * and {@code other}, so a scan of random URLs cannot grow the series without bound.
 */
public final class RequestMetrics {
  /** The label of every path that is not served. */
  public static final String OTHER = "other";
  private final ConcurrentHashMap<Key, LongAdder> counters = new ConcurrentHashMap<>();

  /** One series: the path label and the status code. */
  record Key(String path, int status) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byPath = path.compareTo(other.path);
      return byPath != 0 ? byPath : Integer.compare(status, other.status);
    }
  }

  /** Counts one answered request. */
  public void increment(String pathLabel, int status) {
    counters.computeIfAbsent(new Key(pathLabel, status), k -> new LongAdder()).increment();
  }

  /** A sorted copy of every counter. */
  Map<Key, Long> snapshot() {
    Map<Key, Long> copy = new TreeMap<>();
    counters.forEach((key, adder) -> copy.put(key, adder.sum()));
    return copy;
  }

  /** The count of one series, 0 when never counted. */
  public long count(String pathLabel, int status) {
    LongAdder adder = counters.get(new Key(pathLabel, status));
    return adder == null ? 0 : adder.sum();
  }
}
