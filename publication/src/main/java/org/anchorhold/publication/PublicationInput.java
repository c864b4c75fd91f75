package org.anchorhold.publication;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one publication holds: its sequence (also every bundle's
 * {@code spiffe_sequence}), issued time (whole seconds), refresh hint, the roots with their
 * CRLs, which roots anchor each trust domain, and the live issuers.
 */
public record PublicationInput(long sequence, Instant issued, Duration refreshHint,
    List<PublishedRoot> roots, Map<String, List<String>> trustDomains,
    List<PublishedIssuer> issuers) {

  /** Refuses inconsistent names; certificate and CRL checks happen in the writer. */
  public PublicationInput {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(refreshHint, "refreshHint");
    roots = List.copyOf(roots);
    issuers = List.copyOf(issuers);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    trustDomains.forEach((td, names) -> copy.put(td, List.copyOf(names)));
    trustDomains = Collections.unmodifiableMap(copy);
    if (sequence < 1 || sequence > PublicationLayout.MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence must be from 1 to "
          + PublicationLayout.MAX_SEQUENCE);
    }
    if (issued.getNano() != 0) {
      throw new IllegalArgumentException("issued must be whole seconds");
    }
    if (refreshHint.getNano() != 0 || refreshHint.getSeconds() < 1) {
      throw new IllegalArgumentException("refresh hint must be a positive number of seconds");
    }
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("a publication needs at least one root");
    }
    Set<String> rootNames = new HashSet<>();
    for (PublishedRoot root : roots) {
      if (!rootNames.add(root.name())) {
        throw new IllegalArgumentException("root name '" + root.name() + "' is used twice");
      }
    }
    if (trustDomains.isEmpty()) {
      throw new IllegalArgumentException("a publication needs at least one trust domain");
    }
    for (Map.Entry<String, List<String>> td : trustDomains.entrySet()) {
      checkTrustDomain(td.getKey(), td.getValue(), rootNames);
    }
    Set<String> issuerNames = new HashSet<>();
    for (PublishedIssuer issuer : issuers) {
      if (!issuerNames.add(issuer.name())) {
        throw new IllegalArgumentException("issuer name '" + issuer.name() + "' is used twice");
      }
      if (!trustDomains.containsKey(issuer.trustDomain())) {
        throw new IllegalArgumentException("trust domain '" + issuer.trustDomain()
            + "' of issuer '" + issuer.name() + "' has no roots in the publication");
      }
    }
  }

  private static void checkTrustDomain(String td, List<String> names, Set<String> rootNames) {
    if (!PublicationLayout.isTrustDomain(td)) {
      throw new IllegalArgumentException("trust domain '" + td + "' is not a trust domain name");
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("trust domain '" + td + "' has no root");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("trust domain '" + td + "' lists a root twice");
    }
    for (String name : names) {
      if (!rootNames.contains(name)) {
        throw new IllegalArgumentException("trust domain '" + td + "' names unknown root '"
            + name + "'");
      }
    }
  }
}
