package org.anchorhold.ceremony.revocation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.RevokeCeremonyFile;
import org.anchorhold.ceremony.crl.CrlContinuity;
import org.anchorhold.ceremony.crl.CrlDraft;
import org.anchorhold.ceremony.crl.CrlException;
import org.anchorhold.ceremony.crl.CrlPlan;
import org.anchorhold.ceremony.crl.HsmCrlSigning;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.publish.PublishPlan;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.PlanText;
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/**
 * A revoke ceremony that passed every check needing no HSM. Running it records the revocations
 * and signs the root's fresh CRL in one HSM session and one state commit: there is no moment in
 * which the state says revoked and no CRL says so (the Baseline Requirements allow 24 hours; we
 * allow none). Before the HSM is opened the root's latest CRL is checked against the index as it
 * was before this ceremony ({@link CrlContinuity}), and the CRL's files checked writable.
 */
public final class RevokePlan implements Plan {
  private final LoadedCeremony loaded;
  private final RevokeCeremonyFile spec;
  private final Revocations.Resolved resolved;
  private final CrlDraft draft;

  private RevokePlan(LoadedCeremony loaded, RevokeCeremonyFile spec,
      Revocations.Resolved resolved, CrlDraft draft) {
    this.loaded = loaded;
    this.spec = spec;
    this.resolved = resolved;
    this.draft = draft;
  }

  /** Resolves the targets and drafts the CRL against the state, without locking it. */
  public static RevokePlan of(LoadedCeremony loaded, Clock clock)
      throws ConfigException, StateException {
    RevokeCeremonyFile spec = (RevokeCeremonyFile) loaded.spec();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    PublishPlan.publicationWarnings(loaded, spec.publication());
    try {
      State state = StateDirectory.snapshot(loaded.stateDirectory());
      Revocations.Resolved resolved = Revocations.resolve(state, spec.revoke(), now);
      CrlContinuity.check(loaded.stateDirectory(), state, resolved.root());
      CrlDraft draft = CrlDraft.prepare(loaded.stateDirectory(), resolved.state(),
          resolved.root(), spec.crl(), CrlPlan.published(loaded, spec.crl()), now);
      return new RevokePlan(loaded, spec, resolved, draft);
    } catch (CrlException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  @Override
  public String type() {
    return "revoke";
  }

  @Override
  public List<String> describe() {
    List<String> lines = PlanText.header(spec);
    lines.add("hsm:          token '" + loaded.hsm().tokenLabel() + "', key '"
        + draft.root().keyLabel() + "'");
    for (IssuedRecord revoked : resolved.revoked()) {
      lines.add("revoke:       " + describe(revoked));
    }
    lines.addAll(draft.describe());
    lines.add("state:        " + loaded.stateDirectory());
    return lines;
  }

  private static String describe(IssuedRecord revoked) {
    return "serial " + revoked.serial() + " (issuer '" + revoked.issuer() + "', trust domain "
        + revoked.trustDomain() + ", valid to " + revoked.notAfter() + "), reason "
        + revoked.reason() + (revoked.invalidityDate() == null ? ""
        : ", invalid since " + revoked.invalidityDate());
  }

  @Override
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (spec.publication() != null) {
      spec.publication().warning("publication").ifPresent(warnings::add);
    }
    PlanText.officerWarning(spec.officers()).ifPresent(warnings::add);
    return warnings;
  }

  @Override
  public void run(CeremonyContext context) throws CeremonyException {
    try (StateDirectory state = StateDirectory.open(loaded.stateDirectory())) {
      context.transcript().step(state.openedLine());
      state.warnings().forEach(context.transcript()::warning);
      Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
      Revocations.Resolved fresh = Revocations.resolve(state.state(), spec.revoke(), now);
      CrlContinuity.check(state.directory(), state.state(), fresh.root());
      CrlDraft crl = CrlDraft.prepare(state.directory(), fresh.state(), fresh.root(),
          spec.crl(), CrlPlan.published(loaded, spec.crl()), now);
      for (IssuedRecord revoked : fresh.revoked()) {
        context.transcript().step("revoke " + describe(revoked));
      }
      crl.describe().forEach(line -> context.transcript().step("draft " + line));
      state.checkWritable(crl.files());
      Publisher.checkNextNameFree(spec.publication(), loaded, state.state());
      context.witness().confirm("Revoke " + fresh.revoked().size() + " certificate(s) of root '"
          + fresh.root() + "' and sign CRL " + crl.number() + "?");
      try (HsmSession hsm = HsmCrlSigning.open(loaded.hsm(), context.transcript())) {
        CrlDraft.Signed signed = HsmCrlSigning.sign(crl, hsm, context.transcript());
        Map<String, String> details = new LinkedHashMap<>();
        for (IssuedRecord revoked : fresh.revoked()) {
          details.put("revoked-" + revoked.serial(), revoked.issuer() + ", " + revoked.reason()
              + (revoked.invalidityDate() == null ? "" : ", invalid since "
              + revoked.invalidityDate()));
        }
        AuditHead head = state.commit(signed.files(), signed.state(), CrlPlan.auditEntry(loaded,
            spec.officers(), "revoke ceremony", signed, details, context));
        context.transcript().step("recorded " + fresh.revoked().size()
            + " revocation(s) in the state index and audit log");
        CrlPlan.report(context, loaded, signed);
        context.transcript().step(head.writtenLine());
        Publisher.publishIfConfigured(spec.publication(), loaded, hsm, state, context);
      }
    } catch (StateException | CrlException | HsmException | LintException e) {
      throw new CeremonyException(e.getMessage(), e);
    }
  }
}
