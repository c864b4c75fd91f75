package org.anchorhold.ceremony.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifiers we did not write: {@code openssl verify -x509_strict}, the JDK's PKIX validator and
 * the Go standard library through {@code tests/go/spire-sim}.
 */
public final class Verifiers {
  private static Path spireSim;

  private Verifiers() {}

  /** Every certificate in a PEM file, in order. */
  public static List<X509Certificate> certificates(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> certificates = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in)
          .forEach(c -> certificates.add((X509Certificate) c));
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code openssl verify -x509_strict -CAfile roots [-untrusted each] leaf}. */
  public static Tools.Result openssl(Path roots, List<Path> untrusted, Path leaf) {
    List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict",
        "-CAfile", roots.toString()));
    for (Path file : untrusted) {
      command.addAll(List.of("-untrusted", file.toString()));
    }
    command.add(leaf.toString());
    return Tools.run(leaf.getParent(), Map.of(), command);
  }

  /**
   * The JDK's PKIX validator over the path leaf-first, anchored at the roots; revocation is off
   * because the CRL is another ceremony's output. Empty when valid, else the reason.
   */
  public static Optional<String> jdkPkix(List<X509Certificate> pathLeafFirst,
      List<X509Certificate> roots) {
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      roots.forEach(root -> anchors.add(new TrustAnchor(root, null)));
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(
          CertificateFactory.getInstance("X.509").generateCertPath(pathLeafFirst), parameters);
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Builds tests/go/spire-sim once with Debian's Go (GO111MODULE=off, standard library). */
  public static synchronized Path spireSim() {
    if (spireSim == null) {
      Tools.require("go");
      Path target = Path.of("target").toAbsolutePath();
      Path binary = target.resolve("spire-sim");
      Tools.ok(Tools.REPO.resolve("tests/go/spire-sim"), Map.of("GO111MODULE", "off",
          "GOCACHE", target.resolve("go-cache").toString()),
          List.of("go", "build", "-o", binary.toString(), "."));
      spireSim = binary;
    }
    return spireSim;
  }

  /** Runs spire-sim as the issuer's SPIRE server would use its files. */
  public static Tools.Result spire(Path chain, Path bundle, Path key, String trustDomain,
      String svidId, Path out) {
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Tools.run(out, Map.of(), List.of(spireSim().toString(), "-chain", chain.toString(),
        "-bundle", bundle.toString(), "-key", key.toString(), "-trust-domain", trustDomain,
        "-svid-id", svidId, "-out", out.toString()));
  }
}
