package org.anchorhold.server.serve;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One verified file of a publication as a loader returns it.
 *
 * @param content the file's bytes (not copied; the loader hands over ownership)
 * @param sha256 lowercase hex SHA-256 of the content, as the manifest lists it
 * @param contentType the media type to serve it with
 */
public record LoadedFile(byte[] content, String sha256, String contentType) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Checks that every field is present and the hash is lowercase hex. */
  public LoadedFile {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(contentType, "contentType");
    if (sha256 == null || !HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
    if (contentType.isBlank() || contentType.indexOf('\n') >= 0 || contentType.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("contentType must be one non-blank line");
    }
  }
}
