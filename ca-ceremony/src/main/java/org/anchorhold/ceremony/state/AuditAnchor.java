package org.anchorhold.ceremony.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.anchorhold.ceremony.audit.AuditLog;

/**
 * Holds the audit log to the head the index records. The chain protects a line only through the
 * next line's {@code prev}, so without the index an edit of the last entry, or a log cut short,
 * would go unseen. A commit appends its audit entry and then replaces the index, so the log holds
 * the entries the index records and, after each ceremony that stopped between those two steps,
 * one more. Such entries truthfully record ceremonies cut short: they are accepted, reported by
 * {@code ceremony status} and the next ceremony's transcript, and the next commit appends after
 * them. A log shorter than the index records, or whose recorded head differs, is refused.
 */
public final class AuditAnchor {
  private AuditAnchor() {}

  /**
   * Checks a log whose chain is verified against the head the index records. An index of the
   * format without a head is accepted as it is, and {@link #warning} says so.
   */
  static void check(Path directory, List<String> lines, State state) throws StateException {
    AuditHead head = state.audit();
    if (state.format() == State.FORMAT_WITHOUT_AUDIT_HEAD && head == null && !lines.isEmpty()) {
      return;
    }
    if (head == null || head.seq() < 1 || head.sha256() == null) {
      throw new StateException("state '" + directory + "' records no audit log head in its "
          + "index");
    }
    Path log = directory.resolve(AuditLog.FILE);
    long recorded = head.seq();
    long present = lines.size();
    String ends = "audit log '" + log + "' "
        + (present == 0 ? "has no entries" : "ends at entry " + present)
        + " but the index records entry " + recorded;
    if (present < recorded) {
      throw new StateException(ends + ": the log was truncated");
    }
    if (!AuditLog.hash(lines.get((int) recorded - 1)).equals(head.sha256())) {
      throw new StateException("audit log '" + log + "' entry " + recorded + " does not match "
          + "the hash the index records: the entry was changed");
    }
  }

  /**
   * A warning naming the audit entries of ceremonies that stopped after writing them but before
   * their commits completed, or saying that an index of the earlier format has no head to hold
   * the log to; empty when the index records the whole log.
   */
  public static Optional<String> warning(Path directory, StateDirectory.Snapshot snapshot) {
    List<String> lines = snapshot.audit();
    if (snapshot.state().audit() == null) {
      return Optional.of("state '" + directory + "' has index format "
          + State.FORMAT_WITHOUT_AUDIT_HEAD + ", which records no audit log head: its audit "
          + "log is taken as it is, through entry " + lines.size() + ", SHA-256 "
          + AuditLog.hash(lines.get(lines.size() - 1)) + "; compare that entry with the paper "
          + "record of the last ceremony; the next ceremony writes format " + State.FORMAT);
    }
    List<Integer> unrecorded = unrecordedSeqs(lines, snapshot.state());
    if (unrecorded.isEmpty()) {
      return Optional.empty();
    }
    List<String> entries = new ArrayList<>();
    for (int seq : unrecorded) {
      JsonNode entry = AuditLog.entry(lines.get(seq - 1));
      entries.add(seq + " (" + entry.path("event").asText() + " at "
          + entry.path("time").asText() + ")");
    }
    return Optional.of("audit log '" + directory.resolve(AuditLog.FILE) + "' has entries the "
        + "index does not record: " + String.join(", ", entries) + "; each is a ceremony that "
        + "stopped before its commit completed, and nothing it made was recorded; note them in "
        + "the ceremony record");
  }

  /**
   * The numbers of the entries the index does not record, comma-separated, for the next entry's
   * details; empty when it records them all or has no head.
   */
  static Optional<String> unrecorded(List<String> lines, State state) {
    List<Integer> seqs = unrecordedSeqs(lines, state);
    return seqs.isEmpty() ? Optional.empty() : Optional.of(seqs.stream().map(String::valueOf)
        .collect(Collectors.joining(",")));
  }

  /** The entries after the index's head, oldest first; none when the index has no head. */
  private static List<Integer> unrecordedSeqs(List<String> lines, State state) {
    if (state.audit() == null) {
      return List.of();
    }
    return IntStream.rangeClosed((int) state.audit().seq() + 1, lines.size()).boxed().toList();
  }
}
