package org.anchorhold.publication.internal;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationInput;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationVerifier;
import org.anchorhold.publication.PublishedIssuer;
import org.anchorhold.publication.PublishedRoot;

/** Checks of an issuer chain for SPIRE's cert_file_path (PROFILES.md, field case F12). */
public final class IssuerChains {
  private static final int URI_NAME = 6;

  private IssuerChains() {}

  /**
   * Refuses a chain holding a root, a broken link, a top not issued by one of the trust
   * domain's roots, a certificate not valid at the issued time, an intermediate without the
   * trust domain's SPIFFE ID, or one revoked by its root's CRL.
   */
  public static void checkLive(PublishedIssuer issuer, PublicationInput input)
      throws PublicationException {
    String what = "issuer '" + issuer.name() + "'";
    List<X509Certificate> chain = issuer.chain();
    checkLinks(what, chain);
    X509Certificate top = chain.get(chain.size() - 1);
    PublishedRoot root = input.trustDomains().get(issuer.trustDomain()).stream()
        .map(name -> rootNamed(input, name))
        .filter(r -> Certificates.isSignedBy(top, r.certificate()))
        .findFirst()
        .orElseThrow(() -> new PublicationException(what + " chain is not issued by a root of"
            + " trust domain '" + issuer.trustDomain() + "'"));
    Date at = Date.from(input.issued());
    for (X509Certificate cert : chain) {
      if (at.before(cert.getNotBefore()) || at.after(cert.getNotAfter())) {
        throw new PublicationException(what + " certificate '"
            + cert.getSubjectX500Principal().getName() + "' is not valid at " + input.issued());
      }
    }
    if (!hasSpiffeId(chain.get(0), "spiffe://" + issuer.trustDomain())) {
      throw new PublicationException(what + " intermediate does not name spiffe://"
          + issuer.trustDomain());
    }
    X509CRL crl = PublicationVerifier.checkedCrl(PublicationLayout.crl(root.name()), root.crl(),
        root.certificate(), input.issued());
    for (X509Certificate cert : chain) {
      if (crl.getRevokedCertificate(cert) != null) {
        throw new PublicationException(what + " is revoked by the crl of root '" + root.name()
            + "'; a revoked issuer is not published");
      }
    }
  }

  /** Refuses a chain that holds a self-signed certificate or whose links do not verify. */
  public static void checkLinks(String what, List<X509Certificate> chain)
      throws PublicationException {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate cert = chain.get(i);
      if (Certificates.isSelfSigned(cert)) {
        throw new PublicationException(what + " chain holds a self-signed root; the chain file"
            + " ends below the root");
      }
      if (i + 1 < chain.size() && !Certificates.isSignedBy(cert, chain.get(i + 1))) {
        throw new PublicationException(what + " chain is not in order: certificate " + i
            + " is not issued by certificate " + (i + 1));
      }
    }
  }

  /** The trusted root among {@code roots} that issued the chain's top certificate. */
  public static Optional<X509Certificate> issuingRoot(List<X509Certificate> chain,
      Collection<X509Certificate> roots) {
    X509Certificate top = chain.get(chain.size() - 1);
    return roots.stream().filter(r -> Certificates.isSignedBy(top, r)).findFirst();
  }

  /** Whether a certificate carries exactly this URI among its subject alternative names. */
  public static boolean hasSpiffeId(X509Certificate cert, String uri) {
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return false;
      }
      return names.stream().anyMatch(n -> n.size() == 2 && Integer.valueOf(URI_NAME)
          .equals(n.get(0)) && uri.equals(n.get(1)));
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static PublishedRoot rootNamed(PublicationInput input, String name) {
    return input.roots().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  /** Whether an instant lies within a certificate's validity. */
  public static boolean validAt(X509Certificate cert, Instant at) {
    return !at.isBefore(cert.getNotBefore().toInstant())
        && !at.isAfter(cert.getNotAfter().toInstant());
  }
}
