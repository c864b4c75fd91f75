package org.anchorhold.server.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces files atomically and durably: each new content goes to a temporary file in the
 * target's directory and is fsynced; only when every one is on disk are they renamed over their
 * targets, and the directories fsynced. A failure before the renames leaves every target as it
 * was.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** Replaces each target with its content. */
  static void replace(Map<Path, byte[]> contents) throws IOException {
    Map<Path, Path> temps = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, byte[]> entry : contents.entrySet()) {
        Path target = entry.getKey().toAbsolutePath();
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
          throw new IOException("directory '" + dir + "' does not exist");
        }
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        temps.put(target, temp);
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          // Bundles and chains are public; the SPIRE server may run as another user.
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        write(temp, entry.getValue());
      }
      List<Path> dirs = new ArrayList<>();
      for (Map.Entry<Path, Path> entry : temps.entrySet()) {
        Files.move(entry.getValue(), entry.getKey(), StandardCopyOption.ATOMIC_MOVE);
        if (!dirs.contains(entry.getKey().getParent())) {
          dirs.add(entry.getKey().getParent());
        }
      }
      temps.clear();
      for (Path dir : dirs) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
          channel.force(true);
        }
      }
    } finally {
      for (Path temp : temps.values()) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void write(Path temp, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }
}
