package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The CRL ceremony: the periodic re-signing of a root's CRL, listing every revoked intermediate
 * of that root until it expires.
 *
 * <pre>
 * ceremony: crl
 * hsm: ../hsm.yaml
 * state: ../state
 * officers: [Alice Ops (security officer), Bob Audit (witness)]
 * crl:
 *   root: root-2026
 *   validity-days: 90
 *   renewal-margin-days: 30
 * publication: {directory: ../publications, refresh-hint: 300}   # optional: publish after
 * </pre>
 */
@JsonTypeName("crl")
public record CrlCeremonyFile(String hsm, String state, List<String> officers, CrlSpec crl,
    PublicationSpec publication) implements CeremonyFile {

  public CrlCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("crl", crl);
    if (crl.root() == null) {
      throw new ConfigProblem("crl.root", "is required");
    }
  }

  @Override
  public String type() {
    return "crl";
  }
}
