package org.anchorhold.ceremony.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.Serials;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmProfile;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.hsm.PinSource;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.StateDirectory;
import org.bouncycastle.operator.ContentSigner;

/**
 * A directory laid out like an officer's: {@code hsm.yaml} for the IT token, {@code ceremonies/}
 * and {@code state/}; ceremonies run as the built tool in a subprocess, and test intermediates
 * are signed in-process by the root key on the token.
 */
public final class ItWorkspace {
  private final Path directory;

  private ItWorkspace(Path directory) {
    this.directory = directory;
  }

  /** A fresh workspace under target/it-work. */
  public static ItWorkspace create(String name) throws IOException {
    ItHsm.directory();
    Path dir = Path.of("target", "it-work", name + "-" + suffix()).toAbsolutePath();
    Files.createDirectories(dir.resolve("ceremonies"));
    Files.copy(ItHsm.pinFile(), dir.resolve("pin"));
    Files.writeString(dir.resolve("hsm.yaml"), "module: " + ItHsm.MODULE + "\ntoken-label: "
        + ItHsm.TOKEN + "\npin:\n  file: pin\n");
    return new ItWorkspace(dir);
  }

  private static String suffix() {
    byte[] bytes = new byte[4];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The workspace directory. */
  public Path directory() {
    return directory;
  }

  /** The state directory. */
  public Path state() {
    return directory.resolve("state");
  }

  /** Writes a ceremony file under ceremonies/ and returns its path. */
  public Path ceremony(String name, String yaml) throws IOException {
    Path file = directory.resolve("ceremonies").resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  /** The header every ceremony file of this workspace shares. */
  public static String head(String type) {
    return "ceremony: " + type + "\nhsm: ../hsm.yaml\nstate: ../state\nofficers:\n"
        + "  - Alice Example (security officer)\n  - Bob Example (witness)\n";
  }

  /** Runs the root ceremony for a root with this name and a unique key label on the token. */
  public RootRecord root(String name) throws Exception {
    String label = name + "-" + suffix();
    Path file = ceremony("root-" + name + ".yaml", head("root") + "key:\n  label: " + label
        + "\n  algorithm: ecdsa-p384\nroot:\n  name: " + name + "\n  subject:\n"
        + "    common-name: Anchorhold IT Root " + label + "\n    organization: Anchorhold IT\n"
        + "    country: US\n  validity:\n    not-after: \"2040-01-01T00:00:00Z\"\n");
    Result result = tool("run", "--yes", file.toString());
    if (result.exit() != 0) {
      throw new IllegalStateException("root ceremony failed: " + result.err());
    }
    return StateDirectory.snapshot(state()).root(name).orElseThrow();
  }

  /** The root certificate of a root in the state. */
  public X509Certificate rootCertificate(RootRecord root) throws Exception {
    try (var in = Files.newInputStream(state().resolve(root.certificate()))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Signs an intermediate with the root key in the HSM and records it in the state. */
  public X509Certificate intermediate(RootRecord root, String issuer, String trustDomain,
      Duration lifetime) throws Exception {
    X509Certificate rootCertificate = rootCertificate(root);
    HsmProfile profile = new HsmProfile(ItHsm.MODULE, ItHsm.TOKEN,
        new PinSource.FilePin(directory.resolve("pin")));
    X509Certificate certificate;
    try (HsmSession hsm = HsmSession.open(profile)) {
      HsmKey key = hsm.findKey(root.keyLabel());
      ContentSigner signer = CertificateSigning.hsmSigner(key, KeyAlgorithm.ECDSA_P384);
      Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      certificate = TestCertificates.intermediate(rootCertificate, signer,
          TestCertificates.p256().getPublic(), trustDomain, Serials.random(),
          now.minusSeconds(60), now.plus(lifetime),
          "https://trust.example.org/crls/" + root.name() + ".crl");
    }
    TestStates.recordIntermediate(state(), issuer, root.name(), trustDomain, certificate);
    Files.writeString(directory.resolve(issuer + ".pem"),
        new String(TestStates.pem(certificate), StandardCharsets.US_ASCII));
    return certificate;
  }

  /**
   * Issues intermediates with the intermediate ceremony of the built tool: each issuer makes its
   * key and CSR with OpenSSL, as a SPIRE server's operator would. Returns the certificates in
   * the order of {@code issuers} (name, trust domain pairs).
   */
  public List<X509Certificate> issue(RootRecord root, List<List<String>> issuers)
      throws Exception {
    Instant notAfter = Instant.now().plus(Duration.ofDays(365))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    StringBuilder yaml = new StringBuilder(head("intermediate") + "root: " + root.name()
        + "\nbase-url: https://pki.example.org\nissuers:\n");
    for (List<String> issuer : issuers) {
      String name = issuer.get(0);
      Path dir = Files.createDirectories(directory.resolve("issuers").resolve(name));
      Tools.Output csr = Tools.openssl("req", "-new", "-newkey", "ec", "-pkeyopt",
          "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("key.pem").toString(),
          "-subj", "/O=Anchorhold IT/CN=" + name, "-addext",
          "subjectAltName=URI:spiffe://" + issuer.get(1), "-out",
          dir.resolve("csr.pem").toString());
      if (csr.exit() != 0) {
        throw new IllegalStateException("openssl req failed: " + csr.text());
      }
      yaml.append("  - name: ").append(name).append("\n    trust-domain: ")
          .append(issuer.get(1)).append("\n    csr: ../issuers/").append(name)
          .append("/csr.pem\n    subject: {common-name: ").append(name)
          .append(", organization: Anchorhold IT}\n    validity: {not-after: \"")
          .append(notAfter).append("\"}\n    ca-ttl: 24h\n");
    }
    Path file = ceremony("intermediate-" + suffix() + ".yaml", yaml.toString());
    Result result = tool("run", "--yes", file.toString());
    if (result.exit() != 0) {
      throw new IllegalStateException("intermediate ceremony failed: " + result.err());
    }
    var state = StateDirectory.snapshot(state());
    List<X509Certificate> certificates = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (List<String> issuer : issuers) {
      var record = state.issued().stream().filter(i -> i.issuer().equals(issuer.get(0)))
          .reduce((first, second) -> second).orElseThrow();
      try (var in = Files.newInputStream(state().resolve(record.certificate()))) {
        certificates.add((X509Certificate) factory.generateCertificate(in));
      }
    }
    return certificates;
  }

  /** What a subprocess did. */
  public record Result(int exit, String out, String err) {}

  /** Runs the built ceremony tool with these arguments. */
  public Result tool(String... args) throws Exception {
    Process process = start(args);
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("ceremony " + String.join(" ", args) + " timed out");
    }
    return new Result(process.exitValue(),
        Files.readString(directory.resolve(".out")), Files.readString(directory.resolve(".err")));
  }

  /** Starts the built ceremony tool; output goes to .out and .err in the workspace. */
  public Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    return java(command);
  }

  /**
   * Starts {@link CeremonyLoop} on a ceremony file in a JVM with the built jar and the test
   * classes; output goes to .out and .err in the workspace.
   */
  public Process startLoop(Path ceremony) throws IOException {
    String classPath = jar() + java.io.File.pathSeparator
        + Path.of(CeremonyLoop.class.getProtectionDomain().getCodeSource().getLocation()
            .getPath());
    return java(List.of("-cp", classPath, CeremonyLoop.class.getName(), ceremony.toString()));
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("anchorhold.ceremony.jar", "target/ceremony.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing; ITs run after mvn package");
    }
    return jar;
  }

  private Process java(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(directory.resolve(".out").toFile())
        .redirectError(directory.resolve(".err").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("SOFTHSM2_CONF", ItHsm.directory().resolve("softhsm2.conf")
        .toString());
    return builder.start();
  }
}
