package org.anchorhold.publication;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.anchorhold.publication.internal.Certificates;
import org.anchorhold.publication.internal.Digests;
import org.anchorhold.publication.internal.ManifestSignature;

/**
 * Verifies publications against trusted roots: the manifest JWS (signer certificate issued by a
 * trusted root, not a CA, digitalSignature, valid now, not revoked by that root's CRL in the
 * publication; {@code alg} fixed by the key; payload byte-equal to {@code manifest.json}), the
 * manifest's expiry, and the size and SHA-256 of every file used.
 */
public final class PublicationVerifier {
  /** How far ahead of this clock a manifest's issued time or a CRL's thisUpdate may be. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final List<X509Certificate> trustedRoots;
  private final Clock clock;

  /** A verifier that trusts these roots (at least one) and reads the time from the clock. */
  public PublicationVerifier(List<X509Certificate> trustedRoots, Clock clock) {
    this.trustedRoots = List.copyOf(trustedRoots);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.trustedRoots.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted root is required");
    }
  }

  /**
   * Verifies the JWS, its signer certificate (except revocation, which needs the CRL from the
   * publication: {@link #verify} and {@link #verifyAll} check it) and the manifest's expiry.
   */
  public Manifest verifyManifest(byte[] manifestJson, byte[] manifestJws)
      throws PublicationException {
    return signed(manifestJson, manifestJws).manifest();
  }

  /** Checks the size and SHA-256 of one listed file. */
  public static void verifyFile(ManifestFile entry, byte[] content) throws PublicationException {
    if (content.length != entry.size()) {
      throw new PublicationException("'" + entry.path() + "' has " + content.length
          + " bytes, the manifest lists " + entry.size());
    }
    if (!Digests.sha256Hex(content).equals(entry.sha256())) {
      throw new PublicationException("'" + entry.path()
          + "' does not match its sha-256 in the manifest");
    }
  }

  /** Verifies the manifest, its JWS, the signer's revocation status and every listed file. */
  public VerifiedPublication verifyAll(PublicationSource source) throws PublicationException {
    return verify(source, manifest -> manifest.files().stream()
        .map(ManifestFile::path).collect(Collectors.toList()));
  }

  /**
   * Verifies the manifest, its JWS and the signer's revocation status, then reads and verifies
   * only the paths {@code select} picks from the verified manifest; a path the manifest does not
   * list is refused.
   */
  public VerifiedPublication verify(PublicationSource source, Selection select)
      throws PublicationException {
    byte[] json = read(source, PublicationLayout.MANIFEST);
    byte[] jws = read(source, PublicationLayout.SIGNATURE);
    ManifestSignature.Signed signed = signed(json, jws);
    Manifest manifest = signed.manifest();

    Map<String, byte[]> files = new LinkedHashMap<>();
    String crlPath = crlPathOf(manifest, signed.root());
    files.put(crlPath, readListed(source, manifest, crlPath));
    checkNotRevoked(signed, crlPath, files.get(crlPath));

    Set<String> wanted = new LinkedHashSet<>(select.paths(manifest));
    for (String path : wanted) {
      if (!files.containsKey(path)) {
        files.put(path, readListed(source, manifest, path));
      }
    }
    return new VerifiedPublication(manifest, json, jws, files, signed.signer());
  }

  /** Which listed paths to read, chosen from the verified manifest. */
  @FunctionalInterface
  public interface Selection {
    /** The paths to read and verify; throws to refuse the manifest (say, a missing bundle). */
    Collection<String> paths(Manifest manifest) throws PublicationException;
  }

  private ManifestSignature.Signed signed(byte[] json, byte[] jws) throws PublicationException {
    ManifestSignature.Signed signed = ManifestSignature.verify(json, jws, trustedRoots,
        clock.instant());
    Instant now = clock.instant();
    Manifest manifest = signed.manifest();
    if (!now.isBefore(manifest.expires())) {
      throw new PublicationException("manifest " + manifest.sequence() + " expired at "
          + manifest.expires());
    }
    if (manifest.issued().isAfter(now.plus(CLOCK_SKEW))) {
      throw new PublicationException("manifest " + manifest.sequence()
          + " is issued in the future at " + manifest.issued());
    }
    return signed;
  }

  private static String crlPathOf(Manifest manifest, X509Certificate root)
      throws PublicationException {
    String rootHash = Digests.sha256Hex(Certificates.der(root));
    Optional<String> rootName = manifest.files().stream()
        .filter(f -> f.sha256().equals(rootHash))
        .map(f -> PublicationLayout.rootNameOfRoot(f.path()))
        .flatMap(Optional::stream)
        .findFirst();
    if (rootName.isEmpty()) {
      throw new PublicationException("the publication does not hold the root that issued its"
          + " publication certificate");
    }
    String crlPath = PublicationLayout.crl(rootName.get());
    if (manifest.file(crlPath).isEmpty()) {
      throw new PublicationException("the publication holds no crl of root '" + rootName.get()
          + "', which issued its publication certificate");
    }
    return crlPath;
  }

  private void checkNotRevoked(ManifestSignature.Signed signed, String crlPath, byte[] der)
      throws PublicationException {
    X509CRL crl = checkedCrl(crlPath, der, signed.root(), clock.instant());
    if (crl.getRevokedCertificate(signed.signer()) != null) {
      throw new PublicationException("publication certificate (serial "
          + signed.signer().getSerialNumber().toString(16) + ") is revoked by '" + crlPath + "'");
    }
  }

  /**
   * A CRL parsed and checked against its root: issuer bytes, signature, thisUpdate not ahead of
   * the clock by more than the skew, nextUpdate present and still ahead (RFC 5280 §5.1.2.5).
   */
  public static X509CRL checkedCrl(String what, byte[] der, X509Certificate root, Instant now)
      throws PublicationException {
    X509CRL crl;
    try {
      crl = Certificates.parseCrl(der, "'" + what + "'");
    } catch (GeneralSecurityException e) {
      throw new PublicationException("'" + what + "' is not a der crl", e);
    }
    if (!Arrays.equals(crl.getIssuerX500Principal().getEncoded(),
        root.getSubjectX500Principal().getEncoded())) {
      throw new PublicationException("'" + what + "' is not issued by its root");
    }
    try {
      crl.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new PublicationException("'" + what + "' signature does not verify with its root");
    }
    if (crl.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
      throw new PublicationException("'" + what + "' is not valid before "
          + crl.getThisUpdate().toInstant());
    }
    if (crl.getNextUpdate() == null) {
      throw new PublicationException("'" + what + "' has no nextUpdate");
    }
    if (!now.isBefore(crl.getNextUpdate().toInstant())) {
      throw new PublicationException("'" + what + "' expired at "
          + crl.getNextUpdate().toInstant());
    }
    return crl;
  }

  private static byte[] readListed(PublicationSource source, Manifest manifest, String path)
      throws PublicationException {
    ManifestFile entry = manifest.file(path).orElseThrow(() -> new PublicationException(
        "'" + path + "' is not listed in manifest " + manifest.sequence()));
    byte[] content = read(source, path);
    verifyFile(entry, content);
    return content;
  }

  private static byte[] read(PublicationSource source, String path)
      throws PublicationException {
    try {
      return source.read(path);
    } catch (NoSuchFileException e) {
      throw new PublicationException("'" + path + "' is missing from the publication", e);
    } catch (IOException e) {
      throw new PublicationException("'" + path + "' could not be read: " + e.getMessage(), e);
    }
  }
}
