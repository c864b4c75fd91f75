package org.anchorhold.publication;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A live issuer whose chain is published under {@code issuers/<name>/chain.pem}: its
 * intermediate first, then any intermediates up to but not including the root (SPIRE's
 * {@code cert_file_path}), for one trust domain.
 */
public record PublishedIssuer(String name, String trustDomain, List<X509Certificate> chain) {
  /** Refuses a bad name or trust domain and an empty chain. */
  public PublishedIssuer {
    if (!PublicationLayout.isName(name)) {
      throw new IllegalArgumentException("issuer name '" + name
          + "' must be lowercase letters, digits, '.', '-' or '_'");
    }
    if (!PublicationLayout.isTrustDomain(trustDomain)) {
      throw new IllegalArgumentException("trust domain '" + trustDomain + "' of issuer '"
          + name + "' is not a trust domain name");
    }
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain of issuer '" + name + "' is empty");
    }
  }
}
