package org.anchorhold.ceremony.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds what a ceremony stopped mid-commit (killed, or the machine lost power) can leave in a
 * state directory: temporary files, and intermediates written but never named by the index.
 * Such a certificate was signed but never recorded, audited or published. Nothing is removed
 * here: an officer notes the files for the record, then moves them out of the state.
 */
public final class StrayFiles {
  /** How many paths a warning names before it counts the rest. */
  private static final int NAMED = 5;

  private StrayFiles() {}

  /** A warning naming the stray files, or empty when there are none. */
  public static Optional<String> warning(Path directory, State state) throws StateException {
    List<String> strays = find(directory, state);
    if (strays.isEmpty()) {
      return Optional.empty();
    }
    String named = String.join(", ", strays.subList(0, Math.min(NAMED, strays.size())))
        + (strays.size() > NAMED ? " and " + (strays.size() - NAMED) + " more" : "");
    return Optional.of(strays.size() + " file(s) in state '" + directory + "' belong to no "
        + "record (a ceremony stopped before recording them; they were never published): "
        + named + "; note them in the ceremony record, then move them out of the state");
  }

  /** Paths, relative to the state, of temporary files and unrecorded intermediates' files. */
  public static List<String> find(Path directory, State state) throws StateException {
    Set<String> recorded = new HashSet<>();
    Set<String> recordedDirectories = new HashSet<>();
    for (IssuedRecord record : state.issued()) {
      recorded.add(record.certificate());
      recordedDirectories.add(IntermediateFiles.of(record.issuer(), record.serial()).directory());
    }
    List<String> strays = new ArrayList<>();
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        String relative = directory.relativize(path).toString().replace('\\', '/');
        boolean temporary = AtomicFiles.isTemporary(path);
        boolean unrecordedIssued = relative.startsWith("issued/") && !recorded.contains(relative);
        boolean unrecordedIssuerFiles = relative.startsWith("issuers/")
            && relative.split("/").length == 3 && !recordedDirectories.contains(relative);
        if (temporary || unrecordedIssued || unrecordedIssuerFiles) {
          strays.add(relative);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new StateException("cannot list state '" + directory + "': " + e.getMessage(), e);
    }
    return strays;
  }
}
