package org.anchorhold.ceremony.intermediate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile;
import org.anchorhold.ceremony.intermediate.IntermediateCeremony.Signed;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.IntermediateFiles;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/**
 * Records a signed batch in one commit: per intermediate {@code issued/<serial>.pem}, and the
 * files its SPIRE server's disk UpstreamAuthority reads, {@code issuers/<name>/<serial>/chain.pem}
 * (the intermediate, no root) and {@code issuers/<name>/<serial>/bundle.pem} (the live roots
 * only); an {@link IssuedRecord} each and one audit entry. Then the transcript shows every
 * output and a ready {@code UpstreamAuthority "disk"} block per issuer.
 */
final class BatchRecorder {
  private final LoadedCeremony loaded;
  private final IntermediateCeremonyFile spec;
  private final RootRecord root;
  private final X509Certificate rootCertificate;
  private final StateDirectory state;
  private final CeremonyContext context;

  BatchRecorder(LoadedCeremony loaded, IntermediateCeremonyFile spec, RootRecord root,
      X509Certificate rootCertificate, StateDirectory state, CeremonyContext context) {
    this.loaded = loaded;
    this.spec = spec;
    this.root = root;
    this.rootCertificate = rootCertificate;
    this.state = state;
    this.context = context;
  }

  /** The files a batch will add to the state, for checking before the HSM signs. */
  static List<String> fileNames(List<IntermediateCeremony.Planned> batch) {
    List<String> names = new ArrayList<>();
    for (IntermediateCeremony.Planned planned : batch) {
      names.addAll(IntermediateFiles.of(planned.issuer().spec().name(),
          planned.request().serial().toString(16)).files());
    }
    return names;
  }

  void record(List<Signed> batch, Instant now) throws CeremonyException, StateException {
    String bundle = bundle(now);
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<IssuedRecord> records = new ArrayList<>();
    Map<String, String> details = new LinkedHashMap<>();
    details.put("root", root.name());
    details.put("intermediates", String.valueOf(batch.size()));
    for (Signed signed : batch) {
      X509Certificate certificate = signed.certificate();
      byte[] der = der(certificate);
      String serial = certificate.getSerialNumber().toString(16);
      String name = signed.issuer().spec().name();
      IntermediateFiles paths = IntermediateFiles.of(name, serial);
      String pem = Pem.encode("CERTIFICATE", der);
      files.put(paths.issued(), ascii(pem));
      files.put(paths.chain(), ascii(pem));
      files.put(paths.bundle(), ascii(bundle));
      records.add(new IssuedRecord(serial, name, root.name(),
          signed.issuer().spec().trustDomain(), paths.issued(), Pem.sha256Hex(der),
          certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
          IssuedRecord.VALID, null, null, null));
      details.put(name + ".serial", serial);
      details.put(name + ".trust-domain", signed.issuer().spec().trustDomain());
      details.put(name + ".not-before", certificate.getNotBefore().toInstant().toString());
      details.put(name + ".not-after", certificate.getNotAfter().toInstant().toString());
      details.put(name + ".sha256-fingerprint", Pem.sha256Hex(der));
    }
    State updated = state.state().withIssued(records);
    AuditHead head = state.commit(files, updated, auditEntry(batch, files, details));
    context.transcript().step("recorded " + batch.size() + " intermediate(s) in state "
        + loaded.stateDirectory() + " and its audit log");
    context.transcript().step(head.writtenLine());
    for (Signed signed : batch) {
      show(signed);
    }
  }

  private void show(Signed signed) throws CeremonyException {
    byte[] der = der(signed.certificate());
    String serial = signed.certificate().getSerialNumber().toString(16);
    String name = signed.issuer().spec().name();
    IntermediateFiles paths = IntermediateFiles.of(name, serial);
    Path directory = loaded.stateDirectory();
    context.transcript().output(directory.resolve(paths.issued()).toString(),
        Pem.fingerprint(der), Pem.encode("CERTIFICATE", der));
    context.transcript().step("wrote " + directory.resolve(paths.chain()) + " and "
        + directory.resolve(paths.bundle()) + " for issuer '" + name + "'");
    context.transcript().step("SPIRE server configuration for issuer '" + name + "':");
    context.transcript().block(SpireSnippet.disk(signed.issuer().spec().trustDomain(),
        directory.resolve(paths.chain()), directory.resolve(paths.bundle())));
  }

  /** The roots a relying issuer trusts: the signing root first, then every other live root. */
  private String bundle(Instant now) throws CeremonyException {
    StringBuilder text = new StringBuilder(Pem.encode("CERTIFICATE", der(rootCertificate)));
    for (RootRecord other : state.state().roots()) {
      if (other.name().equals(root.name()) || !other.notAfter().isAfter(now)) {
        continue;
      }
      try {
        text.append(Files.readString(state.directory().resolve(other.certificate()),
            StandardCharsets.US_ASCII));
      } catch (java.io.IOException e) {
        throw new CeremonyException("cannot read root certificate '" + other.certificate()
            + "': " + e.getMessage(), e);
      }
    }
    return text.toString();
  }

  private AuditEntry auditEntry(List<Signed> batch, Map<String, byte[]> files,
      Map<String, String> details) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    inputs.put(loaded.file().toString(), loaded.fileBytes());
    inputs.put(loaded.hsmProfileFile().toString(), loaded.hsmProfileBytes());
    for (Signed signed : batch) {
      inputs.put(signed.issuer().csrFile().toString(), signed.issuer().csrBytes());
    }
    return new AuditEntry(Instant.now(context.clock()), "intermediate ceremony",
        spec.officers(), AuditLog.hashes(inputs), AuditLog.hashes(files), details);
  }

  private static byte[] der(X509Certificate certificate) throws CeremonyException {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new CeremonyException("cannot encode a certificate", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
