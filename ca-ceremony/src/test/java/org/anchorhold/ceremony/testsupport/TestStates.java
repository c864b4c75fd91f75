package org.anchorhold.ceremony.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/** State directories for tests, written through {@link StateDirectory} like a ceremony would. */
public final class TestStates {
  private TestStates() {}

  /** A root record for a certificate, as the root ceremony would store it. */
  public static RootRecord rootRecord(String name, X509Certificate root, String keyLabel) {
    return new RootRecord(name, "roots/" + name + ".pem", Pem.sha256Hex(der(root)),
        root.getSerialNumber().toString(16), root.getSubjectX500Principal().getName(),
        "anchorhold-test", keyLabel, "01", "ecdsa-p256", root.getNotBefore().toInstant(),
        root.getNotAfter().toInstant());
  }

  /** Creates a state directory holding one root. */
  public static void create(Path directory, String name, X509Certificate root, String keyLabel)
      throws StateException {
    RootRecord record = rootRecord(name, root, keyLabel);
    StateDirectory.create(directory, Map.of(record.certificate(), pem(root)),
        State.empty().withRoot(record), entry("test root"));
  }

  /** Creates a state directory for a software root. */
  public static void create(Path directory, String name, X509Certificate root)
      throws StateException {
    create(directory, name, root, name);
  }

  /** Records an intermediate as issued by a root, as the intermediate ceremony would. */
  public static IssuedRecord recordIntermediate(Path directory, String issuer, String root,
      String trustDomain, X509Certificate certificate) throws StateException {
    String serial = certificate.getSerialNumber().toString(16);
    String path = "issued/" + issuer + "-" + serial + ".pem";
    IssuedRecord record = new IssuedRecord(serial, issuer, root, trustDomain, path,
        Pem.sha256Hex(der(certificate)), certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant(), IssuedRecord.VALID, null, null, null);
    try (StateDirectory state = StateDirectory.open(directory)) {
      state.commit(Map.of(path, pem(certificate)),
          state.state().withIssued(java.util.List.of(record)),
          entry("test intermediate " + issuer));
    }
    return record;
  }

  /**
   * Appends an audit entry without replacing the index, as a commit stopped between the two
   * leaves the state.
   */
  public static void appendUnrecorded(Path directory, AuditEntry entry) throws Exception {
    Path log = directory.resolve(AuditLog.FILE);
    Files.write(log, AuditLog.encode(AuditLog.appended(AuditLog.verify(log), entry)));
  }

  /** A minimal audit entry for test set-up. */
  public static AuditEntry entry(String event) {
    return new AuditEntry(Instant.now(), event, List.of("test"), Map.of(), Map.of(), Map.of());
  }

  /** PEM bytes of a certificate. */
  public static byte[] pem(X509Certificate certificate) {
    return Pem.encode("CERTIFICATE", der(certificate)).getBytes(StandardCharsets.US_ASCII);
  }

  /** DER of a certificate. */
  public static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A software root ready for a state: key and certificate. */
  public record SoftwareRoot(KeyPair key, X509Certificate certificate) {}
}
