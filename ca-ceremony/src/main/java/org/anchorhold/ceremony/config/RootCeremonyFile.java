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
 * publication-key: {label: root-2026-publication, algorithm: ecdsa-p256}   # the default
 * publication: {directory: ../publications, refresh-hint: 300}            # optional
 * </pre>
 *
 * <p>The publication key is always generated; without a {@code publication-key} section it is
 * {@link PublicationKeySpec#defaultFor} the root key. With a {@code publication} section the
 * ceremony publishes after its commit.
 */
@JsonTypeName("root")
public record RootCeremonyFile(
    String hsm, String state, List<String> officers, KeySpec key, RootSpec root,
    PublicationKeySpec publicationKey, PublicationSpec publication)
    implements CeremonyFile {

  public RootCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("key", key);
    ConfigProblem.required("root", root);
    if (publicationKey == null) {
      if (key.label().length() + PublicationKeySpec.SUFFIX.length() > 64) {
        throw new ConfigProblem("publication-key.label", "must be given: the default '"
            + key.label() + PublicationKeySpec.SUFFIX + "' is longer than 64 characters");
      }
      publicationKey = PublicationKeySpec.defaultFor(key);
    }
    if (publicationKey.label().equals(key.label())) {
      throw new ConfigProblem("publication-key.label", "must differ from key.label");
    }
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
