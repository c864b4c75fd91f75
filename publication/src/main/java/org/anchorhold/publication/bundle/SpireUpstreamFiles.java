package org.anchorhold.publication.bundle;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationVerifier;
import org.anchorhold.publication.internal.Certificates;
import org.anchorhold.publication.internal.IssuerChains;

/**
 * The two files SPIRE's disk UpstreamAuthority reads, checked against each other (PROFILES.md,
 * field case F12): {@code cert_file_path} holds the issuer's intermediate and any intermediates
 * up to but not including the root; {@code bundle_file_path} holds the trust domain's roots
 * only, each self-signed.
 */
public record SpireUpstreamFiles(byte[] certFile, byte[] bundleFile) {
  /** Copies both arrays. */
  public SpireUpstreamFiles {
    certFile = certFile.clone();
    bundleFile = bundleFile.clone();
  }

  @Override
  public byte[] certFile() {
    return certFile.clone();
  }

  @Override
  public byte[] bundleFile() {
    return bundleFile.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpireUpstreamFiles that && Arrays.equals(certFile, that.certFile)
        && Arrays.equals(bundleFile, that.bundleFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(certFile), Arrays.hashCode(bundleFile));
  }

  @Override
  public String toString() {
    return "SpireUpstreamFiles[" + certFile.length + " + " + bundleFile.length + " bytes]";
  }

  /**
   * Checks an issuer's published chain against its trust domain's bundle and the roots' CRLs
   * at {@code now}: strict PEM, no root in the chain, each link verifies, the first certificate
   * names {@code spiffe://<trustDomain>}, the top is issued by a root of the bundle, every
   * certificate is valid, and none is revoked by the issuing root's CRL.
   */
  public static SpireUpstreamFiles check(String issuer, String trustDomain, byte[] chainPem,
      SpiffeBundle bundle, Collection<byte[]> crls, Instant now) throws PublicationException {
    String what = "issuer '" + issuer + "'";
    List<X509Certificate> chain;
    try {
      chain = Certificates.parsePem(chainPem, what + " chain.pem");
    } catch (CertificateException e) {
      throw new PublicationException(e.getMessage(), e);
    }
    IssuerChains.checkLinks(what, chain);
    if (!IssuerChains.hasSpiffeId(chain.get(0), "spiffe://" + trustDomain)) {
      throw new PublicationException(what + " intermediate does not name spiffe://"
          + trustDomain);
    }
    X509Certificate root = IssuerChains.issuingRoot(chain, bundle.roots()).orElseThrow(
        () -> new PublicationException(what + " chain is not issued by a root of the bundle of '"
            + trustDomain + "'"));
    for (X509Certificate cert : chain) {
      if (!IssuerChains.validAt(cert, now)) {
        throw new PublicationException(what + " certificate '"
            + cert.getSubjectX500Principal().getName() + "' is not valid at " + now);
      }
    }
    X509CRL crl = crlOf(root, crls, now, what);
    for (X509Certificate cert : chain) {
      if (crl.getRevokedCertificate(cert) != null) {
        throw new PublicationException(what + " is revoked by its root's crl");
      }
    }
    return new SpireUpstreamFiles(chainPem, bundle.toPem());
  }

  private static X509CRL crlOf(X509Certificate root, Collection<byte[]> crls, Instant now,
      String what) throws PublicationException {
    for (byte[] der : crls) {
      X509CRL crl;
      try {
        crl = Certificates.parseCrl(der, "crl");
      } catch (GeneralSecurityException e) {
        continue;
      }
      if (Arrays.equals(crl.getIssuerX500Principal().getEncoded(),
          root.getSubjectX500Principal().getEncoded())) {
        return PublicationVerifier.checkedCrl("crl of the root of " + what, der, root, now);
      }
    }
    throw new PublicationException("the publication holds no crl of the root that issued "
        + what);
  }
}
