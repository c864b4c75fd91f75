package org.anchorhold.publication.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationLayout;

/**
 * Writes a directory tree whole: into a temporary sibling, every file and directory fsynced,
 * then one atomic rename, then an fsync of the parent. Writers take an exclusive lock on
 * {@code .lock} in the parent so two of them cannot both claim a sequence.
 */
public final class DurableDirectory {
  private static final String LOCK = ".lock";

  private DurableDirectory() {}

  /** A check run under the lock with the highest sequence present. */
  @FunctionalInterface
  public interface SequenceCheck {
    /** Throws to refuse the write. */
    void check(OptionalLong highest) throws PublicationException;
  }

  /** Writes {@code files} as {@code parent/name}; returns the new directory. */
  public static Path publish(Path parent, String name, Map<String, byte[]> files,
      SequenceCheck check) throws IOException, PublicationException {
    if (!Files.isDirectory(parent)) {
      throw new IOException("publications directory does not exist");
    }
    Path target = parent.resolve(name);
    try (FileChannel lockFile = FileChannel.open(parent.resolve(LOCK),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new PublicationException("publication '" + target + "' already exists");
      }
      check.check(highestSequence(parent));
      Path temp = Files.createTempDirectory(parent, ".tmp-" + name + "-");
      try {
        writeTree(temp, files);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        deleteTree(temp);
        throw e;
      }
      fsync(parent);
      return target;
    }
  }

  /** The highest 12-digit sequence directory name under {@code parent}. */
  public static OptionalLong highestSequence(Path parent) throws IOException {
    OptionalLong highest = OptionalLong.empty();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        OptionalLong sequence = PublicationLayout.parseSequenceDirName(
            entry.getFileName().toString());
        if (sequence.isPresent() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && (highest.isEmpty() || sequence.getAsLong() > highest.getAsLong())) {
          highest = sequence;
        }
      }
    }
    return highest;
  }

  private static void writeTree(Path root, Map<String, byte[]> files) throws IOException {
    List<Path> dirs = new ArrayList<>();
    setMode(root, "rwxr-xr-x");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = root.resolve(SafePaths.requireRelative(file.getKey()));
      Path dir = path.getParent();
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
      }
      for (Path d = dir; !d.equals(root); d = d.getParent()) {
        if (!dirs.contains(d)) {
          dirs.add(d);
          setMode(d, "rwxr-xr-x");
        }
      }
      writeFile(path, file.getValue());
    }
    dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path dir : dirs) {
      fsync(dir);
    }
    fsync(root);
  }

  private static void writeFile(Path path, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("'" + path.getFileName() + "' is listed twice", e);
    }
    setMode(path, "rw-r--r--");
  }

  /** Flushes a directory's entries to disk (Linux: fsync on a read-only descriptor). */
  public static void fsync(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void setMode(Path path, String mode) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Best effort: a leftover .tmp- directory is never taken for a publication.
        }
      });
    } catch (IOException ignored) {
      // Best effort, as above.
    }
  }
}
