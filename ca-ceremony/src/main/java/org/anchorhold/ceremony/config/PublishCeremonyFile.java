package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * The publish ceremony: write a new signed publication of the state's live roots, CRLs, trust
 * bundles and issuer chains, signed in the HSM by the newest live root's publication key.
 *
 * <pre>
 * ceremony: publish
 * hsm: ../hsm.yaml
 * state: ../state
 * officers: [Alice Ops (security officer), Bob Audit (witness)]
 * publication:
 *   directory: ../publications
 *   refresh-hint: 300
 * </pre>
 */
@JsonTypeName("publish")
public record PublishCeremonyFile(
    String hsm, String state, List<String> officers, PublicationSpec publication)
    implements CeremonyFile {

  public PublishCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("publication", publication);
  }

  @Override
  public String type() {
    return "publish";
  }
}
