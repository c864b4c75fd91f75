package org.anchorhold.ceremony.crl;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.CrlCeremonyFile;
import org.anchorhold.ceremony.config.CrlSpec;
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
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/**
 * A CRL ceremony that passed every check needing no HSM: the root exists and may sign CRLs, its
 * latest CRL is the file the state recorded and every serial on it is still revoked, the window
 * fits PROFILES.md and the root, and the next number is known. Running it drafts again under the
 * state's lock, checks that the CRL's files can be written, then signs in the HSM and commits the
 * CRL with its audit entry.
 */
public final class CrlPlan implements Plan {
  private final LoadedCeremony loaded;
  private final CrlCeremonyFile spec;
  private final CrlDraft draft;
  private final List<String> warnings;

  private CrlPlan(LoadedCeremony loaded, CrlCeremonyFile spec, CrlDraft draft,
      List<String> warnings) {
    this.loaded = loaded;
    this.spec = spec;
    this.draft = draft;
    this.warnings = List.copyOf(warnings);
  }

  /** Reads the state (without locking it) and drafts the CRL, or says why it cannot be signed. */
  public static CrlPlan of(LoadedCeremony loaded, Clock clock)
      throws ConfigException, StateException {
    CrlCeremonyFile spec = (CrlCeremonyFile) loaded.spec();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    try {
      CrlDraft draft = CrlDraft.prepare(loaded.stateDirectory(),
          StateDirectory.snapshot(loaded.stateDirectory()), spec.crl().root(), spec.crl(),
          published(loaded, spec.crl()), now);
      List<String> warnings = new ArrayList<>(
          PublishPlan.publicationWarnings(loaded, spec.publication()));
      PlanText.officerWarning(spec.officers()).ifPresent(warnings::add);
      return new CrlPlan(loaded, spec, draft, warnings);
    } catch (CrlException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** The published CRL a file names, resolved against the file's directory. */
  public static Optional<Path> published(LoadedCeremony loaded, CrlSpec crl) {
    return Optional.ofNullable(crl.publishedCrl())
        .map(p -> loaded.file().toAbsolutePath().getParent().resolve(p).normalize());
  }

  @Override
  public String type() {
    return "crl";
  }

  @Override
  public List<String> describe() {
    List<String> lines = PlanText.header(spec);
    lines.add("hsm:          token '" + loaded.hsm().tokenLabel() + "', key '"
        + draft.root().keyLabel() + "'");
    lines.addAll(draft.describe());
    lines.add("published:    " + published(loaded, spec.crl()).map(Path::toString)
        .orElse("not given (numbering from the state and its CRL files)"));
    lines.add("state:        " + loaded.stateDirectory());
    return lines;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void run(CeremonyContext context) throws CeremonyException {
    try (StateDirectory state = StateDirectory.open(loaded.stateDirectory())) {
      context.transcript().step(state.openedLine());
      state.warnings().forEach(context.transcript()::warning);
      Instant now = Instant.now(context.clock()).truncatedTo(ChronoUnit.SECONDS);
      CrlDraft fresh = CrlDraft.prepare(state.directory(), state.state(), spec.crl().root(),
          spec.crl(), published(loaded, spec.crl()), now);
      fresh.describe().forEach(line -> context.transcript().step("draft " + line));
      state.checkWritable(fresh.files());
      Publisher.checkNextNameFree(spec.publication(), loaded, state.state());
      context.witness().confirm("Sign CRL " + fresh.number() + " of root '"
          + fresh.root().name() + "' listing " + fresh.entries().size()
          + " revoked certificate(s), valid until " + fresh.nextUpdate() + "?");
      try (HsmSession hsm = HsmCrlSigning.open(loaded.hsm(), context.transcript())) {
        CrlDraft.Signed signed = HsmCrlSigning.sign(fresh, hsm, context.transcript());
        AuditHead head = state.commit(signed.files(), signed.state(), auditEntry(loaded,
            spec.officers(), "crl ceremony", signed, Map.of(), context));
        report(context, loaded, signed);
        context.transcript().step(head.writtenLine());
        Publisher.publishIfConfigured(spec.publication(), loaded, hsm, state, context);
      }
    } catch (StateException | CrlException | HsmException | LintException e) {
      throw new CeremonyException(e.getMessage(), e);
    }
  }

  /** The audit entry of a ceremony that signed a CRL, with any extra details. */
  public static AuditEntry auditEntry(LoadedCeremony loaded, List<String> officers, String event,
      CrlDraft.Signed signed, Map<String, String> extra, CeremonyContext context) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put(loaded.file().toString(), loaded.fileBytes());
    inputs.put(loaded.hsmProfileFile().toString(), loaded.hsmProfileBytes());
    Map<String, String> details = new LinkedHashMap<>(extra);
    details.put("root", signed.record().root());
    details.put("crl-number", signed.record().number().toString());
    details.put("this-update", signed.record().thisUpdate().toString());
    details.put("next-update", signed.record().nextUpdate().toString());
    details.put("next-ceremony-due", signed.record().due().toString());
    details.put("revoked-serials", String.join(",", signed.crl().getRevokedCertificates() == null
        ? List.of() : signed.crl().getRevokedCertificates().stream()
            .map(e -> e.getSerialNumber().toString(16)).sorted().toList()));
    details.put("sha256", signed.record().sha256());
    return new AuditEntry(Instant.now(context.clock()), event, officers,
        AuditLog.hashes(inputs), AuditLog.hashes(signed.files()), details);
  }

  /** Prints the committed CRL's facts, path, fingerprint and PEM. */
  public static void report(CeremonyContext context, LoadedCeremony loaded,
      CrlDraft.Signed signed) {
    context.transcript().step("recorded CRL " + signed.record().number() + " of root '"
        + signed.record().root() + "' in state " + loaded.stateDirectory()
        + " and its audit log");
    context.transcript().step("nextUpdate " + signed.record().nextUpdate()
        + "; the next CRL ceremony is due by " + signed.record().due());
    context.transcript().output(loaded.stateDirectory().resolve(signed.record().file())
        .toString(), Pem.fingerprint(signed.der()), signed.pem());
  }
}
