package org.anchorhold.ceremony.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.PublicationSpec;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationInput;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSigner;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.PublishedIssuer;
import org.anchorhold.publication.PublishedRoot;

/**
 * Writes a signed publication of the state (DESIGN.md, publication) inside a ceremony's HSM
 * session: what {@link PublicationSelection} chooses, every file read from the state directory and
 * checked against the fingerprint the state records, signed by the newest live root's publication
 * key after that key is proven to match its certificate (F04), written whole by
 * {@link PublicationWriter}, printed in the transcript, then recorded in the state (the new
 * publication sequence) and its audit log.
 */
public final class Publisher {
  /** The audit event of a publication. */
  public static final String AUDIT_EVENT = "publication";

  private static final int URI_NAME = 6;

  private Publisher() {}

  /**
   * The hook every ceremony calls at its end, after its own commit, in its HSM session: does
   * nothing when {@code spec} is null (the ceremony file has no {@code publication:} section);
   * says so and publishes nothing while a live root has no CRL yet (relying parties see the
   * change after the first crl ceremony); otherwise {@link #publish}. A failure names the
   * ceremony as recorded, so the officers know to run a publish ceremony.
   */
  public static Optional<Path> publishIfConfigured(PublicationSpec spec, LoadedCeremony loaded,
      HsmSession hsm, StateDirectory state, CeremonyContext context) throws CeremonyException {
    if (spec == null) {
      return Optional.empty();
    }
    Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
    PublicationSelection selection = select(state, now);
    if (!selection.trustDomains().isEmpty() && !selection.rootsWithoutCrl().isEmpty()) {
      context.transcript().step("not published: root '" + selection.rootsWithoutCrl().get(0)
          + "' has no CRL yet; relying parties see this change after the first crl ceremony"
          + " publishes");
      return Optional.empty();
    }
    try {
      return publish(spec, loaded, hsm, state, context);
    } catch (CeremonyException e) {
      throw new CeremonyException("the " + loaded.spec().type() + " ceremony is recorded in the"
          + " state, but publishing failed: " + e.getMessage() + "; run a publish ceremony", e);
    }
  }

  /**
   * Publishes the state; returns the new sequence directory, or empty when there is no trust
   * domain yet (said in the transcript; not an error). Fails when a live root has no CRL, no
   * live root has a publication key, or anything read does not match the state.
   */
  public static Optional<Path> publish(PublicationSpec spec, LoadedCeremony loaded,
      HsmSession hsm, StateDirectory state, CeremonyContext context) throws CeremonyException {
    Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
    Path directory = directory(loaded, spec);
    PublicationSelection selection = select(state, now);
    if (selection.trustDomains().isEmpty()) {
      context.transcript().step("no trust domain yet (no live intermediate and no root with a "
          + "trust domain): nothing published to " + directory);
      return Optional.empty();
    }
    requireComplete(selection);
    RootRecord signingRoot = selection.signingRoot().orElseThrow(() -> new CeremonyException(
        "no live root has a publication key; a root ceremony generates one"));
    List<PublishedRoot> roots = new ArrayList<>();
    Map<String, X509Certificate> rootCertificates = new LinkedHashMap<>();
    for (RootRecord root : selection.roots()) {
      X509Certificate certificate = certificate(state.directory(), root.certificate(),
          root.sha256(), "root '" + root.name() + "'");
      rootCertificates.put(root.name(), certificate);
      CrlRecord crl = selection.latestCrls().get(root.name());
      byte[] crlBytes = read(state.directory(), crl.file(), crl.sha256(),
          "crl " + crl.number() + " of root '" + root.name() + "'");
      roots.add(new PublishedRoot(root.name(), certificate, crlBytes));
    }
    List<PublishedIssuer> issuers = new ArrayList<>();
    for (IssuedRecord issued : selection.issuers()) {
      X509Certificate certificate = certificate(state.directory(), issued.certificate(),
          issued.sha256(), "intermediate " + issued.serial() + " of issuer '"
          + issued.issuer() + "'");
      issuers.add(new PublishedIssuer(issued.issuer(), issued.trustDomain(),
          List.of(certificate)));
    }
    long sequence = nextSequence(state.state(), directory);
    PublicationInput input;
    try {
      input = new PublicationInput(sequence, now, Duration.ofSeconds(spec.refreshHint()),
          roots, selection.trustDomains(), issuers);
    } catch (IllegalArgumentException e) {
      throw new CeremonyException("publication cannot be built: " + e.getMessage(), e);
    }
    context.transcript().step("publishing sequence " + sequence + ": " + roots.size()
        + " root(s), trust domain(s) " + String.join(", ", selection.trustDomains().keySet())
        + ", " + issuers.size() + " issuer(s), refresh hint " + spec.refreshHint() + " s");
    PublicationSigner signer = signer(hsm, state.directory(), signingRoot,
        rootCertificates.get(signingRoot.name()), context);
    Path written = write(directory, input, signer);
    Map<String, String> hashes = report(written, directory, context);
    commit(state, loaded, spec, sequence, written, signingRoot, hashes, context);
    return Optional.of(written);
  }

  /** The publications directory of a spec, resolved against the ceremony file's directory. */
  public static Path directory(LoadedCeremony loaded, PublicationSpec spec) {
    return loaded.file().toAbsolutePath().getParent().resolve(spec.directory()).normalize();
  }

  /**
   * The selection at {@code now}: {@link PublicationSelection#of} with each live root's trust
   * domain read from its certificate in the state directory.
   */
  public static PublicationSelection select(StateDirectory state, Instant now)
      throws CeremonyException {
    Map<String, String> rootTrustDomains = new LinkedHashMap<>();
    for (RootRecord root : state.state().roots()) {
      if (!root.notAfter().isAfter(now)) {
        continue;
      }
      X509Certificate certificate = certificate(state.directory(), root.certificate(),
          root.sha256(), "root '" + root.name() + "'");
      trustDomainOf(certificate).ifPresent(td -> rootTrustDomains.put(root.name(), td));
    }
    return PublicationSelection.of(state.state(), rootTrustDomains, now);
  }

  /**
   * Checks, before the HSM opens, that the publication this ceremony would end with can take its
   * name: nothing else (a file, a link, a directory the scan does not count) holds it. Found only
   * after the ceremony's own commit, it would leave the ceremony recorded but not published.
   */
  public static void checkNextNameFree(PublicationSpec spec, LoadedCeremony loaded, State state)
      throws CeremonyException {
    if (spec == null) {
      return;
    }
    Path directory = directory(loaded, spec);
    Path next = directory.resolve(PublicationLayout.sequenceDirName(
        nextSequence(state, directory)));
    if (Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
      throw new CeremonyException("'" + next + "', the name of the next publication, is taken "
          + "by something that is not a publication; move it out of '" + directory + "' first");
    }
  }

  /** The next sequence: above both the state's and every directory already published. */
  static long nextSequence(State state, Path directory) throws CeremonyException {
    long highest = state.publicationSequence();
    if (Files.isDirectory(directory)) {
      try {
        highest = Math.max(highest, PublicationWriter.highestSequence(directory).orElse(0));
      } catch (IOException e) {
        throw new CeremonyException("cannot list publications in '" + directory + "': "
            + IoReasons.describe(e), e);
      }
    }
    return highest + 1;
  }

  private static void requireComplete(PublicationSelection selection) throws CeremonyException {
    if (!selection.rootsWithoutCrl().isEmpty()) {
      throw new CeremonyException("root '" + selection.rootsWithoutCrl().get(0)
          + "' has no CRL; run a crl ceremony first");
    }
    if (!selection.trustDomainsWithoutRoot().isEmpty()) {
      throw new CeremonyException("trust domain '" + selection.trustDomainsWithoutRoot().get(0)
          + "' has no live root that may anchor it");
    }
  }

  private static PublicationSigner signer(HsmSession hsm, Path stateDirectory, RootRecord root,
      X509Certificate rootCertificate, CeremonyContext context) throws CeremonyException {
    String label = root.publicationKeyLabel();
    X509Certificate certificate = certificate(stateDirectory, root.publicationCertificate(),
        root.publicationSha256(), "publication certificate of root '" + root.name() + "'");
    try {
      HsmKey key = hsm.findKey(label);
      if (root.publicationKeyId() != null && !key.idHex().equals(root.publicationKeyId())) {
        throw new CeremonyException("publication key '" + label + "' on the token has ID "
            + key.idHex() + ", the state records " + root.publicationKeyId());
      }
      if (!certificate.equals(key.certificate())) {
        throw new CeremonyException("the certificate stored beside publication key '" + label
            + "' is not the one the state records for root '" + root.name() + "'");
      }
      KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey()).orElseThrow(() ->
          new CeremonyException("publication key '" + label + "' has an unsupported type"));
      // F04: the key in the token must be the one certified before it signs anything.
      hsm.requireMatches(key, certificate, algorithm);
      context.transcript().step("publication key '" + label + "' (ID " + key.idHex()
          + ") of root '" + root.name() + "' proven to match its certificate (a challenge "
          + "signed in the HSM verifies with it)");
      return PublicationSigner.of(key.privateKey(), key.provider(),
          List.of(certificate, rootCertificate));
    } catch (HsmException e) {
      throw new CeremonyException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CeremonyException("publication key '" + label + "': " + e.getMessage(), e);
    }
  }

  private static Path write(Path directory, PublicationInput input, PublicationSigner signer)
      throws CeremonyException {
    try {
      createDirectory(directory);
      return new PublicationWriter(directory).write(input, signer);
    } catch (PublicationException e) {
      throw new CeremonyException("publication refused: " + e.getMessage(), e);
    }
  }

  private static void createDirectory(Path directory) throws CeremonyException {
    if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path parent = directory.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CeremonyException("the parent of publications directory '" + directory
          + "' is not a directory");
    }
    try {
      Files.createDirectory(directory);
      try (var channel = java.nio.channels.FileChannel.open(parent,
          java.nio.file.StandardOpenOption.READ)) {
        channel.force(true);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CeremonyException("publications directory '" + directory
          + "' exists and is not a directory", e);
    } catch (IOException e) {
      throw new CeremonyException("cannot create publications directory '" + directory + "': "
          + IoReasons.describe(e), e);
    }
  }

  /** Prints every file with its SHA-256 and the manifest JWS; returns the hashes by path. */
  private static Map<String, String> report(Path written, Path directory,
      CeremonyContext context) throws CeremonyException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(written)) {
      for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        files.put(written.relativize(file).toString().replace('\\', '/'),
            Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new CeremonyException("cannot read back publication '" + written + "': "
          + IoReasons.describe(e), e);
    }
    context.transcript().step("wrote publication " + written);
    Map<String, String> hashes = new LinkedHashMap<>();
    files.forEach((path, bytes) -> {
      String hash = Pem.sha256Hex(bytes);
      hashes.put(directory.getFileName() + "/" + written.getFileName() + "/" + path, hash);
      context.transcript().block(hash + "  " + path);
    });
    context.transcript().step("manifest signature (" + PublicationLayout.SIGNATURE + "):");
    context.transcript().block(new String(files.get(PublicationLayout.SIGNATURE),
        StandardCharsets.US_ASCII));
    return hashes;
  }

  private static void commit(StateDirectory state, LoadedCeremony loaded, PublicationSpec spec,
      long sequence, Path written, RootRecord signingRoot, Map<String, String> hashes,
      CeremonyContext context) throws CeremonyException {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put(loaded.file().toString(), loaded.fileBytes());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("sequence", Long.toString(sequence));
    details.put("directory", written.toString());
    details.put("refresh-hint", Integer.toString(spec.refreshHint()));
    details.put("signing-root", signingRoot.name());
    details.put("publication-key", signingRoot.publicationKeyLabel());
    AuditEntry entry = new AuditEntry(Instant.now(context.clock()), AUDIT_EVENT,
        loaded.spec().officers(), AuditLog.hashes(inputs), hashes, details);
    AuditHead head;
    try {
      head = state.commit(Map.of(), state.state().withPublicationSequence(sequence), entry);
    } catch (StateException e) {
      throw new CeremonyException("publication " + sequence + " was written to " + written
          + " but the state could not record it: " + e.getMessage(), e);
    }
    context.transcript().step("recorded publication sequence " + sequence + " in state "
        + state.directory() + " and its audit log");
    context.transcript().step(head.writtenLine());
  }

  private static X509Certificate certificate(Path stateDirectory, String file, String sha256,
      String what) throws CeremonyException {
    byte[] bytes = read(stateDirectory, file, null, what);
    try {
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(bytes));
      if (sha256 != null && !Pem.sha256Hex(certificate.getEncoded()).equals(sha256)) {
        throw new CeremonyException(what + " in '" + stateDirectory.resolve(file)
            + "' does not have the fingerprint the state records");
      }
      return certificate;
    } catch (CertificateException | ClassCastException e) {
      throw new CeremonyException("cannot read " + what + " from '"
          + stateDirectory.resolve(file) + "': " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path stateDirectory, String file, String sha256, String what)
      throws CeremonyException {
    if (file == null) {
      throw new CeremonyException(what + " has no file in the state");
    }
    Path path = stateDirectory.resolve(file).normalize();
    if (!path.startsWith(stateDirectory.normalize())) {
      throw new CeremonyException(what + " file '" + file + "' is outside the state directory");
    }
    try {
      byte[] bytes = Files.readAllBytes(path);
      if (sha256 != null && !Pem.sha256Hex(bytes).equals(sha256)) {
        throw new CeremonyException(what + " in '" + path
            + "' does not have the SHA-256 the state records");
      }
      return bytes;
    } catch (IOException e) {
      throw new CeremonyException("cannot read " + what + " from '" + path + "': "
          + IoReasons.describe(e), e);
    }
  }

  /** The trust domain of a root whose SAN is exactly one {@code spiffe://} URI. */
  static Optional<String> trustDomainOf(X509Certificate root) throws CeremonyException {
    try {
      Collection<List<?>> names = root.getSubjectAlternativeNames();
      if (names == null || names.size() != 1) {
        return Optional.empty();
      }
      List<?> name = names.iterator().next();
      if (name.size() == 2 && Integer.valueOf(URI_NAME).equals(name.get(0))
          && name.get(1) instanceof String uri && uri.startsWith("spiffe://")) {
        return Optional.of(uri.substring("spiffe://".length()));
      }
      return Optional.empty();
    } catch (CertificateParsingException e) {
      throw new CeremonyException("cannot read the subject alternative name of root '"
          + root.getSubjectX500Principal() + "'", e);
    }
  }
}
