package org.anchorhold.ceremony.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Durable, atomic file writes: the content goes to a temporary file in the same directory, is
 * fsynced, then takes its final name in one step, and the directory is fsynced so the name
 * survives a crash. A reader sees the old file or the new one, never a part.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes a file that must not exist yet. The final name is a hard link to the synced temporary
   * file, which fails rather than replaces if the name is taken (rename(2) would replace).
   */
  public static void createNew(Path target, byte[] content) throws IOException {
    Path temporary = writeTemporary(target, content);
    try {
      Files.createLink(target, temporary);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "already exists and is never overwritten");
    } finally {
      Files.deleteIfExists(temporary);
    }
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** Replaces a file (or creates it) atomically; for state files that are meant to change. */
  public static void replace(Path target, byte[] content) throws IOException {
    Path temporary = writeTemporary(target, content);
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** Writes and fsyncs a file in a directory that is not visible yet (no link dance needed). */
  public static void writeSynced(Path target, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Flushes a directory's entries to disk, so renames and links in it are durable. */
  public static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Moves a fully written and synced directory to its final name, failing if that name exists,
   * then fsyncs the parent so the new name is durable.
   */
  public static void publishDirectory(Path temporary, Path target) throws IOException {
    fsyncDirectory(temporary);
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "already exists and is never overwritten");
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /** A unique temporary name beside the target, hidden from directory listings by its dot. */
  public static Path temporarySibling(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
  }

  private static Path writeTemporary(Path target, byte[] content) throws IOException {
    Path temporary = temporarySibling(target);
    writeSynced(temporary, content);
    return temporary;
  }
}
