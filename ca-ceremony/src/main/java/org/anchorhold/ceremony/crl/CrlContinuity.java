package org.anchorhold.ceremony.crl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RecordedFiles;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateException;

/**
 * Checks, before a root's next CRL is drafted, that the state still holds the evidence of its
 * latest one: the index holds the latest CRL the audit log records, the CRL file is the one the
 * index recorded, and every serial it revokes is still
 * revoked in the index, on the same date and for the same reason. Without this an edit of
 * {@code state.json} would drop a revocation from the next CRL without a trace (field case F10).
 * An entry may leave the CRL only as {@link CrlDraft#entries} allows (RFC 5280 §3.3): once a CRL
 * issued after its certificate expired listed it, which is checked against the certificate file
 * and that CRL's file, not the index alone. A refusal is a {@link StateException}: the state is
 * at fault, not the ceremony file.
 */
public final class CrlContinuity {
  /** What every refusal tells the officer. */
  private static final String CHANGED = ": the index or the CRL file was changed; restore the "
      + "state from its backup";

  private CrlContinuity() {}

  /** Checks the latest CRL of a root in the state; nothing to check before its first CRL. */
  public static void check(Path stateDirectory, State state, String rootName)
      throws CrlException, StateException {
    RootRecord root = state.root(rootName).orElseThrow(() -> new CrlException("root '"
        + rootName + "' is not in state '" + stateDirectory + "'"));
    check(stateDirectory, state, root, CrlDraft.rootCertificate(stateDirectory, root));
  }

  /**
   * For {@code ceremony status}: the refusal {@link #check} would give for each root with a CRL,
   * as warnings; empty when the next CRL of every root would keep what its latest CRL revokes.
   */
  public static List<String> warnings(Path stateDirectory, State state) {
    List<String> warnings = new ArrayList<>();
    for (RootRecord root : state.roots()) {
      try {
        check(stateDirectory, state, root.name());
      } catch (CrlException | StateException e) {
        warnings.add(e.getMessage());
      }
    }
    return warnings;
  }

  /** As {@link #check(Path, State, String)}, with the root's certificate already checked. */
  static void check(Path stateDirectory, State state, RootRecord root,
      X509Certificate rootCertificate) throws StateException {
    Optional<CrlRecord> latest = state.latestCrl(root.name());
    requireAuditedCrlsInTheIndex(stateDirectory, state, root, latest);
    if (latest.isEmpty()) {
      return;
    }
    X509CRL crl = verified(stateDirectory, latest.get(), root, rootCertificate);
    String where = describe(latest.get(), root) + " ('" + stateDirectory.resolve(
        latest.get().file()) + "')";
    Set<BigInteger> next = CrlDraft.entries(state, root.name()).stream()
        .map(CrlEntry::serial).collect(Collectors.toSet());
    Set<? extends X509CRLEntry> revoked = crl.getRevokedCertificates();
    for (X509CRLEntry entry : revoked == null ? Set.<X509CRLEntry>of() : revoked) {
      String serial = entry.getSerialNumber().toString(16);
      String listed = "serial " + serial + " is revoked on " + where;
      IssuedRecord issued = state.issuedBySerial(serial)
          .filter(i -> i.root().equals(root.name()))
          .orElseThrow(() -> new StateException(listed + " but the index has no certificate of "
              + "root '" + root.name() + "' with that serial" + CHANGED));
      if (!IssuedRecord.REVOKED.equals(issued.status())) {
        throw new StateException(listed + " but the index records it as " + issued.status()
            + CHANGED);
      }
      Instant listedAt = entry.getRevocationDate().toInstant();
      String listedReason = reasonName(entry);
      String indexReason = ReasonCode.fromRfcName(issued.reason())
          .orElse(ReasonCode.UNSPECIFIED).rfcName();
      if (issued.revokedAt() == null || !listedAt.equals(seconds(issued.revokedAt()))
          || !listedReason.equals(indexReason)) {
        throw new StateException(listed + " at " + listedAt + " (" + listedReason + ") but the "
            + "index records " + issued.revokedAt() + " (" + issued.reason() + ")" + CHANGED);
      }
      if (!next.contains(entry.getSerialNumber())) {
        requireExpired(stateDirectory, state, root, rootCertificate, issued);
      }
    }
  }

  /**
   * Checks that the index still holds the root's latest CRL the audit log records. Every CRL
   * ceremony's entry names its root and {@code crl-number}; an index whose latest CRL of the root
   * is older, or that has none, lost records, which would let the checks below start from an
   * earlier CRL. Only the entries the index records are read: one written by a ceremony cut
   * short before its commit completed names a CRL that was never recorded or published.
   */
  private static void requireAuditedCrlsInTheIndex(Path stateDirectory, State state,
      RootRecord root, Optional<CrlRecord> latest) throws StateException {
    Path log = stateDirectory.resolve(AuditLog.FILE);
    List<String> lines = AuditLog.verify(log);
    int recorded = state.audit() == null ? lines.size()
        : (int) Math.min(lines.size(), state.audit().seq());
    for (int seq = recorded; seq >= 1; seq--) {
      JsonNode details = AuditLog.entry(lines.get(seq - 1)).path("details");
      if (!root.name().equals(details.path("root").asText())
          || !details.path("crl-number").isTextual()) {
        continue;
      }
      BigInteger audited = new BigInteger(details.path("crl-number").asText());
      if (latest.isEmpty() || latest.get().number().compareTo(audited) < 0) {
        throw new StateException("audit log '" + log + "' entry " + seq + " records CRL "
            + audited + " of root '" + root.name() + "', but the index's latest CRL of that "
            + "root is " + latest.map(c -> c.number().toString()).orElse("none") + CHANGED);
      }
      return;
    }
  }

  /**
   * Checks that a revoked certificate the next CRL drops did expire before a recorded CRL was
   * issued: its notAfter is read from its certificate file, and that CRL from its file.
   */
  private static void requireExpired(Path stateDirectory, State state, RootRecord root,
      X509Certificate rootCertificate, IssuedRecord issued) throws StateException {
    String what = "intermediate " + issued.serial() + " of issuer '" + issued.issuer() + "'";
    Optional<RecordedFiles.Problem> problem = RecordedFiles.check(stateDirectory,
        issued.certificate(), issued.sha256(), RecordedFiles.Encoding.PEM_CERTIFICATE, what);
    if (problem.isPresent()) {
      throw new StateException(problem.get().describe() + ": the index or the certificate file "
          + "was changed; restore the state from its backup");
    }
    Path file = stateDirectory.resolve(issued.certificate());
    Instant notAfter = certificate(file).getNotAfter().toInstant();
    Optional<CrlRecord> after = state.crlsOf(root.name()).stream()
        .filter(c -> c.thisUpdate().isAfter(notAfter)).findFirst();
    if (!notAfter.equals(seconds(issued.notAfter())) || after.isEmpty()) {
      throw new StateException("serial " + issued.serial() + " would leave the CRL as expired at "
          + issued.notAfter() + ", but its certificate '" + file + "' is valid until " + notAfter
          + ": the index was changed; restore the state from its backup");
    }
    verified(stateDirectory, after.get(), root, rootCertificate);
  }

  /** The CRL a record names, once its file, signature, number and thisUpdate are as recorded. */
  private static X509CRL verified(Path stateDirectory, CrlRecord record, RootRecord root,
      X509Certificate rootCertificate) throws StateException {
    String what = describe(record, root);
    Optional<RecordedFiles.Problem> problem = RecordedFiles.check(stateDirectory,
        record.file(), record.sha256(), RecordedFiles.Encoding.DER, what);
    if (problem.isPresent()) {
      throw new StateException(problem.get().describe() + CHANGED);
    }
    Path file = stateDirectory.resolve(record.file());
    X509CRL crl;
    try {
      crl = CrlNumbers.read(file, "CRL file");
    } catch (CrlException e) {
      throw new StateException(e.getMessage() + CHANGED, e);
    }
    String named = "'" + file + "' (" + what + ")";
    if (!Arrays.equals(crl.getIssuerX500Principal().getEncoded(),
        rootCertificate.getSubjectX500Principal().getEncoded())) {
      throw new StateException(named + " was not issued by root '" + root.name() + "'" + CHANGED);
    }
    try {
      crl.verify(rootCertificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new StateException(named + " does not verify with the key of root '" + root.name()
          + "'" + CHANGED, e);
    }
    Optional<BigInteger> number = CrlNumbers.number(crl);
    Instant thisUpdate = crl.getThisUpdate().toInstant();
    if (!number.equals(Optional.of(record.number()))
        || !thisUpdate.equals(seconds(record.thisUpdate()))) {
      throw new StateException(named + " holds cRLNumber " + number.map(BigInteger::toString)
          .orElse("(none)") + " of " + thisUpdate + ", not the number and thisUpdate the index "
          + "records" + CHANGED);
    }
    return crl;
  }

  private static String describe(CrlRecord record, RootRecord root) {
    return "CRL " + record.number() + " of root '" + root.name() + "'";
  }

  /** The RFC 5280 name of an entry's reason; no reasonCode extension means unspecified. */
  private static String reasonName(X509CRLEntry entry) {
    if (entry.getRevocationReason() == null) {
      return ReasonCode.UNSPECIFIED.rfcName();
    }
    int code = entry.getRevocationReason().ordinal();
    return Arrays.stream(ReasonCode.values()).filter(r -> r.code() == code)
        .map(ReasonCode::rfcName).findFirst().orElse("reason code " + code);
  }

  private static Instant seconds(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
  }

  private static X509Certificate certificate(Path file) throws StateException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (IOException | CertificateException | ClassCastException e) {
      throw new StateException("cannot read certificate '" + file + "': "
          + IoReasons.describe(e), e);
    }
  }
}
