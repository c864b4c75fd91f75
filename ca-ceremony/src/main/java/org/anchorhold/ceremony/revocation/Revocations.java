package org.anchorhold.ceremony.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.CrlException;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;

/**
 * Resolves what a revoke ceremony names against the state: each target is exactly one live
 * certificate a root issued. Refused: unknown names and serials, a root, a certificate already
 * revoked or already expired, and certificates of more than one root.
 */
public final class Revocations {
  private Revocations() {}

  /**
   * The revocations to record, in the order of the file.
   *
   * @param root the root that issued every revoked certificate
   * @param revoked the records as they will be stored, revoked at {@code now}
   * @param state the state with every revocation applied
   */
  public record Resolved(String root, List<IssuedRecord> revoked, State state) {
    public Resolved {
      revoked = List.copyOf(revoked);
    }
  }

  /** Resolves every target or throws on the first that cannot be revoked. */
  public static Resolved resolve(State state, List<Target> targets, Instant now)
      throws CrlException {
    List<IssuedRecord> revoked = new ArrayList<>();
    Set<String> serials = new HashSet<>();
    State updated = state;
    for (Target target : targets) {
      IssuedRecord issued = find(state, target, now);
      if (!serials.add(issued.serial())) {
        throw new CrlException(target.describe() + " names serial " + issued.serial()
            + ", which the file already revokes");
      }
      if (target.invalidityDate() != null && target.invalidityDate().isAfter(now)) {
        throw new CrlException("the invalidity-date of " + target.describe() + " ("
            + target.invalidityDate() + ") is in the future (RFC 5280 §5.3.2)");
      }
      IssuedRecord record = new IssuedRecord(issued.serial(), issued.issuer(), issued.root(),
          issued.trustDomain(), issued.certificate(), issued.sha256(), issued.notBefore(),
          issued.notAfter(), IssuedRecord.REVOKED, now, target.reason().rfcName(),
          target.invalidityDate());
      revoked.add(record);
      updated = updated.withIssuedReplaced(record);
    }
    Set<String> roots = revoked.stream().map(IssuedRecord::root)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (roots.size() > 1) {
      throw new CrlException("the certificates to revoke were issued by several roots ("
          + String.join(", ", roots) + "); run one revoke ceremony per root");
    }
    return new Resolved(roots.iterator().next(), revoked, updated);
  }

  private static IssuedRecord find(State state, Target target, Instant now)
      throws CrlException {
    if (target.serial() != null) {
      for (RootRecord root : state.roots()) {
        if (normalized(root.serial()).equals(target.serial())) {
          throw new CrlException("serial " + target.serial() + " is root '" + root.name()
              + "'; a root is not revoked, it is retired");
        }
      }
      IssuedRecord issued = state.issuedBySerial(target.serial()).orElseThrow(() ->
          new CrlException("serial " + target.serial() + " is not a certificate in the state"));
      return live(issued, now);
    }
    if (state.root(target.issuer()).isPresent()) {
      throw new CrlException("'" + target.issuer() + "' is a root, not an issuer; a root is not "
          + "revoked, it is retired");
    }
    List<IssuedRecord> named = state.issued().stream()
        .filter(i -> i.issuer().equals(target.issuer())).toList();
    if (named.isEmpty()) {
      throw new CrlException("issuer '" + target.issuer() + "' has no certificate in the state");
    }
    List<IssuedRecord> live = named.stream()
        .filter(i -> IssuedRecord.VALID.equals(i.status()) && i.notAfter().isAfter(now))
        .toList();
    if (live.size() == 1) {
      return live.get(0);
    }
    if (live.size() > 1) {
      throw new CrlException("issuer '" + target.issuer() + "' has " + live.size()
          + " unexpired certificates (serials " + live.stream().map(IssuedRecord::serial)
          .collect(Collectors.joining(", ")) + "); name the one to revoke by serial");
    }
    return live(named.get(named.size() - 1), now);
  }

  /** The certificate if it may still be revoked; a clear refusal otherwise. */
  private static IssuedRecord live(IssuedRecord issued, Instant now) throws CrlException {
    String which = "certificate " + issued.serial() + " of issuer '" + issued.issuer() + "'";
    if (IssuedRecord.REVOKED.equals(issued.status())) {
      throw new CrlException(which + " is already revoked (" + issued.reason() + ", "
          + issued.revokedAt() + "); it stays on the CRL and is not listed twice; if `ceremony "
          + "status` says the state changed after the last publication, run a publish ceremony");
    }
    if (!issued.notAfter().isAfter(now)) {
      throw new CrlException(which + " expired at " + issued.notAfter()
          + "; an expired certificate is not revoked");
    }
    return issued;
  }

  private static String normalized(String hex) {
    return new java.math.BigInteger(hex, 16).toString(16);
  }
}
