package org.anchorhold.ceremony.root;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.cert.PublicationKeyProfile;
import org.anchorhold.ceremony.cert.RootProfile;
import org.anchorhold.ceremony.cert.Serials;
import org.anchorhold.ceremony.cert.SubjectNames;
import org.anchorhold.ceremony.config.KeySpec;
import org.anchorhold.ceremony.config.PublicationKeySpec;
import org.anchorhold.ceremony.config.RootCeremonyFile;
import org.anchorhold.ceremony.config.SubjectSpec;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.OnInterrupt;
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;

/**
 * Runs a root ceremony: generate the key in the HSM, check its attributes, build, lint, sign and
 * verify the root, store the certificate beside the key, and record both in the state.
 */
final class RootCeremony {
  private final LoadedCeremony loaded;
  private final RootCeremonyFile spec;
  private final X500Name subject;
  private final CeremonyContext context;

  RootCeremony(LoadedCeremony loaded, RootCeremonyFile spec, X500Name subject,
      CeremonyContext context) {
    this.loaded = loaded;
    this.spec = spec;
    this.subject = subject;
    this.context = context;
  }

  void run() throws CeremonyException {
    String name = spec.root().name();
    boolean newState = !Files.exists(loaded.stateDirectory(), LinkOption.NOFOLLOW_LINKS);
    try (StateDirectory existing = newState ? null : StateDirectory.open(loaded.stateDirectory())) {
      if (existing != null && existing.state().root(name).isPresent()) {
        throw new CeremonyException("root '" + name + "' already exists in state '"
            + loaded.stateDirectory() + "'");
      }
      context.transcript().step(newState ? "state " + loaded.stateDirectory() + " will be created"
          : existing.openedLine());
      if (existing != null) {
        existing.warnings().forEach(context.transcript()::warning);
      }
      Publisher.checkNextNameFree(spec.publication(), loaded,
          existing == null ? State.empty() : existing.state());
      context.witness().confirm("Generate " + spec.key().algorithm().configName() + " key '"
          + spec.key().label() + "' and " + spec.publicationKey().algorithm().configName()
          + " publication key '" + spec.publicationKey().label() + "' on token '"
          + loaded.hsm().tokenLabel() + "'?");
      try (HsmSession hsm = HsmSession.open(loaded.hsm())) {
        context.transcript().step(hsm.openedLine());
        List<HsmKey> generated = new ArrayList<>();
        Signed signed;
        Signed publication;
        // Ctrl-C at the second prompt would otherwise leave both keys on the token, recorded
        // nowhere, and their labels taken for the next attempt.
        OnInterrupt cleanup = OnInterrupt.register(() -> destroyGenerated(hsm, generated));
        try {
          signed = generateAndSign(hsm, generated);
          publication = generatePublicationKey(hsm, signed, generated);
          context.witness().confirm("Store root '" + name + "' and its publication "
              + "certificate on the token and in the state?");
          store(hsm, signed, spec.key().algorithm(), "certificate");
          store(hsm, publication, spec.publicationKey().algorithm(), "publication certificate");
        } catch (HsmException | LintException | CeremonyException | RuntimeException e) {
          cleanup.runNow();
          throw e;
        }
        // From here the state may record the keys, and a recorded key is never destroyed.
        if (!cleanup.cancel()) {
          throw new CeremonyException("stopped by a signal before recording root '" + name
              + "'; the keys it generated were destroyed");
        }
        record(existing, signed, publication, hsm.token().label());
        publish(existing, hsm);
      }
    } catch (HsmException | StateException | LintException e) {
      throw new CeremonyException(e.getMessage(), e);
    }
  }

  private record Signed(HsmKey key, X509Certificate certificate) {}

  /**
   * The ceremony stopped before recording its keys (a refusal, the witnesses saying no, a failed
   * step): nothing refers to them, so they are destroyed and the token is left as it was found.
   * Once the state records a key it is never destroyed here.
   */
  private void destroyGenerated(HsmSession hsm, List<HsmKey> generated) {
    for (HsmKey key : generated) {
      String what = "key '" + key.label() + "' (ID " + key.idHex() + ")";
      try {
        int objects = hsm.destroyGenerated(key);
        context.transcript().step("destroyed " + what + " generated by this ceremony, which "
            + "stopped before recording it (" + objects + " token objects)");
      } catch (HsmException e) {
        context.transcript().step(what + " generated by this ceremony could not be destroyed ("
            + e.getMessage() + "); destroy it with the vendor's tool before the witnesses");
      }
    }
  }

  private void store(HsmSession hsm, Signed signed, KeyAlgorithm algorithm, String what)
      throws HsmException {
    hsm.requireMatches(signed.key(), signed.certificate(), algorithm);
    hsm.storeCertificate(signed.key(), signed.certificate());
    context.transcript().step(what + " stored on the token under key '"
        + signed.key().label() + "' (ID " + signed.key().idHex() + ")");
  }

  /**
   * Generates the publication key under the same attribute policy and issues its end-entity
   * certificate from the root just signed (PublicationKeyProfile), valid as long as the root.
   */
  private Signed generatePublicationKey(HsmSession hsm, Signed root, List<HsmKey> generated)
      throws HsmException, LintException, CeremonyException {
    PublicationKeySpec keySpec = spec.publicationKey();
    HsmKey key = hsm.generateKeyPair(keySpec.algorithm(), keySpec.label(), randomId());
    generated.add(key);
    context.transcript().step("generated " + keySpec.algorithm().configName()
        + " publication key '" + key.label() + "' (ID " + key.idHex() + "); attributes read "
        + "back: token, private, sensitive, never extractable, sign only");
    X509Certificate rootCertificate = root.certificate();
    X500Name rootSubject = X500Name.getInstance(
        rootCertificate.getSubjectX500Principal().getEncoded());
    PublicationKeyProfile.Request request = new PublicationKeyProfile.Request(rootSubject,
        RootProfile.subjectKeyIdentifier(SubjectPublicKeyInfo.getInstance(
            rootCertificate.getPublicKey().getEncoded())).getKeyIdentifier(),
        rootCertificate.getNotBefore().toInstant(), rootCertificate.getNotAfter().toInstant(),
        publicationSubject(), key.publicKey(), Serials.random(),
        rootCertificate.getNotBefore().toInstant(), rootCertificate.getNotAfter().toInstant());
    try {
      X509Certificate certificate = CertificateSigning.sign(
          PublicationKeyProfile.builder(request),
          CertificateSigning.hsmSigner(root.key(), spec.key().algorithm()),
          "publication certificate", tbs -> PublicationKeyProfile.lint(tbs, request),
          rootCertificate.getPublicKey());
      context.transcript().step("publication certificate linted, signed in the HSM by the "
          + "root and verified");
      return new Signed(key, certificate);
    } catch (CertIOException e) {
      throw new CeremonyException("cannot build the publication certificate: "
          + e.getMessage(), e);
    }
  }

  /** C and O of the root, CN {@code <root name> publication} (at most 64 characters). */
  private X500Name publicationSubject() {
    String name = spec.root().name();
    String suffix = " publication";
    String commonName = name.length() + suffix.length() <= 64 ? name + suffix
        : name.substring(0, 64 - suffix.length()) + suffix;
    SubjectSpec root = spec.root().subject();
    return SubjectNames.of(new SubjectSpec(commonName, root.organization(), null,
        root.country()));
  }

  /** Publishes after the commit when the file has a {@code publication:} section. */
  private void publish(StateDirectory existing, HsmSession hsm)
      throws StateException, CeremonyException {
    if (spec.publication() == null) {
      return;
    }
    try (StateDirectory created = existing == null
        ? StateDirectory.open(loaded.stateDirectory()) : null) {
      Publisher.publishIfConfigured(spec.publication(), loaded, hsm,
          existing == null ? created : existing, context);
    }
  }

  private Signed generateAndSign(HsmSession hsm, List<HsmKey> generated)
      throws HsmException, LintException, CeremonyException {
    byte[] id = Optional.ofNullable(spec.key().idBytes()).orElseGet(RootCeremony::randomId);
    HsmKey key = hsm.generateKeyPair(spec.key().algorithm(), spec.key().label(), id);
    generated.add(key);
    context.transcript().step("generated " + spec.key().algorithm().configName() + " key '"
        + key.label() + "' (ID " + key.idHex() + "); attributes read back: token, private, "
        + "sensitive, never extractable, sign only");
    Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
    RootProfile.Request request = new RootProfile.Request(subject, key.publicKey(),
        Serials.random(), Optional.ofNullable(spec.root().validity().notBefore()).orElse(now),
        spec.root().validity().notAfter(), Optional.ofNullable(spec.root().trustDomain()));
    try {
      X509Certificate certificate = CertificateSigning.sign(RootProfile.builder(request),
          CertificateSigning.hsmSigner(key, spec.key().algorithm()), "root certificate",
          tbs -> RootProfile.lint(tbs, request), key.publicKey());
      context.transcript().step("root certificate linted, signed in the HSM and verified");
      return new Signed(key, certificate);
    } catch (CertIOException e) {
      throw new CeremonyException("cannot build the root certificate: " + e.getMessage(), e);
    }
  }

  private void record(StateDirectory existing, Signed signed, Signed publication,
      String tokenLabel) throws StateException, CeremonyException {
    String name = spec.root().name();
    String path = "roots/" + name + ".pem";
    String publicationPath = "roots/" + name + "-publication.pem";
    byte[] der = der(signed.certificate(), "root certificate");
    byte[] publicationDer = der(publication.certificate(), "publication certificate");
    String pem = Pem.encode("CERTIFICATE", der);
    String publicationPem = Pem.encode("CERTIFICATE", publicationDer);
    X509Certificate certificate = signed.certificate();
    RootRecord root = new RootRecord(name, path, Pem.sha256Hex(der),
        certificate.getSerialNumber().toString(16), certificate.getSubjectX500Principal()
        .getName(), tokenLabel, signed.key().label(), signed.key().idHex(),
        spec.key().algorithm().configName(), certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant()).withPublicationKey(publication.key().label(),
        publication.key().idHex(), publicationPath, Pem.sha256Hex(publicationDer));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(path, pem.getBytes(StandardCharsets.US_ASCII));
    files.put(publicationPath, publicationPem.getBytes(StandardCharsets.US_ASCII));
    AuditEntry entry = auditEntry(root, files);
    AuditHead head = existing == null
        ? StateDirectory.create(loaded.stateDirectory(), files, State.empty().withRoot(root), entry)
        : existing.commit(files, existing.state().withRoot(root), entry);
    context.transcript().step("recorded root '" + name + "' in state "
        + loaded.stateDirectory() + " and its audit log");
    context.transcript().step(head.writtenLine());
    context.transcript().output(loaded.stateDirectory().resolve(path).toString(),
        Pem.fingerprint(der), pem);
    context.transcript().output(loaded.stateDirectory().resolve(publicationPath).toString(),
        Pem.fingerprint(publicationDer), publicationPem);
  }

  private static byte[] der(X509Certificate certificate, String what) throws CeremonyException {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new CeremonyException("cannot encode the " + what, e);
    }
  }

  private AuditEntry auditEntry(RootRecord root, Map<String, byte[]> files) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put(loaded.file().toString(), loaded.fileBytes());
    inputs.put(loaded.hsmProfileFile().toString(), loaded.hsmProfileBytes());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("root", root.name());
    details.put("subject", root.subject());
    details.put("serial", root.serial());
    details.put("not-before", root.notBefore().toString());
    details.put("not-after", root.notAfter().toString());
    details.put("token", root.tokenLabel());
    details.put("key-label", root.keyLabel());
    details.put("key-id", root.keyId());
    details.put("algorithm", root.algorithm());
    details.put("sha256-fingerprint", root.sha256());
    details.put("publication-key-label", root.publicationKeyLabel());
    details.put("publication-key-id", root.publicationKeyId());
    details.put("publication-sha256-fingerprint", root.publicationSha256());
    return new AuditEntry(Instant.now(context.clock()), "root ceremony", spec.officers(),
        AuditLog.hashes(inputs), AuditLog.hashes(files), details);
  }

  /** 16 random bytes whose first byte is 01 to 7f, as {@link KeySpec#id} requires. */
  private static byte[] randomId() {
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    id[0] = (byte) (1 + (id[0] & 0x7e));
    return id;
  }
}
