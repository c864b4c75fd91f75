package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The intermediate ceremony: sign one issuer intermediate (PROFILES.md, issuer intermediate) for
 * each issuer's CSR with a root of the state, all in one HSM session and one commit.
 *
 * <pre>
 * ceremony: intermediate
 * hsm: ../hsm.yaml
 * state: ../state
 * officers: [Alice Ops (security officer), Bob Audit (witness)]
 * root: root-2026
 * base-url: https://pki.example.org
 * outliving-root: refuse          # or clamp: cut notAfter back to the root's
 * rsa-minimum-bits: 2048          # the RSA floor for issuer keys, at least 2048
 * issuers:
 *   - name: aws-east
 *     trust-domain: aws.example.org
 *     csr: ../issuers/aws-east/csr.pem
 *     subject: {common-name: aws-east, organization: Example}
 *     validity: {not-after: "2027-12-01T00:00:00Z"}
 *     ca-ttl: 24h                 # the issuer's own CA lifetime (SPIRE ca_ttl)
 *     path-length: 1              # optional; absent by default, never 0
 * publication: {directory: ../publications, refresh-hint: 300}   # optional: publish after
 * </pre>
 */
@JsonTypeName("intermediate")
public record IntermediateCeremonyFile(
    String hsm,
    String state,
    List<String> officers,
    String root,
    String baseUrl,
    String outlivingRoot,
    Integer rsaMinimumBits,
    List<IssuerSpec> issuers,
    PublicationSpec publication) implements CeremonyFile {

  /** The lowest RSA floor a file may set (PROFILES.md, issuer intermediate). */
  public static final int RSA_FLOOR = 2048;

  /** At most this many issuers in one batch. */
  public static final int MAX_ISSUERS = 1000;

  public IntermediateCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("root", root);
    Names.check("root", root);
    ConfigProblem.required("base-url", baseUrl);
    checkBaseUrl(baseUrl);
    outlivingRoot = outlivingRoot == null ? "refuse" : outlivingRoot;
    if (!outlivingRoot.equals("refuse") && !outlivingRoot.equals("clamp")) {
      throw new ConfigProblem("outliving-root", "must be one of refuse, clamp");
    }
    rsaMinimumBits = rsaMinimumBits == null ? RSA_FLOOR : rsaMinimumBits;
    if (rsaMinimumBits < RSA_FLOOR || rsaMinimumBits > 16384) {
      throw new ConfigProblem("rsa-minimum-bits", "must be from " + RSA_FLOOR + " to 16384");
    }
    ConfigProblem.required("issuers", issuers);
    if (issuers.isEmpty() || issuers.size() > MAX_ISSUERS) {
      throw new ConfigProblem("issuers", "must list 1 to " + MAX_ISSUERS + " issuers");
    }
    Set<String> names = new HashSet<>();
    Set<String> csrs = new HashSet<>();
    for (IssuerSpec issuer : issuers) {
      ConfigProblem.required("issuers", issuer);
      if (!names.add(issuer.name())) {
        throw new ConfigProblem("issuers", "must not name issuer '" + issuer.name() + "' twice");
      }
      if (!csrs.add(issuer.csr())) {
        throw new ConfigProblem("issuers", "must not use csr '" + issuer.csr() + "' twice");
      }
    }
    issuers = List.copyOf(issuers);
  }

  @Override
  public String type() {
    return "intermediate";
  }

  /** Whether an intermediate that would outlive the root is cut back rather than refused. */
  public boolean clampToRoot() {
    return outlivingRoot.equals("clamp");
  }

  /** The URL of the root's CRL in the publication (DESIGN.md, publication layout). */
  public String crlUrl() {
    return baseUrl + "/crls/" + root + ".crl";
  }

  private static void checkBaseUrl(String baseUrl) {
    String problem = "must be an absolute http or https URL with a host and no query, fragment, "
        + "user information or trailing '/', such as https://pki.example.org";
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new ConfigProblem("base-url", problem);
    }
    boolean scheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
    if (!scheme || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null
        || baseUrl.endsWith("/") || !baseUrl.equals(uri.toASCIIString())) {
      throw new ConfigProblem("base-url", problem);
    }
  }

  /**
   * One issuer: its name in the state, trust domain, CSR, the subject of its intermediate (the
   * CSR's subject must be empty or equal to it), validity, its own CA lifetime and path length.
   */
  public record IssuerSpec(
      String name,
      String trustDomain,
      String csr,
      SubjectSpec subject,
      ValiditySpec validity,
      String caTtl,
      Integer pathLength) {

    public IssuerSpec {
      ConfigProblem.required("name", name);
      Names.check("name", name);
      ConfigProblem.required("trust-domain", trustDomain);
      TrustDomains.check("trust-domain", trustDomain);
      CeremonyFile.checkPath("csr", csr);
      ConfigProblem.required("subject", subject);
      ConfigProblem.required("validity", validity);
      ConfigProblem.required("ca-ttl", caTtl);
      GoDurations.parse("ca-ttl", caTtl);
      if (pathLength != null && (pathLength < 1 || pathLength > 8)) {
        // PROFILES.md: SPIRE always signs its own CA beneath the intermediate, so 0 breaks
        // every chain.
        throw new ConfigProblem("path-length", "must be from 1 to 8, or absent; 0 would forbid "
            + "the SPIRE CA beneath the intermediate");
      }
    }

    /** The issuer's own CA lifetime. */
    public Duration caTtlDuration() {
      return GoDurations.parse("ca-ttl", caTtl);
    }
  }
}
