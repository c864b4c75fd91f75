package org.anchorhold.server.serve;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A publication whose signature, hashes and expiry a {@link PublicationLoader} has checked.
 *
 * @param sequence the manifest sequence
 * @param issued when the manifest was issued
 * @param expires when the manifest expires
 * @param files every served path (manifest.json and manifest.jws included) to its file
 */
public record LoadedPublication(
    long sequence, Instant issued, Instant expires, Map<String, LoadedFile> files) {

  /** Checks the fields and copies the map. */
  public LoadedPublication {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    if (!expires.isAfter(issued)) {
      throw new IllegalArgumentException("expires must be after issued");
    }
    files = Map.copyOf(files);
  }
}
