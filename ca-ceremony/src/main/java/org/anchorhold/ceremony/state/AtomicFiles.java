package org.anchorhold.ceremony.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

  /**
   * Writes several files that must not exist yet, each as {@link #createNew} does, with the work
   * shared. Files of equal content on one file system share one inode (the state's files never
   * change in place, so a hard link is as good as a copy): a batch's identical chains and bundles
   * cost one write each. On Linux 5.8 or later two {@code syncfs(2)} calls make the whole batch
   * durable, one after the contents are written and one after the final names are linked;
   * elsewhere each content is fsynced, together, and each directory once. Directories created on
   * the way are made durable in their parents too. On failure nothing of the batch remains: no
   * temporary, no file and no directory it made; once written, {@link Batch#undo()} removes it.
   */
  public static Batch createNewAll(Map<Path, byte[]> files) throws IOException {
    // A new directory is on its parent's file system, so each target's file system is that of
    // its nearest existing ancestor, and that ancestor can be watched before anything is made.
    Map<Path, Object> deviceOfParent = new HashMap<>();
    Map<Object, Path> watchedDirectory = new LinkedHashMap<>();
    for (Path target : files.keySet()) {
      Path parent = target.toAbsolutePath().getParent();
      if (!deviceOfParent.containsKey(parent)) {
        Path existing = parent;
        while (!Files.isDirectory(existing)) {
          existing = existing.getParent();
        }
        Object device = Files.getAttribute(existing, "unix:dev");
        deviceOfParent.put(parent, device);
        watchedDirectory.putIfAbsent(device, existing);
      }
    }
    Optional<FileSystemSync> fileSystem = FileSystemSync.available();
    List<FileSystemSync.Watch> watches = new ArrayList<>();
    try {
      if (fileSystem.isPresent()) {
        for (Path directory : watchedDirectory.values()) {
          watches.add(fileSystem.get().watch(directory));
        }
      }
      Batch batch = new Batch();
      try {
        writeLinkedBatch(files, deviceOfParent, watches, fileSystem.isPresent(), batch);
      } catch (IOException | RuntimeException e) {
        batch.undoAfter(e);
        throw e;
      }
      return batch;
    } finally {
      watches.forEach(FileSystemSync.Watch::close);
    }
  }

  /** What {@link #createNewAll} made: its files, then the directories it created. */
  public static final class Batch {
    private final List<Path> files = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();

    private Batch() {}

    /**
     * Removes the batch's files and the directories it created (deepest first), durably: for a
     * batch whose commit failed after it was written. Their names never reached the index.
     */
    public void undo() throws IOException {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
      for (int i = directories.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(directories.get(i));
      }
      Set<Path> parents = new LinkedHashSet<>();
      files.forEach(file -> parents.add(file.toAbsolutePath().getParent()));
      directories.forEach(directory -> parents.add(directory.toAbsolutePath().getParent()));
      parents.removeIf(directory -> !Files.isDirectory(directory));
      inParallel(parents, AtomicFiles::fsyncDirectory);
    }

    private void undoAfter(Exception failure) {
      try {
        undo();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static void writeLinkedBatch(Map<Path, byte[]> files, Map<Path, Object> deviceOfParent,
      List<FileSystemSync.Watch> watches, boolean syncWholeFileSystems, Batch batch)
      throws IOException {
    Set<Path> directories = new LinkedHashSet<>();
    for (Path target : files.keySet()) {
      createDirectoriesDurably(target.toAbsolutePath().getParent(), directories,
          batch.directories);
    }
    // One temporary per distinct (file system, content), beside the first target to need it.
    Map<Content, Path> temporaries = new LinkedHashMap<>();
    Map<Path, Path> sources = new LinkedHashMap<>();
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      Path target = file.getKey();
      Content content = new Content(deviceOfParent.get(target.toAbsolutePath().getParent()),
          ByteBuffer.wrap(file.getValue()));
      sources.put(target, temporaries.computeIfAbsent(content, k -> temporarySibling(target)));
    }
    try {
      if (syncWholeFileSystems) {
        for (Map.Entry<Content, Path> temporary : temporaries.entrySet()) {
          write(temporary.getValue(), temporary.getKey().bytes().array(), false);
        }
        syncAll(watches);
      } else {
        Map<Path, byte[]> contents = new HashMap<>();
        temporaries.forEach((content, temporary) -> contents.put(temporary,
            content.bytes().array()));
        inParallel(contents.keySet(), temporary -> write(temporary, contents.get(temporary),
            true));
      }
      for (Map.Entry<Path, Path> link : sources.entrySet()) {
        try {
          Files.createLink(link.getKey(), link.getValue());
          batch.files.add(link.getKey());
        } catch (FileAlreadyExistsException e) {
          throw new FileAlreadyExistsException(link.getKey().toString(), null,
              "already exists and is never overwritten");
        }
      }
    } finally {
      for (Path temporary : temporaries.values()) {
        Files.deleteIfExists(temporary);
      }
    }
    if (syncWholeFileSystems) {
      syncAll(watches);
    } else {
      inParallel(directories, AtomicFiles::fsyncDirectory);
    }
  }

  /** A file's content on one file system (compared by value): files sharing it share an inode. */
  private record Content(Object device, ByteBuffer bytes) {}

  private static void syncAll(List<FileSystemSync.Watch> watches) throws IOException {
    for (FileSystemSync.Watch watch : watches) {
      watch.sync();
    }
  }

  private static void createDirectoriesDurably(Path directory, Set<Path> toSync,
      List<Path> created) throws IOException {
    toSync.add(directory);
    if (Files.isDirectory(directory)) {
      return;
    }
    createDirectoriesDurably(directory.getParent(), toSync, created);
    try {
      Files.createDirectory(directory);
      created.add(directory);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(directory)) {
        throw e;
      }
    }
  }

  /** An I/O step on one path. */
  private interface PathAction {
    void apply(Path path) throws IOException;
  }

  /** Runs the action on every path with a few threads, so their I/O and fsyncs overlap. */
  private static void inParallel(Collection<Path> paths, PathAction action) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, paths.size())));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Path path : paths) {
        futures.add(pool.submit(() -> {
          action.apply(path);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing", e);
    } finally {
      pool.shutdownNow();
    }
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
    write(target, content, true);
  }

  /** Writes a new file, and fsyncs it when asked. */
  private static void write(Path target, byte[] content, boolean fsync) throws IOException {
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (fsync) {
        channel.force(true);
      }
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

  /** Whether the path has the form of a {@link #temporarySibling}. */
  public static boolean isTemporary(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".") && name.toString().contains(".tmp-");
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
