package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.anchorhold.ceremony.crl.ReasonCode;

/**
 * The revocation ceremony: revoke intermediates of one root, each by issuer name or serial, with
 * an RFC 5280 reason, and sign that root's fresh CRL in the same HSM session.
 *
 * <pre>
 * ceremony: revoke
 * hsm: ../hsm.yaml
 * state: ../state
 * officers: [Alice Ops (security officer), Bob Audit (witness)]
 * revoke:
 *   - issuer: onprem-legacy
 *     reason: cessationOfOperation
 *   - serial: 3f0c...e1
 *     reason: keyCompromise
 *     invalidity-date: "2026-11-30T00:00:00Z"
 * crl:
 *   validity-days: 90
 * publication: {directory: ../publications, refresh-hint: 300}   # optional: publish after
 * </pre>
 */
@JsonTypeName("revoke")
public record RevokeCeremonyFile(
    String hsm, String state, List<String> officers, List<Target> revoke, CrlSpec crl,
    PublicationSpec publication) implements CeremonyFile {

  public RevokeCeremonyFile {
    CeremonyFile.checkPath("hsm", hsm);
    CeremonyFile.checkPath("state", state);
    officers = CeremonyFile.checkOfficers(officers);
    ConfigProblem.required("revoke", revoke);
    if (revoke.isEmpty()) {
      throw new ConfigProblem("revoke", "must name at least one certificate");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < revoke.size(); i++) {
      Target target = revoke.get(i);
      if (target == null) {
        throw new ConfigProblem("revoke[" + i + "]", "must be a mapping with issuer or serial");
      }
      if (!seen.add(target.key())) {
        throw new ConfigProblem("revoke[" + i + "]", "names " + target.describe()
            + " a second time");
      }
    }
    revoke = List.copyOf(revoke);
    crl = crl == null ? CrlSpec.defaults() : crl;
    if (crl.root() != null) {
      throw new ConfigProblem("crl.root",
          "must not be set: the CRL is signed by the root of the revoked certificates");
    }
    if (crl.thisUpdate() != null) {
      throw new ConfigProblem("crl.this-update",
          "must not be set: a revocation's CRL is dated at the revocation");
    }
  }

  @Override
  public String type() {
    return "revoke";
  }

  /**
   * One certificate to revoke: exactly one of {@code issuer} (the name it was issued to) or
   * {@code serial} (hexadecimal), with a reason and an optional invalidity date.
   */
  public record Target(String issuer, String serial, ReasonCode reason, Instant invalidityDate) {
    public Target {
      if ((issuer == null) == (serial == null)) {
        throw new ConfigProblem("", "must name exactly one of issuer or serial");
      }
      if (issuer != null && !issuer.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new ConfigProblem("issuer", "must be an issuer name such as aws-east");
      }
      if (serial != null) {
        String digits = serial.replace(":", "").toLowerCase(Locale.ROOT);
        if (!digits.matches("[0-9a-f]{1,40}") || new BigInteger(digits, 16).signum() == 0) {
          throw new ConfigProblem("serial",
              "must be a positive hexadecimal serial number of at most 20 octets");
        }
        serial = new BigInteger(digits, 16).toString(16);
      }
      ConfigProblem.required("reason", reason);
      if (invalidityDate != null && invalidityDate.getNano() != 0) {
        throw new ConfigProblem("invalidity-date", "must be whole seconds (RFC 5280 §5.3.2)");
      }
    }

    /** How the officer named it, for messages. */
    public String describe() {
      return issuer != null ? "issuer '" + issuer + "'" : "serial " + serial;
    }

    private String key() {
      return issuer != null ? "issuer:" + issuer : "serial:" + serial;
    }
  }
}
