package org.anchorhold.ceremony.state;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Words a failed file operation for a one-line error: the path and why. The JDK's file-system
 * exceptions often carry the path alone ("/state/issued"), their kind saying the rest; a
 * temporary file's generated name means nothing to an officer, so its directory is named
 * instead.
 */
public final class IoReasons {
  /** What each kind of failure means, for the JDK's exceptions that carry no reason. */
  private static final Map<Class<? extends FileSystemException>, String> REASONS = Map.of(
      AccessDeniedException.class, "permission denied",
      NoSuchFileException.class, "no such file or directory",
      NotDirectoryException.class, "not a directory",
      FileAlreadyExistsException.class, "already exists",
      DirectoryNotEmptyException.class, "directory not empty",
      NotLinkException.class, "not a symbolic link");

  private IoReasons() {}

  /** {@code '<path>': <reason>} for a file-system failure, otherwise the exception's message. */
  public static String describe(Exception e) {
    if (!(e instanceof FileSystemException failure) || failure.getFile() == null) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return "'" + shown(failure.getFile()) + "': " + why(failure);
  }

  private static String shown(String file) {
    Path path = Path.of(file);
    return AtomicFiles.isTemporary(path) && path.getParent() != null
        ? path.getParent().toString() : file;
  }

  /** Why the operation failed, without the path: for a message that names the place itself. */
  public static String reason(Exception e) {
    return e instanceof FileSystemException failure && failure.getFile() != null
        ? why(failure) : describe(e);
  }

  private static String why(FileSystemException failure) {
    if (failure.getReason() != null) {
      return failure.getReason();
    }
    return REASONS.entrySet().stream()
        .filter(kind -> kind.getKey().isInstance(failure))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(failure.getClass().getSimpleName());
  }
}
