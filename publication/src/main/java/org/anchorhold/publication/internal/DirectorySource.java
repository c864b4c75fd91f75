package org.anchorhold.publication.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSource;

/** A publication read from a directory, never through a symbolic link below it. */
public final class DirectorySource implements PublicationSource {
  private final Path root;

  /** Resolves the directory once (a link to the directory itself is allowed). */
  public DirectorySource(Path publicationDir) throws IOException {
    this.root = publicationDir.toRealPath();
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(publicationDir.toString(), null, "not a directory");
    }
  }

  @Override
  public byte[] read(String path) throws IOException {
    String relative;
    try {
      relative = SafePaths.requireRelative(path);
    } catch (IllegalArgumentException e) {
      throw new FileSystemException(path, null, e.getMessage());
    }
    Path current = root;
    String[] segments = relative.split("/");
    for (int i = 0; i < segments.length; i++) {
      current = current.resolve(segments[i]);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(current, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(relative);
      }
      if (attributes.isSymbolicLink()) {
        throw new FileSystemException(relative, null, "is or passes a symbolic link");
      }
      boolean last = i == segments.length - 1;
      if (last && !attributes.isRegularFile()) {
        throw new FileSystemException(relative, null, "is not a regular file");
      }
      if (!last && !attributes.isDirectory()) {
        throw new NoSuchFileException(relative);
      }
    }
    return readCapped(current, relative);
  }

  private static byte[] readCapped(Path file, String relative) throws IOException {
    try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      byte[] content = in.readNBytes(PublicationLayout.MAX_FILE_SIZE + 1);
      if (content.length > PublicationLayout.MAX_FILE_SIZE) {
        throw new FileSystemException(relative, null, "is larger than "
            + PublicationLayout.MAX_FILE_SIZE + " bytes");
      }
      return content;
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
