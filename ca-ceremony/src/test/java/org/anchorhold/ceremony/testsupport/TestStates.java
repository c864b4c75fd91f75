package org.anchorhold.ceremony.testsupport;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.config.StrictYaml;
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

  /**
   * Rewrites {@code state.json} as a hand edit would, leaving the audit log and every other file
   * alone.
   */
  public static void editIndex(Path directory, UnaryOperator<State> edit) throws Exception {
    JsonMapper json = StrictYaml.strictJson().rebuild()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    Path index = directory.resolve(StateDirectory.INDEX);
    Files.write(index, json.writeValueAsBytes(edit.apply(json.readValue(index.toFile(),
        State.class))));
  }

  /** The index edit that undoes a revocation: the record set back to valid. */
  public static UnaryOperator<State> unrevoked(String serial) {
    return state -> {
      IssuedRecord i = state.issuedBySerial(serial).orElseThrow();
      return state.withIssuedReplaced(new IssuedRecord(i.serial(), i.issuer(), i.root(),
          i.trustDomain(), i.certificate(), i.sha256(), i.notBefore(), i.notAfter(),
          IssuedRecord.VALID, null, null, null));
    };
  }

  /** The SHA-256 of every file in a state, by path relative to it, but the lock file. */
  public static Map<String, String> hashes(Path directory) throws Exception {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        String relative = directory.relativize(path).toString();
        if (!relative.equals(".lock")) {
          hashes.put(relative, Pem.sha256Hex(Files.readAllBytes(path)));
        }
      }
    }
    return hashes;
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
