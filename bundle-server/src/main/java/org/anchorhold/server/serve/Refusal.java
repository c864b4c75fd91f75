package org.anchorhold.server.serve;

import java.time.Instant;
import java.util.Objects;

/**
 * The last publication the server refused, for health and logs.
 *
 * @param source the directory name
 * @param reason the one-line reason
 * @param at when it was refused
 */
public record Refusal(String source, String reason, Instant at) {

  /** Checks that every field is present. */
  public Refusal {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
