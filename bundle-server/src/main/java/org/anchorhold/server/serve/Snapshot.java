package org.anchorhold.server.serve;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One verified publication as the server serves it; immutable, swapped as a whole.
 *
 * @param sequence the manifest sequence (equal to the bundles' {@code spiffe_sequence})
 * @param issued when the manifest was issued
 * @param expires when the manifest expires (the earliest CRL nextUpdate)
 * @param files path without leading slash to the served file; exactly the manifest's paths plus
 *     manifest.json and manifest.jws
 * @param crlNextUpdates path of each CRL to its nextUpdate
 * @param refreshHintSeconds the smallest {@code spiffe_refresh_hint} of the bundles, if any
 * @param source the directory name the publication was loaded from
 */
public record Snapshot(
    long sequence,
    Instant issued,
    Instant expires,
    Map<String, ServedFile> files,
    Map<String, Instant> crlNextUpdates,
    OptionalLong refreshHintSeconds,
    String source) {

  /** Checks the fields and copies the maps. */
  public Snapshot {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(refreshHintSeconds, "refreshHintSeconds");
    Objects.requireNonNull(source, "source");
    files = Map.copyOf(files);
    crlNextUpdates = Map.copyOf(crlNextUpdates);
  }

  /** The file at {@code path} (no leading slash), or null when the manifest does not list it. */
  public ServedFile file(String path) {
    return files.get(path);
  }

  /** Whether the manifest or any CRL has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    if (!now.isBefore(expires)) {
      return true;
    }
    return crlNextUpdates.values().stream().anyMatch(next -> !now.isBefore(next));
  }
}
