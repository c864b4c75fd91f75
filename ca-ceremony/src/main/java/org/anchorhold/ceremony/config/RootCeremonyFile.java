package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The root ceremony: generate a key in the HSM and self-sign the root certificate of
 * PROFILES.md with it.
 *
 * <pre>
 * ceremony: root
 * hsm: ../hsm.yaml
 * state: ../state
 * officers: [Alice Ops (security officer), Bob Audit (witness)]
 * key: {label: root-2026, algorithm: ecdsa-p384}
 * root:
 *   name: root-2026
 *   subject: {common-name: Example Root CA 2026, organization: Example, country: US}
 *   validity: {not-after: "2046-12-31T00:00:00Z"}
 * </pre>
 */
@JsonTypeName("root")
public record RootCeremonyFile(
    String hsm, String state, List<String> officers, KeySpec key, RootSpec root)
    implements CeremonyFile {

  public RootCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("key", key);
    ConfigProblem.required("root", root);
  }

  @Override
  public String type() {
    return "root";
  }

  /** The root certificate: its name in the state, subject, validity and optional trust domain. */
  public record RootSpec(
      String name, SubjectSpec subject, ValiditySpec validity, String trustDomain) {
    public RootSpec {
      ConfigProblem.required("name", name);
      if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new ConfigProblem("name",
            "must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit");
      }
      ConfigProblem.required("subject", subject);
      ConfigProblem.required("validity", validity);
      if (trustDomain != null) {
        TrustDomains.check("trust-domain", trustDomain);
      }
    }
  }
}
