package org.anchorhold.ceremony.status;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;

/**
 * What {@code ceremony status} reports about a state at one moment: every root with its CRL and
 * the date the next CRL ceremony is due, every intermediate with its validity and revocation
 * status, and the warnings monitoring acts on (field case F09: the CRL's expiry must never
 * surprise anyone).
 *
 * @param time the moment the report describes
 * @param publicationSequence the last publication's sequence
 * @param roots every root
 * @param intermediates every intermediate a root issued
 * @param warnings every condition that needs a ceremony soon; empty when all is well
 */
public record StatusReport(
    Instant time, long publicationSequence, List<RootStatus> roots,
    List<IntermediateStatus> intermediates, List<String> warnings) {

  public StatusReport {
    roots = List.copyOf(roots);
    intermediates = List.copyOf(intermediates);
    warnings = List.copyOf(warnings);
  }

  /** A root, and its latest CRL when it has one. */
  public record RootStatus(
      String name, String subject, Instant notBefore, Instant notAfter, long daysLeft,
      CrlStatus crl) {}

  /** A root's latest CRL and when the next CRL ceremony is due. */
  public record CrlStatus(
      BigInteger number, Instant thisUpdate, Instant nextUpdate, Instant nextCeremonyDue,
      String state, String file) {}

  /** An intermediate: {@code valid}, {@code revoked} or {@code expired}. */
  public record IntermediateStatus(
      String serial, String issuer, String root, String trustDomain, Instant notBefore,
      Instant notAfter, long daysLeft, String status, Instant revokedAt, String reason) {}

  /** When an intermediate or a root counts as near its end. */
  public record Thresholds(Duration intermediate, Duration root) {
    /** 30 days for intermediates; a year for roots, since a root rotation takes months. */
    public static Thresholds defaults() {
      return new Thresholds(Duration.ofDays(30), Duration.ofDays(365));
    }
  }

  /** This report with one more warning, if there is one. */
  public StatusReport withWarning(Optional<String> warning) {
    if (warning.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(warnings);
    all.add(warning.get());
    return new StatusReport(time, publicationSequence, roots, intermediates, all);
  }

  /** Builds the report of a state at {@code now}. */
  public static StatusReport of(State state, Instant now, Thresholds thresholds) {
    List<String> warnings = new ArrayList<>();
    List<RootStatus> roots = new ArrayList<>();
    for (RootRecord root : state.roots()) {
      Optional<CrlRecord> latest = state.latestCrl(root.name());
      CrlStatus crl = latest.map(c -> crlStatus(c, now)).orElse(null);
      roots.add(new RootStatus(root.name(), root.subject(), root.notBefore(), root.notAfter(),
          days(now, root.notAfter()), crl));
      rootWarnings(root, latest, now, thresholds, warnings);
    }
    List<IntermediateStatus> intermediates = new ArrayList<>();
    for (IssuedRecord issued : state.issued()) {
      String status = IssuedRecord.REVOKED.equals(issued.status()) ? "revoked"
          : issued.notAfter().isAfter(now) ? "valid" : "expired";
      intermediates.add(new IntermediateStatus(issued.serial(), issued.issuer(), issued.root(),
          issued.trustDomain(), issued.notBefore(), issued.notAfter(),
          days(now, issued.notAfter()), status, issued.revokedAt(), issued.reason()));
      if (status.equals("valid")
          && !issued.notAfter().isAfter(now.plus(thresholds.intermediate()))) {
        warnings.add("intermediate of issuer '" + issued.issuer() + "' (serial "
            + issued.serial() + ") expires at " + issued.notAfter() + ", in "
            + days(now, issued.notAfter()) + " days; issue its successor");
      }
    }
    return new StatusReport(now, state.publicationSequence(), roots, intermediates, warnings);
  }

  private static CrlStatus crlStatus(CrlRecord crl, Instant now) {
    String state = !crl.nextUpdate().isAfter(now) ? "expired"
        : !crl.due().isAfter(now) ? "renewal due" : "current";
    return new CrlStatus(crl.number(), crl.thisUpdate(), crl.nextUpdate(), crl.due(), state,
        crl.file());
  }

  private static void rootWarnings(RootRecord root, Optional<CrlRecord> latest, Instant now,
      Thresholds thresholds, List<String> warnings) {
    String name = "root '" + root.name() + "'";
    if (!root.notAfter().isAfter(now)) {
      warnings.add(name + " expired at " + root.notAfter());
      return;
    }
    if (!root.notAfter().isAfter(now.plus(thresholds.root()))) {
      warnings.add(name + " expires at " + root.notAfter() + ", in "
          + days(now, root.notAfter()) + " days; rotate to a new root");
    }
    if (latest.isEmpty()) {
      warnings.add(name + " has no CRL; relying parties that check revocation reject its "
          + "chains: run a crl ceremony");
      return;
    }
    CrlRecord crl = latest.get();
    if (!crl.nextUpdate().isAfter(now)) {
      warnings.add(name + " CRL " + crl.number() + " expired at nextUpdate " + crl.nextUpdate()
          + "; relying parties reject its chains: run a crl ceremony now");
    } else if (!crl.due().isAfter(now)) {
      warnings.add(name + " CRL " + crl.number() + " is inside its renewal margin: the next crl "
          + "ceremony was due by " + crl.due() + ", nextUpdate is " + crl.nextUpdate());
    }
  }

  /** Whole days from now to then, negative when then has passed. */
  private static long days(Instant now, Instant then) {
    return Math.floorDiv(Duration.between(now, then).getSeconds(), 86400);
  }

  /** The report as text for an officer, one fact per line. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("status at " + time + "; publication sequence " + publicationSequence);
    for (RootStatus root : roots) {
      lines.add("root " + root.name() + "  " + root.subject());
      lines.add("  valid " + root.notBefore() + " to " + root.notAfter() + " ("
          + root.daysLeft() + " days left)");
      if (root.crl() == null) {
        lines.add("  crl   none signed yet");
      } else {
        CrlStatus crl = root.crl();
        lines.add("  crl   number " + crl.number() + ", thisUpdate " + crl.thisUpdate()
            + ", nextUpdate " + crl.nextUpdate() + " (" + crl.state() + ")");
        lines.add("  next crl ceremony due by " + crl.nextCeremonyDue());
      }
    }
    for (IntermediateStatus i : intermediates) {
      lines.add("intermediate " + i.issuer() + "  serial " + i.serial() + "  root " + i.root()
          + "  spiffe://" + i.trustDomain());
      lines.add("  valid " + i.notBefore() + " to " + i.notAfter() + " (" + i.daysLeft()
          + " days left), " + i.status() + (i.revokedAt() == null ? ""
          : " at " + i.revokedAt() + " (" + i.reason() + ")"));
    }
    if (warnings.isEmpty()) {
      lines.add("no warnings");
    } else {
      warnings.forEach(w -> lines.add("warning: " + w));
    }
    return lines;
  }
}
