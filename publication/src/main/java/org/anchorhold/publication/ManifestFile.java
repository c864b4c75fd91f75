package org.anchorhold.publication;

import java.util.Objects;
import java.util.regex.Pattern;
import org.anchorhold.publication.internal.Digests;

/**
 * One file listed in a manifest: its path relative to the publication root, its size, the
 * lowercase hex SHA-256 of its bytes, and its content type, which must be the one
 * {@link PublicationLayout#contentType(String)} gives for the path.
 */
public record ManifestFile(String path, long size, String sha256, String contentType) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Refuses a path outside the layout, a bad size or digest, or a content type not its path's. */
  public ManifestFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    if (path.equals(PublicationLayout.MANIFEST) || path.equals(PublicationLayout.SIGNATURE)) {
      throw new IllegalArgumentException("path '" + path + "' cannot be listed in the manifest");
    }
    String expectedType = PublicationLayout.contentType(path).orElseThrow(
        () -> new IllegalArgumentException("path '" + path + "' is not a publication path"));
    if (size < 0 || size > PublicationLayout.MAX_FILE_SIZE) {
      throw new IllegalArgumentException("size of '" + path + "' must be from 0 to "
          + PublicationLayout.MAX_FILE_SIZE);
    }
    if (!HEX_SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 of '" + path
          + "' must be 64 lowercase hex digits");
    }
    if (!contentType.equals(expectedType)) {
      throw new IllegalArgumentException("content type of '" + path + "' must be "
          + expectedType);
    }
  }

  /** The entry for a file's bytes, with the content type of its path. */
  public static ManifestFile of(String path, byte[] content) {
    String type = PublicationLayout.contentType(path).orElseThrow(
        () -> new IllegalArgumentException("path '" + path + "' is not a publication path"));
    return new ManifestFile(path, content.length,
        Digests.sha256Hex(content), type);
  }
}
