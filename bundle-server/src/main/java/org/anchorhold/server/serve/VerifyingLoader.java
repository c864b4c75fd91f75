package org.anchorhold.server.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.ManifestFile;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSource;
import org.anchorhold.publication.PublicationVerifier;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.VerifiedPublication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads publications with the publication module's {@link PublicationVerifier}, exactly as
 * {@code fetch} verifies them: the JWS and its signer against the trusted roots, the signer's
 * revocation, the expiry, and the size and SHA-256 of every listed file.
 */
public final class VerifyingLoader implements PublicationLoader {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyingLoader.class);
  private final PublicationVerifier verifier;

  /** A loader trusting {@code roots}. */
  public VerifyingLoader(List<X509Certificate> roots, Clock clock) {
    this.verifier = new PublicationVerifier(roots, clock);
  }

  /**
   * A loader trusting the roots in {@code rootFiles} (PEM or DER), or, when none are given, the
   * roots of the newest publication in {@code publications}, pinned for the rest of the run.
   *
   * @throws PublicationRefusedException when no root can be read
   */
  public static PublicationLoader forRoots(List<Path> rootFiles, Path publications, Clock clock)
      throws PublicationRefusedException {
    List<X509Certificate> roots = rootFiles.isEmpty() ? rootsOfNewest(publications)
        : readRoots(rootFiles);
    for (X509Certificate root : roots) {
      LOG.info("Trusting root subject=\"{}\" sha256={}",
          root.getSubjectX500Principal().getName(), fingerprint(root));
    }
    return new VerifyingLoader(roots, clock);
  }

  @Override
  public LoadedPublication load(Path directory) throws PublicationRefusedException {
    VerifiedPublication verified;
    try {
      verified = verifier.verifyAll(PublicationSource.directory(directory));
    } catch (PublicationException e) {
      throw new PublicationRefusedException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PublicationRefusedException("cannot open '" + directory.getFileName() + "': "
          + e.getMessage(), e);
    }
    Manifest manifest = verified.manifest();
    Map<String, LoadedFile> files = new LinkedHashMap<>();
    for (ManifestFile entry : manifest.files()) {
      files.put(entry.path(), new LoadedFile(verified.file(entry.path()), entry.sha256(),
          PublicationLayout.contentType(entry.path()).orElse(entry.contentType())));
    }
    byte[] json = verified.manifestJson();
    byte[] jws = verified.manifestJws();
    files.put(PublicationLayout.MANIFEST,
        new LoadedFile(json, sha256(json), PublicationLayout.TYPE_JSON));
    files.put(PublicationLayout.SIGNATURE,
        new LoadedFile(jws, sha256(jws), PublicationLayout.TYPE_JOSE));
    return new LoadedPublication(manifest.sequence(), manifest.issued(), manifest.expires(),
        files);
  }

  private static List<X509Certificate> readRoots(List<Path> files)
      throws PublicationRefusedException {
    List<X509Certificate> roots = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (Certificate cert : CertificateFactory.getInstance("X.509")
            .generateCertificates(in)) {
          roots.add((X509Certificate) cert);
        }
      } catch (IOException | CertificateException e) {
        throw new PublicationRefusedException("trust root file '" + file + "' cannot be read: "
            + e.getMessage(), e);
      }
    }
    if (roots.isEmpty()) {
      throw new PublicationRefusedException("trust root files hold no certificate");
    }
    return roots;
  }

  /**
   * Trust on first use: the roots listed by the newest publication's manifest. The server
   * still refuses any later publication that does not chain to them.
   */
  private static List<X509Certificate> rootsOfNewest(Path publications)
      throws PublicationRefusedException {
    try {
      Optional<Path> newest = PublicationWriter.newest(publications);
      if (newest.isEmpty()) {
        throw new PublicationRefusedException("no publication in '" + publications
            + "' to take trust roots from; give --trust-root");
      }
      PublicationSource source = PublicationSource.directory(newest.get());
      Manifest manifest = Manifest.parse(source.read(PublicationLayout.MANIFEST));
      List<X509Certificate> roots = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (ManifestFile entry : manifest.files()) {
        if (PublicationLayout.rootNameOfRoot(entry.path()).isPresent()) {
          roots.add((X509Certificate) factory.generateCertificate(
              new ByteArrayInputStream(source.read(entry.path()))));
        }
      }
      if (roots.isEmpty()) {
        throw new PublicationRefusedException("publication '" + newest.get().getFileName()
            + "' lists no root; give --trust-root");
      }
      LOG.warn("Trusting the roots of the newest publication, pass --trust-root to pin them"
          + " source={}", newest.get().getFileName());
      return roots;
    } catch (IOException | CertificateException | PublicationException e) {
      throw new PublicationRefusedException("cannot take trust roots from '" + publications
          + "': " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("sha-256 unavailable", e);
    }
  }

  private static String fingerprint(X509Certificate cert) {
    try {
      return sha256(cert.getEncoded());
    } catch (CertificateException e) {
      return "unencodable";
    }
  }
}
