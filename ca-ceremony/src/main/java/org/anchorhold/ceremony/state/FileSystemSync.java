package org.anchorhold.ceremony.state;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux {@code syncfs(2)}: makes every written file, name and directory of one file system
 * durable in one call, the way one fsync does for one file. A batch of hundreds of new files then
 * costs two journal commits instead of one per file and per directory.
 *
 * <p>Only kernels from 5.8 report a write-back error of any file through {@code syncfs}, and only
 * errors after the descriptor it is given was opened: a {@link Watch} is therefore opened before
 * the files it is to make durable are written. On older kernels, or off Linux, {@link
 * #available()} is empty and callers fsync file by file.
 */
final class FileSystemSync {
  private static final int O_RDONLY = 0;
  private static final Optional<FileSystemSync> AVAILABLE = load();

  /** The three libc calls, each reporting errno as a {@link LastErrorException}. */
  interface Libc extends Library {
    int open(String path, int flags) throws LastErrorException;

    int syncfs(int fd) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private final Libc libc;

  private FileSystemSync(Libc libc) {
    this.libc = libc;
  }

  /** The binding, on Linux 5.8 or later with a libc that has {@code syncfs}. */
  static Optional<FileSystemSync> available() {
    return AVAILABLE;
  }

  /**
   * Starts watching the file system that holds {@code directory}: a write-back error of any file
   * there from now on is reported by the watch's {@link Watch#sync()}. Open it before writing.
   */
  Watch watch(Path directory) throws IOException {
    try {
      return new Watch(directory, libc.open(directory.toString(), O_RDONLY));
    } catch (LastErrorException e) {
      throw new IOException("cannot open directory '" + directory + "' to sync its file system "
          + "(errno " + e.getErrorCode() + ")", e);
    }
  }

  /** An open directory whose file system is flushed on demand. */
  final class Watch implements AutoCloseable {
    private final Path directory;
    private final int fd;

    private Watch(Path directory, int fd) {
      this.directory = directory;
      this.fd = fd;
    }

    /** Flushes the whole file system; fails on any write-back error since the watch began. */
    void sync() throws IOException {
      try {
        libc.syncfs(fd);
      } catch (LastErrorException e) {
        throw new IOException("syncing the file system of '" + directory + "' failed (errno "
            + e.getErrorCode() + ")", e);
      }
    }

    @Override
    public void close() {
      try {
        libc.close(fd);
      } catch (LastErrorException e) {
        // A read-only descriptor holds nothing to lose; each sync reported its own result.
      }
    }
  }

  private static Optional<FileSystemSync> load() {
    if (!"Linux".equals(System.getProperty("os.name")) || !kernelAtLeast(5, 8)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new FileSystemSync(Native.load("c", Libc.class)));
    } catch (UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }

  static boolean kernelAtLeast(int major, int minor) {
    Matcher version = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(
        System.getProperty("os.version", ""));
    if (!version.find()) {
      return false;
    }
    int actualMajor = Integer.parseInt(version.group(1));
    int actualMinor = Integer.parseInt(version.group(2));
    return actualMajor > major || (actualMajor == major && actualMinor >= minor);
  }
}
