package org.anchorhold.ceremony.testsupport;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.cert.Serials;
import org.anchorhold.ceremony.config.CrlSpec;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.CrlDraft;
import org.anchorhold.ceremony.crl.CrlException;
import org.anchorhold.ceremony.revocation.Revocations;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;

/**
 * A state directory with a software root, driving the same draft, sign and commit steps as the
 * crl and revoke ceremonies, without an HSM: for unit tests of numbering, windows and entries.
 */
public final class SoftwareCa {
  /** The root's name in the state. */
  public static final String ROOT = "root-test";

  private final Path directory;
  private final KeyPair key;
  private final X509Certificate root;

  private SoftwareCa(Path directory, KeyPair key, X509Certificate root) {
    this.directory = directory;
    this.key = key;
    this.root = root;
  }

  /** A state in {@code directory} (which must not exist) whose root is valid over the window. */
  public static SoftwareCa create(Path directory, Instant notBefore, Instant notAfter,
      boolean crlSign) throws Exception {
    KeyPair key = TestCertificates.p256();
    X509Certificate root = TestCertificates.root("Test Root " + notBefore.getEpochSecond(), key,
        notBefore, notAfter, crlSign);
    TestStates.create(directory, ROOT, root);
    return new SoftwareCa(directory, key, root);
  }

  /** The state directory. */
  public Path directory() {
    return directory;
  }

  /** The root certificate. */
  public X509Certificate root() {
    return root;
  }

  /** The root key. */
  public KeyPair key() {
    return key;
  }

  /** The current state. */
  public State state() throws Exception {
    return StateDirectory.snapshot(directory);
  }

  /** Issues and records an intermediate valid from {@code from} for {@code lifetime}. */
  public IssuedRecord intermediate(String issuer, String trustDomain, Instant from,
      Duration lifetime) throws Exception {
    X509Certificate certificate = TestCertificates.intermediate(root,
        TestCertificates.signer(key), TestCertificates.p256().getPublic(), trustDomain,
        Serials.random(), from, from.plus(lifetime), "https://example.org/crls/root-test.crl");
    return TestStates.recordIntermediate(directory, issuer, ROOT, trustDomain, certificate);
  }

  /** Drafts, signs and commits a CRL as the crl ceremony does. */
  public CrlDraft.Signed crl(CrlSpec spec, Optional<Path> published, Instant now)
      throws Exception {
    try (StateDirectory state = StateDirectory.open(directory)) {
      CrlDraft draft = CrlDraft.prepare(directory, state.state(), ROOT, spec, published, now);
      CrlDraft.Signed signed = draft.sign(TestCertificates.signer(key));
      state.commit(signed.files(), signed.state(), crlEntry("crl ceremony", signed));
      return signed;
    }
  }

  /** An audit entry with the details every ceremony that signs a CRL records. */
  private static AuditEntry crlEntry(String event, CrlDraft.Signed signed) {
    return TestStates.entry(event).withDetail("root", signed.record().root())
        .withDetail("crl-number", signed.record().number().toString());
  }

  /** A CRL with the default settings. */
  public CrlDraft.Signed crl(Instant now) throws Exception {
    return crl(CrlSpec.defaults(), Optional.empty(), now);
  }

  /** Revokes and signs in one commit, as the revoke ceremony does. */
  public CrlDraft.Signed revoke(List<Target> targets, Instant now) throws Exception {
    try (StateDirectory state = StateDirectory.open(directory)) {
      Revocations.Resolved resolved = Revocations.resolve(state.state(), targets, now);
      CrlDraft draft = CrlDraft.prepare(directory, resolved.state(), resolved.root(),
          CrlSpec.defaults(), Optional.empty(), now);
      CrlDraft.Signed signed = draft.sign(TestCertificates.signer(key));
      state.commit(signed.files(), signed.state(), crlEntry("revoke ceremony", signed));
      return signed;
    }
  }

  /** Drafts without signing, for refusals. */
  public CrlDraft draft(CrlSpec spec, Optional<Path> published, Instant now)
      throws CrlException, Exception {
    return CrlDraft.prepare(directory, state(), ROOT, spec, published, now);
  }
}
