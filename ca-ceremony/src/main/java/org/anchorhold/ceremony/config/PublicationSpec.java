package org.anchorhold.ceremony.config;

/**
 * Where a ceremony publishes and the refresh hint its bundles carry: the
 * {@code publication:} section of the publish ceremony and, optionally, of the others.
 *
 * <pre>
 * publication:
 *   directory: ../publications   # created if absent; its parent must exist
 *   refresh-hint: 300            # seconds, 1 to 2592000; above 86400 is warned about
 * </pre>
 *
 * @param directory the publications directory, relative to the ceremony file
 * @param refreshHint the bundles' {@code spiffe_refresh_hint} in seconds
 */
public record PublicationSpec(String directory, Integer refreshHint) {
  /** The refresh hint when the file gives none (PROFILES.md, SPIFFE bundle). */
  public static final int DEFAULT_REFRESH_HINT = 300;

  /** The longest refresh hint a file may set: 30 days. */
  public static final int MAX_REFRESH_HINT = 2_592_000;

  /** Refresh hints above this (one day) are legal but warned about. */
  public static final int WARN_REFRESH_HINT = 86_400;

  public PublicationSpec {
    CeremonyFile.checkPath("directory", directory);
    refreshHint = refreshHint == null ? DEFAULT_REFRESH_HINT : refreshHint;
    if (refreshHint < 1 || refreshHint > MAX_REFRESH_HINT) {
      throw new ConfigProblem("refresh-hint", "must be from 1 to " + MAX_REFRESH_HINT
          + " seconds (30 days)");
    }
  }

  /** The warning an officer should weigh, if the refresh hint is longer than a day. */
  public java.util.Optional<String> warning(String key) {
    if (refreshHint <= WARN_REFRESH_HINT) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(key + ".refresh-hint " + refreshHint + " is longer than a day"
        + " (" + WARN_REFRESH_HINT + "); relying parties would keep a revoked root that long;"
        + " " + DEFAULT_REFRESH_HINT + " is recommended");
  }
}
