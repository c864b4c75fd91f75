package org.anchorhold.server.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the PEM files a fetch is given: the trusted roots and the TLS CAs. */
final class TrustRoots {
  private TrustRoots() {}

  /** Self-signed CA certificates only; anything else in a trust roots file is refused. */
  static List<X509Certificate> read(Path pem) throws IOException, GeneralSecurityException {
    List<X509Certificate> roots = readAny(pem);
    for (X509Certificate root : roots) {
      String subject = root.getSubjectX500Principal().getName();
      if (root.getBasicConstraints() < 0
          || !root.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
        throw new CertificateException("trust roots file '" + pem + "' holds '" + subject
            + "', which is not a self-signed ca certificate");
      }
      root.verify(root.getPublicKey());
    }
    return roots;
  }

  /** Every certificate of a PEM file, at least one. */
  static List<X509Certificate> readAny(Path pem) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(pem)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException e) {
      throw new CertificateException("'" + pem + "' is not a pem certificate file", e);
    }
    if (certs.isEmpty()) {
      throw new CertificateException("'" + pem + "' holds no certificate");
    }
    List<X509Certificate> list = new ArrayList<>();
    for (Certificate cert : certs) {
      list.add((X509Certificate) cert);
    }
    return list;
  }
}
