package org.anchorhold.ceremony.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.config.StrictYaml;

/**
 * A CA state directory: plain files an auditor can read and back up.
 *
 * <pre>
 * state.json          the index (roots, what later ceremonies record, the audit log's head)
 * audit.log           hash-chained JSON lines, one per ceremony
 * roots/NAME.pem      each root certificate
 * </pre>
 *
 * <p>A new state directory is written whole under a temporary name and renamed into place; an
 * existing one is locked while a ceremony uses it, and each commit writes new files create-new,
 * then appends the audit entry, then replaces {@code state.json}, each step atomic and durable.
 * The index records the audit log's last entry, which no later line's hash protects; see
 * {@link AuditAnchor}.
 */
public final class StateDirectory implements AutoCloseable {
  /** The index file name. */
  public static final String INDEX = "state.json";

  private static final ObjectMapper JSON = StrictYaml.strictJson()
      .rebuild().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private final Path directory;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Snapshot opened;
  private State state;

  private StateDirectory(Path directory, FileChannel lockChannel, FileLock lock,
      Snapshot opened) {
    this.directory = directory;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.opened = opened;
    this.state = opened.state();
  }

  /**
   * Opens an existing state directory, locks it and checks its index, its audit chain and the
   * audit head the index records.
   */
  public static StateDirectory open(Path directory) throws StateException {
    requireIndex(directory);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new StateException("state '" + directory + "' is in use by another ceremony");
      }
      return new StateDirectory(directory, channel, lock,
          checked(directory, readIndex(directory)));
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new StateException("cannot open state '" + directory + "': "
          + IoReasons.describe(e), e);
    } catch (StateException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Reads a state directory without locking it, for reports and plans that change nothing: the
   * index is read, then the audit chain checked against the head it records. The index is
   * replaced atomically, so a reader sees one whole version of it even while a ceremony runs.
   */
  public static State snapshot(Path directory) throws StateException {
    return read(directory).state();
  }

  /** Reads a state directory as {@link #snapshot} does, keeping the audit lines it checked. */
  public static Snapshot read(Path directory) throws StateException {
    requireIndex(directory);
    try {
      // The index first: a commit running meanwhile appends its audit entry before it replaces
      // the index, so the log read after holds at most one entry more, which the check accepts.
      return checked(directory, readIndex(directory));
    } catch (IOException e) {
      throw new StateException("cannot read state '" + directory + "': "
          + IoReasons.describe(e), e);
    }
  }

  /**
   * A state as one read saw it.
   *
   * @param state the index
   * @param audit the audit log's lines, read after the index and checked against its head
   */
  public record Snapshot(State state, List<String> audit) {
    public Snapshot {
      audit = List.copyOf(audit);
    }
  }

  private static void requireIndex(Path directory) throws StateException {
    Path index = directory.resolve(INDEX);
    if (Files.isSymbolicLink(index)) {
      throw new StateException("'" + index + "' is a symbolic link; the state never reads or "
          + "writes through one");
    }
    if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
      throw new StateException("'" + directory + "' is not a CA state directory (no "
          + INDEX + ")");
    }
  }

  private static State readIndex(Path directory) throws StateException, IOException {
    State state;
    try {
      state = JSON.readValue(directory.resolve(INDEX).toFile(), State.class);
    } catch (UnrecognizedPropertyException e) {
      // Records are bound once the object has been read, so the line would point past the key.
      throw new StateException("state '" + directory + "' has an index " + INDEX + " that is "
          + "not valid: unknown key '" + e.getPropertyName() + "'", e);
    } catch (JsonProcessingException e) {
      throw new StateException("state '" + directory + "' has an index " + INDEX + " that is "
          + "not valid: " + StrictYaml.describe(e, "JSON"), e);
    }
    if (state == null) {
      throw new StateException("state '" + directory + "' has an empty index " + INDEX);
    }
    if (state.format() != State.FORMAT && state.format() != State.FORMAT_WITHOUT_AUDIT_HEAD) {
      throw new StateException("state '" + directory + "' has format " + state.format()
          + "; this version reads formats " + State.FORMAT_WITHOUT_AUDIT_HEAD + " and "
          + State.FORMAT);
    }
    return state;
  }

  private static Snapshot checked(Path directory, State state) throws StateException {
    Path log = directory.resolve(AuditLog.FILE);
    if (Files.isSymbolicLink(log)) {
      throw new StateException("'" + log + "' is a symbolic link; the state never reads or "
          + "writes through one");
    }
    List<String> audit = AuditLog.verify(log);
    AuditAnchor.check(directory, audit, state);
    return new Snapshot(state, audit);
  }

  /**
   * Creates a state directory holding the given files, index and first audit entry, the index
   * recording that entry as the audit head; fails if the directory exists. Nothing is visible
   * under the final name until everything is on disk.
   *
   * @return the audit head the index records, for the transcript
   */
  public static AuditHead create(Path directory, Map<String, byte[]> files, State state,
      AuditEntry entry) throws StateException {
    if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      throw new StateException("state '" + directory + "' already exists");
    }
    Path parent = directory.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new StateException("the parent of state '" + directory + "' is not a directory");
    }
    Path temporary = AtomicFiles.temporarySibling(directory.toAbsolutePath());
    try {
      Files.createDirectory(temporary);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = temporary.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        AtomicFiles.writeSynced(target, file.getValue());
        AtomicFiles.fsyncDirectory(target.getParent());
      }
      List<String> log = AuditLog.appended(List.of(), entry);
      AtomicFiles.writeSynced(temporary.resolve(INDEX),
          encode(state.withAudit(AuditLog.head(log))));
      AtomicFiles.writeSynced(temporary.resolve(AuditLog.FILE), AuditLog.encode(log));
      AtomicFiles.publishDirectory(temporary, directory.toAbsolutePath());
      return AuditLog.head(log);
    } catch (FileAlreadyExistsException e) {
      deleteTree(temporary);
      throw new StateException("state '" + directory + "' already exists");
    } catch (IOException e) {
      deleteTree(temporary);
      throw new StateException("cannot create state '" + directory + "': "
          + IoReasons.describe(e), e);
    }
  }

  /**
   * The transcript's line for an opened state, with the audit log's last entry and its SHA-256:
   * the paper record of the ceremony that wrote that entry holds the same hash, which the
   * witnesses compare, since a hash chain alone cannot show that the whole log was rewritten.
   */
  public String openedLine() {
    List<String> audit = opened.audit();
    return "state " + directory + " opened and locked; audit chain verified through entry "
        + audit.size() + ", SHA-256 " + AuditLog.hash(audit.get(audit.size() - 1));
  }

  /**
   * What the transcript should warn of when this state was opened: what a ceremony stopped
   * mid-commit left behind (an audit entry the index does not record, files that belong to no
   * record), and files the index records that are missing or changed. Empty for a state every
   * commit completed and nobody changed.
   */
  public List<String> warnings() throws StateException {
    List<String> warnings = new ArrayList<>();
    AuditAnchor.warning(directory, opened).ifPresent(warnings::add);
    StrayFiles.warning(directory, opened.state()).ifPresent(warnings::add);
    warnings.addAll(RecordedFiles.warnings(directory, opened.state()));
    return List.copyOf(warnings);
  }

  /** The state as last read or committed. */
  public State state() {
    return state;
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /**
   * Records a ceremony: writes each new file (never over an existing one), appends the audit
   * entry, then replaces the index with {@code updated} recording the new audit head. It first
   * checks the audit log against the index, and, as {@link #checkWritable} does, that every file
   * can be made. Entries of ceremonies cut short before theirs are named in the new entry's
   * {@code unrecorded-entries}, so the log keeps saying so once the index records them. A step
   * that fails anyway takes back the steps before it, so a failed commit leaves the state as it
   * was.
   *
   * @return the audit head the index now records, for the transcript
   */
  public AuditHead commit(Map<String, byte[]> newFiles, State updated, AuditEntry entry)
      throws StateException {
    Path log = directory.resolve(AuditLog.FILE);
    AuditLog.Contents before = AuditLog.load(log);
    AuditAnchor.check(directory, before.lines(), state);
    List<String> after = AuditLog.appended(before.lines(),
        AuditAnchor.unrecorded(before.lines(), state)
            .map(seqs -> entry.withDetail("unrecorded-entries", seqs)).orElse(entry));
    State recorded = updated.withAudit(AuditLog.head(after));
    checkWritable(newFiles.keySet());
    AtomicFiles.Batch written;
    try {
      Map<Path, byte[]> targets = new java.util.LinkedHashMap<>();
      newFiles.forEach((name, content) -> targets.put(directory.resolve(name), content));
      written = AtomicFiles.createNewAll(targets);
    } catch (IOException e) {
      throw new StateException("cannot write state '" + directory + "': "
          + IoReasons.describe(e), e);
    }
    try {
      AtomicFiles.replace(log, AuditLog.encode(after));
    } catch (IOException e) {
      StateException failure = new StateException("cannot append to the audit log '" + log
          + "': " + IoReasons.describe(e), e);
      undo(written, null, null, failure);
      throw failure;
    }
    try {
      AtomicFiles.replace(directory.resolve(INDEX), encode(recorded));
    } catch (IOException e) {
      StateException failure = new StateException("cannot write state '" + directory + "': "
          + IoReasons.describe(e), e);
      undo(written, log, before.content(), failure);
      throw failure;
    }
    state = recorded;
    return recorded.audit();
  }

  /** Takes back a commit's files, and its audit entry when one was appended. */
  private static void undo(AtomicFiles.Batch written, Path log, byte[] logBefore,
      Exception failure) {
    try {
      if (log != null) {
        AtomicFiles.replace(log, logBefore);
      }
      written.undo();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Checks, before anything is signed, that a commit could make these files: none exists, no
   * directory on the way is a symbolic link or a file (the state never writes through a link),
   * and the state directory and every existing directory that would receive a file or a new
   * subdirectory accept a new file (a probe file is made and removed in each).
   */
  public void checkWritable(Collection<String> names) throws StateException {
    Set<Path> receiving = new LinkedHashSet<>();
    receiving.add(directory);
    // Each directory on the way is checked once, however many files share it.
    Set<Path> directories = new HashSet<>();
    Set<Path> missing = new HashSet<>();
    for (String name : names) {
      Path relative = Path.of(name).normalize();
      if (relative.isAbsolute() || relative.startsWith("..")) {
        throw new IllegalArgumentException("'" + name + "' is not inside the state");
      }
      Path existing = directory;
      for (int i = 0; i < relative.getNameCount(); i++) {
        Path path = existing.resolve(relative.getName(i));
        if (directories.contains(path)) {
          existing = path;
          continue;
        }
        if (missing.contains(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          missing.add(path);
          break;
        }
        if (i == relative.getNameCount() - 1) {
          throw new StateException("'" + path + "' already exists; the state never overwrites");
        }
        if (Files.isSymbolicLink(path)) {
          throw new StateException("'" + path + "' is a symbolic link; the state never writes "
              + "through one");
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          throw new StateException("'" + path + "' is not a directory");
        }
        directories.add(path);
        existing = path;
      }
      receiving.add(existing);
    }
    for (Path receiver : receiving) {
      Path probe = AtomicFiles.temporarySibling(receiver.resolve("write-check"));
      try {
        Files.newByteChannel(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            .close();
        Files.delete(probe);
      } catch (IOException e) {
        throw new StateException("cannot write in state directory '" + receiver + "': "
            + IoReasons.reason(e), e);
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases the lock as well.
    }
    closeQuietly(lockChannel);
  }

  private static byte[] encode(State state) {
    try {
      return JSON.writeValueAsBytes(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the state index could not be encoded", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing was written through this channel.
      }
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover hidden temporary directory is harmless and never read.
    }
  }
}
