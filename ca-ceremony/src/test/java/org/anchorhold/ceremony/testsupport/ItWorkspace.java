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
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.StateDirectory;

/**
 * A directory laid out like an officer's: {@code hsm/} with its own SoftHSM2 token,
 * {@code hsm.yaml}, {@code ceremonies/} and {@code state/}; every ceremony, the intermediate
 * ceremony included, runs as the built tool in a subprocess.
 */
public final class ItWorkspace {
  private final Path directory;

  private ItWorkspace(Path directory) {
    this.directory = directory;
  }

  /** The label of each workspace's token. */
  public static final String TOKEN = "anchorhold-it";

  /** The PKCS#11 module of Debian's softhsm2 package. */
  public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");

  /**
   * A fresh workspace under target/it-work with its own SoftHSM2 token in {@code hsm/}, made by
   * the project's script; the tool runs against it in subprocesses only, so no test JVM holds
   * the token open.
   */
  public static ItWorkspace create(String name) throws Exception {
    if (!Files.isRegularFile(MODULE)) {
      throw new IllegalStateException(MODULE + " is missing; install it with: apt-get install "
          + "-y softhsm2 opensc");
    }
    Path dir = Path.of("target", "it-work", name + "-" + suffix()).toAbsolutePath();
    Files.createDirectories(dir.resolve("ceremonies"));
    Files.writeString(dir.resolve("pin"), "it-pin-" + suffix() + "\n");
    Path repo = Path.of(System.getProperty("anchorhold.repo", "..")).toAbsolutePath();
    Process script = new ProcessBuilder(repo.resolve("hsm-config/softhsm-token.sh").toString(),
        dir.resolve("hsm").toString(), TOKEN, dir.resolve("pin").toString())
        .redirectErrorStream(true).start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!script.waitFor(60, TimeUnit.SECONDS) || script.exitValue() != 0) {
      throw new IllegalStateException("softhsm-token.sh failed: " + output);
    }
    Files.writeString(dir.resolve("hsm.yaml"), "module: " + MODULE + "\ntoken-label: " + TOKEN
        + "\npin:\n  file: pin\n");
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
    builder.environment().put("SOFTHSM2_CONF", directory.resolve("hsm/softhsm2.conf")
        .toString());
    return builder.start();
  }
}
