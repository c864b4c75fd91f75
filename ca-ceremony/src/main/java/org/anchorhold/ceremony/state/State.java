package org.anchorhold.ceremony.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The index of a CA state directory, stored as {@code state.json}: every root, every certificate
 * the roots issued with its status, every CRL signed, the last publication sequence, and the head
 * of the audit log. Immutable; each change makes a new value.
 *
 * @param format the index format, {@link #FORMAT}
 * @param roots the roots, in the order they were made
 * @param issued the intermediates the roots issued
 * @param crls every CRL signed, oldest first
 * @param publicationSequence the sequence of the last publication (0 before the first)
 * @param audit the audit log's last entry when the index was written; {@link StateDirectory}
 *     sets it on every write, and it is null only in a state not yet written
 */
public record State(
    int format,
    List<RootRecord> roots,
    List<IssuedRecord> issued,
    List<CrlRecord> crls,
    long publicationSequence,
    AuditHead audit) {

  /** The format this version writes; format 2 added the audit head. */
  public static final int FORMAT = 2;

  /**
   * The earlier format this version still reads: the same index without the audit head. The
   * next commit writes it in {@link #FORMAT}.
   */
  public static final int FORMAT_WITHOUT_AUDIT_HEAD = 1;

  public State {
    roots = roots == null ? List.of() : List.copyOf(roots);
    issued = issued == null ? List.of() : List.copyOf(issued);
    crls = crls == null ? List.of() : List.copyOf(crls);
  }

  /** A state with no roots yet, and no audit entry until it is written. */
  public static State empty() {
    return new State(FORMAT, List.of(), List.of(), List.of(), 0, null);
  }

  /** The root with this name. */
  public Optional<RootRecord> root(String name) {
    return roots.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The issued certificate with this serial (lowercase hexadecimal, no leading zeros). */
  public Optional<IssuedRecord> issuedBySerial(String serial) {
    return issued.stream().filter(i -> i.serial().equals(serial)).findFirst();
  }

  /** The CRLs a root signed, oldest first. */
  public List<CrlRecord> crlsOf(String root) {
    return crls.stream().filter(c -> c.root().equals(root)).toList();
  }

  /** The root's latest CRL: the one with the highest number. */
  public Optional<CrlRecord> latestCrl(String root) {
    return crls.stream().filter(c -> c.root().equals(root))
        .max(java.util.Comparator.comparing(CrlRecord::number));
  }

  /** This state with one more CRL. */
  public State withCrl(CrlRecord crl) {
    List<CrlRecord> updated = new ArrayList<>(crls);
    updated.add(crl);
    return new State(format, roots, issued, updated, publicationSequence, audit);
  }

  /** This state with an issued certificate replaced by a new value of it (same serial). */
  public State withIssuedReplaced(IssuedRecord record) {
    List<IssuedRecord> updated = new ArrayList<>();
    boolean found = false;
    for (IssuedRecord existing : issued) {
      if (existing.serial().equals(record.serial())) {
        updated.add(record);
        found = true;
      } else {
        updated.add(existing);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no issued certificate with serial " + record.serial());
    }
    return new State(format, roots, updated, crls, publicationSequence, audit);
  }

  /** This state with more issued certificates. */
  public State withIssued(List<IssuedRecord> added) {
    List<IssuedRecord> updated = new ArrayList<>(issued);
    updated.addAll(added);
    return new State(format, roots, updated, crls, publicationSequence, audit);
  }

  /** This state with one more root. */
  public State withRoot(RootRecord root) {
    List<RootRecord> updated = new ArrayList<>(roots);
    updated.add(root);
    return new State(format, updated, issued, crls, publicationSequence, audit);
  }

  /** This state after a publication with this sequence. */
  public State withPublicationSequence(long sequence) {
    return new State(format, roots, issued, crls, sequence, audit);
  }

  /** This state in the current format with the audit log's last entry recorded. */
  public State withAudit(AuditHead head) {
    return new State(FORMAT, roots, issued, crls, publicationSequence, head);
  }
}
