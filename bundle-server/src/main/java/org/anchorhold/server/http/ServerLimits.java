package org.anchorhold.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of the listeners; the defaults fit a bundle endpoint, whose requests are
 * small GETs from polling clients.
 *
 * @param maxConnections open connections per listener before accepting pauses
 * @param maxHeaderBytes the largest request header block
 * @param maxHeaders the most request headers
 * @param parseTimeout time allowed to receive a whole request head (slowloris)
 * @param idleTimeout time a connection may stay silent
 * @param ioThreads I/O threads; every request is answered on them, from memory
 */
public record ServerLimits(int maxConnections, int maxHeaderBytes, int maxHeaders,
    Duration parseTimeout, Duration idleTimeout, int ioThreads) {

  /** The defaults. */
  public static final ServerLimits DEFAULTS = new ServerLimits(
      1000, 8192, 50, Duration.ofSeconds(10), Duration.ofSeconds(30),
      Math.max(2, Runtime.getRuntime().availableProcessors()));

  /** Checks every limit is positive. */
  public ServerLimits {
    positive(maxConnections, "max connections");
    positive(maxHeaderBytes, "max header bytes");
    positive(maxHeaders, "max headers");
    positive(ioThreads, "io threads");
    Objects.requireNonNull(parseTimeout, "parseTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (parseTimeout.isNegative() || parseTimeout.isZero()
        || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
