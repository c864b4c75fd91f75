package org.anchorhold.publication;

import java.io.IOException;
import java.nio.file.Path;
import org.anchorhold.publication.internal.DirectorySource;

/** Where a publication is read from: a directory, or an https base URL in fetch. */
public interface PublicationSource {
  /**
   * The bytes of one file, by its path relative to the publication root; a missing file is a
   * {@link java.nio.file.NoSuchFileException}.
   */
  byte[] read(String path) throws IOException;

  /**
   * A publication directory. Paths with empty, {@code .} or {@code ..} segments, backslashes or
   * NUL are refused, no symbolic link below the directory is followed, and files above
   * {@link PublicationLayout#MAX_FILE_SIZE} are refused.
   */
  static PublicationSource directory(Path publicationDir) throws IOException {
    return new DirectorySource(publicationDir);
  }
}
