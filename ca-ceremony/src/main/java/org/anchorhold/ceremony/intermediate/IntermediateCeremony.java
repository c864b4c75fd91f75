package org.anchorhold.ceremony.intermediate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.IntermediateProfile;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.cert.Serials;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile.IssuerSpec;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/**
 * Runs an intermediate ceremony: load the root from the state, prove the HSM key matches it
 * (F04), settle each issuer's validity inside the root's (F07), build and lint every
 * intermediate before the HSM is opened, then sign, verify and re-parse them all in one HSM
 * session, and record the whole batch in one commit. Nothing is written unless every issuer of
 * the batch signed.
 */
final class IntermediateCeremony {
  private final LoadedCeremony loaded;
  private final IntermediateCeremonyFile spec;
  private final List<IssuerRequest> issuers;
  private final CeremonyContext context;

  IntermediateCeremony(LoadedCeremony loaded, IntermediateCeremonyFile spec,
      List<IssuerRequest> issuers, CeremonyContext context) {
    this.loaded = loaded;
    this.spec = spec;
    this.issuers = issuers;
    this.context = context;
  }

  void run() throws CeremonyException {
    try (StateDirectory state = StateDirectory.open(loaded.stateDirectory())) {
      context.transcript().step(state.openedLine());
      state.warnings().forEach(context.transcript()::warning);
      RootRecord root = state.state().root(spec.root()).orElseThrow(() -> new CeremonyException(
          "root '" + spec.root() + "' is not in state '" + loaded.stateDirectory() + "'"));
      X509Certificate rootCertificate = rootCertificate(state.directory(), root);
      IntermediateProfile.RootFacts facts = IntermediateProfile.Request.root(rootCertificate);
      Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
      if (!facts.notAfter().isAfter(now)) {
        throw new CeremonyException("root '" + root.name() + "' expired at " + facts.notAfter());
      }
      Optional<String> rootTrustDomain = trustDomainOf(rootCertificate);
      for (IssuerRequest issuer : issuers) {
        if (rootTrustDomain.isPresent()
            && !rootTrustDomain.get().equals(issuer.spec().trustDomain())) {
          throw new CeremonyException(issuer.key() + ".trust-domain '"
              + issuer.spec().trustDomain() + "' is not the one trust domain of root '"
              + root.name() + "' (spiffe://" + rootTrustDomain.get() + ")");
        }
      }
      List<Planned> planned = plan(state.state(), root, facts, now);
      KeyAlgorithm algorithm = KeyAlgorithm.fromConfigName(root.algorithm()).orElseThrow(() ->
          new CeremonyException("root '" + root.name() + "' has unknown algorithm '"
              + root.algorithm() + "' in the state"));
      try (BatchSigner batch = new BatchSigner(planned.size())) {
        List<BatchSigner.Prepared> prepared = batch.prepare(planned, algorithm);
        context.transcript().step(prepared.size() + " intermediate(s) built; each passes the "
            + "lint of the issuer profile");
        state.checkWritable(BatchRecorder.fileNames(planned));
        Publisher.checkNextNameFree(spec.publication(), loaded, state.state());
        context.witness().confirm("Sign " + prepared.size() + " intermediate(s) with root '"
            + root.name() + "' (key '" + root.keyLabel() + "' on token '" + root.tokenLabel()
            + "')?");
        signAndRecord(batch, prepared, root, rootCertificate, algorithm, state, now);
      }
    } catch (HsmException | StateException | LintException e) {
      throw new CeremonyException(e.getMessage(), e);
    }
  }

  private void signAndRecord(BatchSigner batch, List<BatchSigner.Prepared> prepared,
      RootRecord root, X509Certificate rootCertificate, KeyAlgorithm algorithm,
      StateDirectory state, Instant now)
      throws HsmException, LintException, StateException, CeremonyException {
    try (HsmSession hsm = HsmSession.open(loaded.hsm())) {
      context.transcript().step(hsm.openedLine());
      HsmKey key = hsm.findKey(root.keyLabel());
      if (!key.idHex().equals(root.keyId())) {
        throw new CeremonyException("key '" + root.keyLabel() + "' on the token has ID "
            + key.idHex() + ", the state records " + root.keyId());
      }
      hsm.requireMatches(key, rootCertificate, algorithm);
      context.transcript().step("key '" + key.label() + "' (ID " + key.idHex()
          + ") proven to match root '" + root.name() + "' (a challenge signed in the HSM "
          + "verifies with the root certificate)");
      long started = System.nanoTime();
      List<Signed> signed = batch.sign(prepared, key, algorithm, CertificateSigning.verifier(
          rootCertificate.getPublicKey(), "root '" + root.name() + "'"));
      context.transcript().step(signed.size() + " intermediate(s) signed in the HSM, verified "
          + "with the root key and re-parsed in " + (System.nanoTime() - started) / 1_000_000
          + " ms");
      context.witness().confirm("Record " + signed.size() + " intermediate(s) in the state?");
      new BatchRecorder(loaded, spec, root, rootCertificate, state, context).record(signed, now);
      Publisher.publishIfConfigured(spec.publication(), loaded, hsm, state, context);
    }
  }

  /** An issuer with its serial and settled validity. */
  record Planned(IssuerRequest issuer, IntermediateProfile.Request request) {}

  /** An issuer with its signed intermediate. */
  record Signed(IssuerRequest issuer, X509Certificate certificate) {}

  private static X509Certificate rootCertificate(Path directory, RootRecord root)
      throws CeremonyException {
    Path file = directory.resolve(root.certificate());
    try {
      byte[] pem = Files.readAllBytes(file);
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem));
      if (!Pem.sha256Hex(certificate.getEncoded()).equals(root.sha256())) {
        throw new CeremonyException("root certificate '" + file + "' does not have the "
            + "fingerprint the state records for root '" + root.name() + "'");
      }
      return certificate;
    } catch (IOException | CertificateException e) {
      throw new CeremonyException("cannot read root certificate '" + file + "': "
          + IoReasons.describe(e), e);
    }
  }

  private List<Planned> plan(State state, RootRecord root, IntermediateProfile.RootFacts facts,
      Instant now) throws CeremonyException {
    Set<BigInteger> serials = new HashSet<>();
    state.issued().forEach(r -> serials.add(new BigInteger(r.serial(), 16)));
    Map<String, byte[]> certifiedKeys = certifiedKeys(state);
    List<Planned> planned = new ArrayList<>();
    for (IssuerRequest issuer : issuers) {
      IssuerSpec issuerSpec = issuer.spec();
      checkAgainstState(state, certifiedKeys, issuer, now);
      if (Arrays.equals(encoded(issuer), facts.subject())) {
        throw new CeremonyException(issuer.key() + ".subject must differ from the subject of "
            + "root '" + root.name() + "'");
      }
      Instant notBefore = Optional.ofNullable(issuerSpec.validity().notBefore()).orElse(now);
      Instant notAfter = issuerSpec.validity().notAfter();
      if (notBefore.isBefore(facts.notBefore())) {
        notBefore = settle(issuer, "not-before", notBefore, facts.notBefore(), "starts before");
      }
      if (notAfter.isAfter(facts.notAfter())) {
        notAfter = settle(issuer, "not-after", notAfter, facts.notAfter(), "ends after");
      }
      if (!notAfter.isAfter(now)) {
        throw new CeremonyException(issuer.key() + ".validity.not-after " + notAfter
            + " is not in the future");
      }
      BigInteger serial;
      do {
        serial = Serials.random();
      } while (!serials.add(serial));
      planned.add(new Planned(issuer, new IntermediateProfile.Request(facts.subject(),
          facts.ski(), facts.notBefore(), facts.notAfter(), issuer.subject(),
          issuer.csr().publicKey(), serial, notBefore, notAfter, issuerSpec.trustDomain(),
          spec.crlUrl(), Optional.ofNullable(issuerSpec.pathLength()))));
    }
    return planned;
  }

  /** F07: a validity past the root's is refused, or clamped if the file says so. */
  private Instant settle(IssuerRequest issuer, String field, Instant requested, Instant rootEdge,
      String relation) throws CeremonyException {
    String fact = issuer.key() + ".validity." + field + " " + requested + " " + relation
        + " root '" + spec.root() + "' (" + rootEdge + ")";
    if (!spec.clampToRoot()) {
      throw new CeremonyException(fact + "; refused (outliving-root: refuse)");
    }
    context.transcript().step(fact + "; clamped to " + rootEdge + " (outliving-root: clamp)");
    return rootEdge;
  }

  /**
   * An issuer name identifies one issuer: a name the state knows must keep its trust domain. A
   * second live intermediate for the same issuer is a rotation and allowed, with a note.
   */
  private void checkAgainstState(State state, Map<String, byte[]> certifiedKeys,
      IssuerRequest issuer, Instant now) throws CeremonyException {
    byte[] requestedKey = issuer.csr().encodedKey();
    IssuedRecord latest = null;
    for (IssuedRecord record : state.issued()) {
      boolean sameKey = Arrays.equals(certifiedKeys.get(record.serial()), requestedKey);
      if (sameKey && IssuedRecord.REVOKED.equals(record.status())) {
        throw new CeremonyException(issuer.key() + ": the CSR's key was certified in "
            + "intermediate " + record.serial() + " of issuer '" + record.issuer()
            + "', revoked (" + record.reason() + "); a revoked key is never certified again");
      }
      if (sameKey && IssuedRecord.VALID.equals(record.status())
          && !record.trustDomain().equals(issuer.spec().trustDomain())) {
        throw new CeremonyException(issuer.key() + ": the CSR's key is certified for trust "
            + "domain '" + record.trustDomain() + "' in intermediate " + record.serial()
            + " of issuer '" + record.issuer() + "'; a key serves one trust domain");
      }
      if (!record.issuer().equals(issuer.spec().name())) {
        continue;
      }
      if (!record.trustDomain().equals(issuer.spec().trustDomain())) {
        throw new CeremonyException(issuer.key() + ": issuer '" + record.issuer() + "' has "
            + "trust domain '" + record.trustDomain() + "' in the state, not '"
            + issuer.spec().trustDomain() + "'; a new trust domain needs a new issuer name");
      }
      if (latest == null || record.notBefore().isAfter(latest.notBefore())) {
        latest = record;
      }
      if (IssuedRecord.VALID.equals(record.status()) && record.notAfter().isAfter(now)) {
        context.transcript().step("issuer '" + record.issuer() + "' already has live "
            + "intermediate " + record.serial() + " until " + record.notAfter()
            + "; the new one overlaps it (rotation" + (sameKey ? ", but with the same key)"
            : ")"));
      }
    }
    // RFC 5280 §5.3.1: only superseded and affiliationChanged leave the issuer itself in good
    // standing; after any other reason it must come back under a new name, deliberately.
    if (latest != null && IssuedRecord.REVOKED.equals(latest.status())
        && !"superseded".equals(latest.reason())
        && !"affiliationChanged".equals(latest.reason())) {
      throw new CeremonyException(issuer.key() + ": issuer '" + latest.issuer() + "' was "
          + "revoked (" + latest.reason() + ") at " + latest.revokedAt() + "; a revoked issuer "
          + "is not certified again; if it truly returns, give it a new name");
    }
  }

  /**
   * The public key (SubjectPublicKeyInfo) each recorded intermediate certifies, by serial: every
   * certificate of the state is read once per ceremony, however many issuers the batch holds.
   */
  private Map<String, byte[]> certifiedKeys(State state) throws CeremonyException {
    Map<String, byte[]> keys = new HashMap<>();
    CertificateFactory factory = x509Factory();
    for (IssuedRecord record : state.issued()) {
      Path file = loaded.stateDirectory().resolve(record.certificate());
      try {
        X509Certificate certificate = (X509Certificate) factory.generateCertificate(
            new ByteArrayInputStream(Files.readAllBytes(file)));
        keys.put(record.serial(), certificate.getPublicKey().getEncoded());
      } catch (IOException | CertificateException e) {
        throw new CeremonyException("cannot read intermediate '" + file + "' of the state: "
            + IoReasons.describe(e), e);
      }
    }
    return keys;
  }

  private static CertificateFactory x509Factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }

  /**
   * PROFILES.md, root: a root names a trust domain in its SAN only when it serves exactly that
   * one, so it may sign intermediates for no other.
   */
  private static Optional<String> trustDomainOf(X509Certificate root) throws CeremonyException {
    try {
      if (root.getSubjectAlternativeNames() == null) {
        return Optional.empty();
      }
      for (List<?> name : root.getSubjectAlternativeNames()) {
        if (Integer.valueOf(6).equals(name.get(0))
            && name.get(1).toString().startsWith("spiffe://")) {
          return Optional.of(name.get(1).toString().substring("spiffe://".length()));
        }
      }
      return Optional.empty();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new CeremonyException("cannot read the root's subjectAltName", e);
    }
  }

  private static byte[] encoded(IssuerRequest issuer) {
    return der(issuer.subject());
  }

  private static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
    try {
      return object.getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a parsed structure failed", e);
    }
  }
}
