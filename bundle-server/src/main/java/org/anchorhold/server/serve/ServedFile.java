package org.anchorhold.server.serve;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One file ready to be served from memory with its HTTP metadata.
 *
 * @param path the path relative to the publication root, without a leading slash
 * @param body the content, a read-only direct buffer; take {@link #bodyView()} per response
 * @param contentType the media type
 * @param etag the strong entity tag, quoted: {@code "<sha256 hex>"}
 * @param lastModified when this exact content was first served, whole seconds
 */
public record ServedFile(
    String path, ByteBuffer body, String contentType, String etag, Instant lastModified) {

  /** Checks the fields; the body must be read-only so no response can change it. */
  public ServedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    if (!body.isReadOnly()) {
      throw new IllegalArgumentException("body must be read-only");
    }
    if (lastModified.getNano() != 0) {
      throw new IllegalArgumentException("lastModified must be whole seconds");
    }
  }

  /** Creates a file from its bytes, copying them into a read-only direct buffer. */
  public static ServedFile of(
      String path, byte[] content, String contentType, String sha256, Instant lastModified) {
    ByteBuffer direct = ByteBuffer.allocateDirect(content.length);
    direct.put(content).flip();
    return new ServedFile(
        path, direct.asReadOnlyBuffer(), contentType, '"' + sha256 + '"', lastModified);
  }

  /** The number of bytes of the body. */
  public int length() {
    return body.capacity();
  }

  /** An independent view of the body for one response. */
  public ByteBuffer bodyView() {
    return body.duplicate();
  }

  /** The SHA-256 hex of the body, taken from the entity tag. */
  public String sha256() {
    return etag.substring(1, etag.length() - 1);
  }
}
