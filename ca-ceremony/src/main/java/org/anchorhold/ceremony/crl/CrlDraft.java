package org.anchorhold.ceremony.crl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateException;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;

/**
 * A root's next CRL, worked out from the state before the HSM is opened: the number, the window,
 * the revoked entries, and the checks against the state's latest CRL ({@link CrlContinuity})
 * and the published CRL. {@link #sign} then lints, signs and verifies it and gives the files and
 * the state to commit.
 */
public final class CrlDraft {
  /** How far ahead of the clock thisUpdate may be (PROFILES.md, CRL; field case F09). */
  public static final Duration SKEW = Duration.ofMinutes(5);

  /** How far behind the clock an explicit thisUpdate may be. */
  public static final Duration MAX_BACKDATE = Duration.ofDays(1);

  private final RootRecord root;
  private final X509Certificate rootCertificate;
  private final BigInteger number;
  private final Instant thisUpdate;
  private final Instant nextUpdate;
  private final List<CrlEntry> entries;
  private final int renewalMarginDays;
  private final State state;
  private final List<String> notes;

  private CrlDraft(RootRecord root, X509Certificate rootCertificate, BigInteger number,
      Instant thisUpdate, Instant nextUpdate, List<CrlEntry> entries, int renewalMarginDays,
      State state, List<String> notes) {
    this.root = root;
    this.rootCertificate = rootCertificate;
    this.number = number;
    this.thisUpdate = thisUpdate;
    this.nextUpdate = nextUpdate;
    this.entries = List.copyOf(entries);
    this.renewalMarginDays = renewalMarginDays;
    this.state = state;
    this.notes = List.copyOf(notes);
  }

  /**
   * Drafts the next CRL of a root from a state (which already holds any revocation of this
   * ceremony), at {@code now}. {@code published} is the CRL relying parties hold now, if known.
   * A {@link StateException} says the state no longer holds the evidence of the root's latest CRL
   * ({@link CrlContinuity}).
   */
  public static CrlDraft prepare(Path stateDirectory, State state, String rootName, CrlSpec spec,
      Optional<Path> published, Instant now) throws CrlException, StateException {
    RootRecord root = state.root(rootName).orElseThrow(() -> new CrlException("root '"
        + rootName + "' is not in state '" + stateDirectory + "'"));
    X509Certificate certificate = rootCertificate(stateDirectory, root);
    X509CertificateHolder holder = holder(certificate);
    Optional<String> problem = CrlProfile.crlSignerProblem(holder);
    if (problem.isPresent()) {
      throw new CrlException("root '" + rootName + "' cannot sign CRLs: " + problem.get());
    }
    CrlContinuity.check(stateDirectory, state, root, certificate);
    Instant thisUpdate = thisUpdate(state, root, spec, now);
    Instant nextUpdate = thisUpdate.plus(Duration.ofDays(spec.validityDays()));
    Instant rootEnd = root.notAfter();
    if (nextUpdate.isAfter(rootEnd)) {
      long fits = Duration.between(thisUpdate, rootEnd).toDays();
      throw new CrlException("crl.validity-days " + spec.validityDays() + " puts nextUpdate "
          + nextUpdate + " after the notAfter " + rootEnd + " of root '" + rootName + "'"
          + (fits >= 1 ? "; at most " + fits + " days fit" : "; the root is at its end")
          + " (field case F09)");
    }
    List<String> notes = new ArrayList<>();
    List<CrlEntry> entries = entries(state, rootName);
    BigInteger last = lastNumber(stateDirectory, state, rootName, notes);
    if (published.isPresent()) {
      last = last.max(checkPublished(published.get(), certificate, rootName, last, spec,
          entries, notes));
    }
    BigInteger number = CrlNumbers.after(last, rootName);
    return new CrlDraft(root, certificate, number, thisUpdate, nextUpdate, entries,
        spec.renewalMarginDays(), state, notes);
  }

  private static Instant thisUpdate(State state, RootRecord root, CrlSpec spec, Instant now)
      throws CrlException {
    if (spec.thisUpdate() == null) {
      return now;
    }
    Instant thisUpdate = spec.thisUpdate();
    if (thisUpdate.isAfter(now.plus(SKEW))) {
      throw new CrlException("crl.this-update " + thisUpdate + " is more than 5 minutes after "
          + "now (" + now + "); relying parties would ignore the CRL (field case F09)");
    }
    if (thisUpdate.isBefore(now.minus(MAX_BACKDATE))) {
      throw new CrlException("crl.this-update " + thisUpdate + " is more than a day before now ("
          + now + ")");
    }
    if (thisUpdate.isBefore(root.notBefore())) {
      throw new CrlException("crl.this-update " + thisUpdate + " is before the notBefore of "
          + "root '" + root.name() + "'");
    }
    Optional<CrlRecord> latest = state.latestCrl(root.name());
    if (latest.isPresent() && thisUpdate.isBefore(latest.get().thisUpdate())) {
      throw new CrlException("crl.this-update " + thisUpdate + " is before the thisUpdate "
          + latest.get().thisUpdate() + " of CRL " + latest.get().number());
    }
    return thisUpdate;
  }

  /**
   * The revoked certificates of this root that the CRL lists: RFC 5280 §3.3 keeps an entry until
   * it has appeared on a CRL issued after the certificate expired, so an entry is dropped only
   * once an earlier CRL of this root has a thisUpdate past the certificate's notAfter.
   */
  static List<CrlEntry> entries(State state, String rootName) {
    List<CrlEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (IssuedRecord issued : state.issued()) {
      if (!issued.root().equals(rootName) || !IssuedRecord.REVOKED.equals(issued.status())
          || !seen.add(issued.serial())) {
        continue;
      }
      boolean listedAfterExpiry = state.crlsOf(rootName).stream()
          .anyMatch(c -> c.thisUpdate().isAfter(issued.notAfter()));
      if (!listedAfterExpiry) {
        entries.add(new CrlEntry(new BigInteger(issued.serial(), 16), issued.revokedAt(),
            ReasonCode.fromRfcName(issued.reason()).orElse(ReasonCode.UNSPECIFIED),
            issued.invalidityDate()));
      }
    }
    return entries;
  }

  private static BigInteger lastNumber(Path stateDirectory, State state, String rootName,
      List<String> notes) throws StateException {
    BigInteger inIndex = CrlNumbers.lastInIndex(state, rootName);
    BigInteger onDisk = CrlNumbers.lastOnDisk(stateDirectory, rootName);
    if (onDisk.compareTo(inIndex) > 0) {
      notes.add("CRL file number " + onDisk + " is in the state directory but not in its "
          + "index (an interrupted ceremony); numbering continues after it");
    }
    return inIndex.max(onDisk);
  }

  /**
   * Checks the CRL relying parties hold now: signed by this root, every serial it revokes still
   * revoked here (or expired and listed after expiry), and its number not ahead of the state
   * unless the officers chose to recover from it. Returns its number.
   */
  private static BigInteger checkPublished(Path file, X509Certificate root, String rootName,
      BigInteger last, CrlSpec spec, List<CrlEntry> entries, List<String> notes)
      throws CrlException {
    X509CRL published = CrlNumbers.read(file, "published-crl");
    if (!Arrays.equals(published.getIssuerX500Principal().getEncoded(),
        root.getSubjectX500Principal().getEncoded())) {
      throw new CrlException("published-crl '" + file + "' was not issued by root '" + rootName
          + "'");
    }
    try {
      published.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CrlException("published-crl '" + file + "' does not verify with the key of root '"
          + rootName + "'", e);
    }
    BigInteger number = CrlNumbers.number(published).orElseThrow(() -> new CrlException(
        "published-crl '" + file + "' has no cRLNumber"));
    if (number.compareTo(last) > 0 && !spec.recoverFromPublished()) {
      throw new CrlException("the state is behind published-crl '" + file + "': its cRLNumber "
          + "is " + number + " but the last number the state knows for root '" + rootName
          + "' is " + last + " (restored from an older backup?); check that every revocation "
          + "since is in the state, then set crl.recover-from-published: true (field case F10)");
    }
    Set<BigInteger> listed = new HashSet<>();
    entries.forEach(e -> listed.add(e.serial()));
    Set<? extends X509CRLEntry> revoked = published.getRevokedCertificates();
    for (X509CRLEntry entry : revoked == null ? Set.<X509CRLEntry>of() : revoked) {
      if (!listed.contains(entry.getSerialNumber())) {
        throw new CrlException("published-crl '" + file + "' revokes serial "
            + entry.getSerialNumber().toString(16) + ", which the new CRL would drop: the state "
            + "does not record it as revoked (restored from an older backup?); revoke it again "
            + "first (field case F10)");
      }
    }
    if (number.compareTo(last) > 0) {
      notes.add("recovering after published CRL " + number + ", ahead of the state's " + last);
    }
    return number;
  }

  /** The root's certificate from the state, checked against the fingerprint the index holds. */
  static X509Certificate rootCertificate(Path stateDirectory, RootRecord root)
      throws CrlException {
    Path file = stateDirectory.resolve(root.certificate());
    try {
      byte[] pem = Files.readAllBytes(file);
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem));
      if (!Pem.sha256Hex(certificate.getEncoded()).equals(root.sha256())) {
        throw new CrlException("root certificate '" + file + "' does not match the fingerprint "
            + "in the state index");
      }
      return certificate;
    } catch (IOException | CertificateException e) {
      throw new CrlException("cannot read root certificate '" + file + "': "
          + IoReasons.describe(e), e);
    }
  }

  private static X509CertificateHolder holder(X509Certificate certificate) throws CrlException {
    try {
      return new X509CertificateHolder(certificate.getEncoded());
    } catch (IOException | CertificateException e) {
      throw new CrlException("cannot parse the root certificate: " + e.getMessage(), e);
    }
  }

  /** A signed, verified CRL with the files and state to commit. */
  public record Signed(
      X509CRL crl, byte[] der, String pem, CrlRecord record, Map<String, byte[]> files,
      State state) {}

  /** Lints the CRL, has the signer sign it, verifies it with the root's key and re-parses it. */
  public Signed sign(ContentSigner signer) throws LintException, HsmException, CrlException {
    CrlProfile.Request request = new CrlProfile.Request(holder(rootCertificate), number,
        thisUpdate, nextUpdate, entries);
    X509CRL crl;
    try {
      crl = CrlSigning.sign(CrlProfile.builder(request), signer,
          tbs -> CrlProfile.lint(tbs, request), rootCertificate.getPublicKey());
    } catch (CertIOException e) {
      throw new CrlException("cannot build the CRL: " + e.getMessage(), e);
    }
    byte[] der;
    try {
      der = crl.getEncoded();
    } catch (java.security.cert.CRLException e) {
      throw new CrlException("cannot encode the CRL", e);
    }
    String pem = Pem.encode("X509 CRL", der);
    List<String> names = files();
    CrlRecord record = new CrlRecord(root.name(), number, thisUpdate, nextUpdate, names.get(0),
        Pem.sha256Hex(der), renewalMarginDays);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(names.get(0), der);
    files.put(names.get(1), pem.getBytes(StandardCharsets.US_ASCII));
    return new Signed(crl, der, pem, record, files, state.withCrl(record));
  }

  /**
   * The files, relative to the state, that the signed CRL is committed as: the DER file, then
   * the PEM beside it. A ceremony checks that it can write them before the HSM is opened.
   */
  public List<String> files() {
    return List.of(CrlNumbers.derFile(root.name(), number),
        CrlNumbers.pemFile(root.name(), number));
  }

  /** The root that signs. */
  public RootRecord root() {
    return root;
  }

  /** The root's certificate, read from the state and checked against its fingerprint. */
  public X509Certificate rootCertificate() {
    return rootCertificate;
  }

  /** The CRL number. */
  public BigInteger number() {
    return number;
  }

  /** The CRL's thisUpdate. */
  public Instant thisUpdate() {
    return thisUpdate;
  }

  /** The CRL's nextUpdate. */
  public Instant nextUpdate() {
    return nextUpdate;
  }

  /** When the next CRL ceremony is due. */
  public Instant due() {
    return nextUpdate.minus(Duration.ofDays(renewalMarginDays));
  }

  /** The revoked entries. */
  public List<CrlEntry> entries() {
    return entries;
  }

  /** Facts an officer should read before signing, such as a recovered number. */
  public List<String> notes() {
    return notes;
  }

  /** What the draft says, one line per fact, for the plan and the transcript. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("crl:          root '" + root.name() + "', cRLNumber " + number);
    lines.add("window:       thisUpdate " + thisUpdate + ", nextUpdate " + nextUpdate);
    lines.add("next due:     " + due() + " (" + renewalMarginDays
        + " days before nextUpdate)");
    lines.add("revoked:      " + entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies"));
    for (CrlEntry entry : entries) {
      lines.add("  serial " + entry.serial().toString(16) + ", " + entry.reason().rfcName()
          + ", revoked " + entry.revocationDate()
          + (entry.invalidityDate() == null ? "" : ", invalid since " + entry.invalidityDate()));
    }
    notes.forEach(n -> lines.add("note:         " + n));
    return lines;
  }
}
