package org.anchorhold.ceremony.publish;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;

/**
 * What a publication at a given time holds, chosen from the state alone.
 *
 * <ul>
 *   <li>roots: every live root ({@code notAfter} after now), in the state's order, each with its
 *       latest CRL (highest cRLNumber), if it has one;
 *   <li>trust domains: those of the live valid intermediates (status valid, now inside their
 *       validity), plus each live root's single trust domain (its SPIFFE SAN);
 *   <li>each trust domain's roots: every live root, except that a root with a single trust
 *       domain anchors only that one (PROFILES.md, root: the SAN names its only trust domain);
 *   <li>issuers: per issuer name, its newest live valid intermediate (latest notBefore).
 * </ul>
 *
 * @param roots the live roots
 * @param latestCrls the latest CRL of each live root that has one, by root name
 * @param trustDomains each trust domain (sorted) with the names of the roots in its bundle
 * @param issuers the newest live valid intermediate per issuer, sorted by issuer name
 */
public record PublicationSelection(List<RootRecord> roots, Map<String, CrlRecord> latestCrls,
    Map<String, List<String>> trustDomains, List<IssuedRecord> issuers) {

  public PublicationSelection {
    roots = List.copyOf(roots);
    latestCrls = Map.copyOf(latestCrls);
    trustDomains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trustDomains));
    issuers = List.copyOf(issuers);
  }

  /**
   * The selection at {@code now}; {@code rootTrustDomains} gives, by root name, the single
   * trust domain a root's certificate names in its SAN (roots without one are absent).
   */
  public static PublicationSelection of(State state, Map<String, String> rootTrustDomains,
      Instant now) {
    List<RootRecord> roots = state.roots().stream()
        .filter(r -> r.notAfter().isAfter(now)).toList();
    Map<String, CrlRecord> crls = new LinkedHashMap<>();
    for (RootRecord root : roots) {
      state.crls().stream().filter(c -> c.root().equals(root.name()))
          .max(Comparator.comparing(CrlRecord::number, BigInteger::compareTo))
          .ifPresent(crl -> crls.put(root.name(), crl));
    }
    Map<String, IssuedRecord> newest = new TreeMap<>();
    for (IssuedRecord record : state.issued()) {
      boolean live = IssuedRecord.VALID.equals(record.status())
          && !record.notBefore().isAfter(now) && record.notAfter().isAfter(now);
      IssuedRecord current = newest.get(record.issuer());
      if (live && (current == null || !record.notBefore().isBefore(current.notBefore()))) {
        newest.put(record.issuer(), record);
      }
    }
    TreeSet<String> domains = new TreeSet<>();
    newest.values().forEach(r -> domains.add(r.trustDomain()));
    for (RootRecord root : roots) {
      Optional.ofNullable(rootTrustDomains.get(root.name())).ifPresent(domains::add);
    }
    Map<String, List<String>> trustDomains = new LinkedHashMap<>();
    for (String domain : domains) {
      List<String> anchors = new ArrayList<>();
      for (RootRecord root : roots) {
        String own = rootTrustDomains.get(root.name());
        if (own == null || own.equals(domain)) {
          anchors.add(root.name());
        }
      }
      trustDomains.put(domain, anchors);
    }
    return new PublicationSelection(roots, crls, trustDomains,
        new ArrayList<>(newest.values()));
  }

  /** The names of the live roots without any CRL, in the state's order. */
  public List<String> rootsWithoutCrl() {
    return roots.stream().map(RootRecord::name).filter(n -> !latestCrls.containsKey(n))
        .toList();
  }

  /** The trust domains whose bundle would hold no root, sorted. */
  public List<String> trustDomainsWithoutRoot() {
    return trustDomains.entrySet().stream().filter(e -> e.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
  }

  /**
   * The root whose publication key signs: the live root with a publication key and the latest
   * notBefore (the later in the state on a tie).
   */
  public Optional<RootRecord> signingRoot() {
    RootRecord chosen = null;
    for (RootRecord root : roots) {
      if (root.hasPublicationKey()
          && (chosen == null || !root.notBefore().isBefore(chosen.notBefore()))) {
        chosen = root;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
