package org.anchorhold.publication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.anchorhold.publication.bundle.SpiffeBundle;
import org.anchorhold.publication.internal.Certificates;
import org.anchorhold.publication.internal.DurableDirectory;
import org.anchorhold.publication.internal.IssuerChains;

/**
 * Builds a whole publication from its inputs, signs its manifest, verifies the result as a
 * relying party would, and writes it as {@code <publications>/<12-digit sequence>/}: whole, in a
 * temporary directory, fsynced, then renamed into place. A sequence directory is never changed
 * and a sequence must be above every one already present.
 */
public final class PublicationWriter {
  private final Path publicationsDir;

  /** A writer into a publications directory, which must exist. */
  public PublicationWriter(Path publicationsDir) {
    this.publicationsDir = publicationsDir;
  }

  /**
   * Every check that needs no key, for a dry run before the HSM is opened: roots, CRLs (F09),
   * bundles (F11) and issuer chains (F12). Returns the manifest the publication would have.
   */
  public static Manifest check(PublicationInput input) throws PublicationException {
    return manifestOf(input, content(input));
  }

  /**
   * Every file of the publication by path, sorted, including {@code manifest.json} and
   * {@code manifest.jws}; verified with the publication's own roots at its issued time.
   */
  public static SortedMap<String, byte[]> render(PublicationInput input, PublicationSigner signer)
      throws PublicationException {
    SortedMap<String, byte[]> files = content(input);
    byte[] json = manifestOf(input, files).toJson();
    files.put(PublicationLayout.MANIFEST, json);
    files.put(PublicationLayout.SIGNATURE,
        signer.sign(json).getBytes(StandardCharsets.US_ASCII));
    selfCheck(input, files);
    return files;
  }

  private static SortedMap<String, byte[]> content(PublicationInput input)
      throws PublicationException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (PublishedRoot root : input.roots()) {
      X509Certificate cert = root.certificate();
      if (!Certificates.isSelfSigned(cert) || cert.getBasicConstraints() < 0) {
        throw new PublicationException("root '" + root.name()
            + "' is not a self-signed ca certificate");
      }
      String crlPath = PublicationLayout.crl(root.name());
      // F09: an expired CRL, or one from the future, is never published.
      PublicationVerifier.checkedCrl(crlPath, root.crl(), cert, input.issued());
      files.put(PublicationLayout.root(root.name()), Certificates.der(cert));
      files.put(crlPath, root.crl());
    }
    for (Map.Entry<String, List<String>> td : input.trustDomains().entrySet()) {
      SpiffeBundle bundle;
      try {
        bundle = bundle(input, td.getValue());
      } catch (IllegalArgumentException e) {
        throw new PublicationException("bundle of '" + td.getKey() + "': " + e.getMessage(), e);
      }
      files.put(PublicationLayout.bundleJson(td.getKey()), bundle.toJson());
      files.put(PublicationLayout.bundlePem(td.getKey()), bundle.toPem());
    }
    for (PublishedIssuer issuer : input.issuers()) {
      IssuerChains.checkLive(issuer, input);
      files.put(PublicationLayout.issuerChain(issuer.name()),
          Certificates.toPem(issuer.chain()));
    }
    return files;
  }

  /** The manifest of the files; it expires with the earliest CRL nextUpdate. */
  private static Manifest manifestOf(PublicationInput input, Map<String, byte[]> files)
      throws PublicationException {
    Instant expires = null;
    for (PublishedRoot root : input.roots()) {
      X509CRL crl = PublicationVerifier.checkedCrl(PublicationLayout.crl(root.name()),
          root.crl(), root.certificate(), input.issued());
      Instant nextUpdate = crl.getNextUpdate().toInstant();
      expires = expires == null || nextUpdate.isBefore(expires) ? nextUpdate : expires;
    }
    List<ManifestFile> entries = new ArrayList<>();
    files.forEach((path, content) -> entries.add(ManifestFile.of(path, content)));
    try {
      return new Manifest(input.sequence(), input.issued(), expires, entries);
    } catch (IllegalArgumentException e) {
      throw new PublicationException("manifest cannot be built: " + e.getMessage(), e);
    }
  }

  /**
   * Renders, verifies and writes the publication; returns its directory. Refuses a sequence
   * whose directory exists or that is not above the highest present.
   */
  public Path write(PublicationInput input, PublicationSigner signer)
      throws PublicationException {
    SortedMap<String, byte[]> files = render(input, signer);
    String name = PublicationLayout.sequenceDirName(input.sequence());
    try {
      return DurableDirectory.publish(publicationsDir, name, files, highest -> {
        if (highest.isPresent() && input.sequence() <= highest.getAsLong()) {
          throw new PublicationException("sequence " + input.sequence()
              + " is not above the highest published " + highest.getAsLong());
        }
      });
    } catch (IOException e) {
      throw new PublicationException("publication " + name + " could not be written to '"
          + publicationsDir + "': " + e.getMessage(), e);
    }
  }

  /** The highest sequence directory under a publications directory, if any. */
  public static OptionalLong highestSequence(Path publicationsDir) throws IOException {
    return DurableDirectory.highestSequence(publicationsDir);
  }

  /** The newest sequence directory under a publications directory, if any. */
  public static Optional<Path> newest(Path publicationsDir) throws IOException {
    OptionalLong highest = highestSequence(publicationsDir);
    if (highest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        publicationsDir.resolve(PublicationLayout.sequenceDirName(highest.getAsLong())));
  }

  private static SpiffeBundle bundle(PublicationInput input, List<String> rootNames) {
    List<X509Certificate> roots = new ArrayList<>();
    for (String name : rootNames) {
      input.roots().stream().filter(r -> r.name().equals(name)).findFirst()
          .ifPresent(r -> roots.add(r.certificate()));
    }
    return new SpiffeBundle(input.sequence(), input.refreshHint().getSeconds(), roots);
  }

  private static void selfCheck(PublicationInput input, Map<String, byte[]> files)
      throws PublicationException {
    List<X509Certificate> roots = input.roots().stream()
        .map(PublishedRoot::certificate).toList();
    PublicationVerifier verifier = new PublicationVerifier(roots,
        Clock.fixed(input.issued(), ZoneOffset.UTC));
    try {
      verifier.verifyAll(path -> {
        byte[] content = files.get(path);
        if (content == null) {
          throw new NoSuchFileException(path);
        }
        return content.clone();
      });
    } catch (PublicationException e) {
      throw new PublicationException("the new publication does not verify: " + e.getMessage(),
          e);
    }
  }
}
