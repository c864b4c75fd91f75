package org.anchorhold.ceremony.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token, HSM profile, PIN file and CA state in one directory, and the built
 * {@code ceremony} tool run against it as a subprocess with SOFTHSM2_CONF set.
 */
public final class Workspace {
  private static final Path JAR = Path.of("target", "ceremony.jar").toAbsolutePath();

  private final Path directory;
  private final Map<String, String> environment;

  private Workspace(Path directory) {
    this.directory = directory;
    this.environment = Map.of("SOFTHSM2_CONF",
        directory.resolve("hsm/softhsm2.conf").toString());
  }

  /** A fresh token labelled anchorhold-root with a PIN file, and its HSM profile. */
  public static Workspace create(Path directory) {
    try {
      Files.createDirectories(directory.resolve("ceremonies"));
      Files.writeString(directory.resolve("pin"), "246810");
      Files.writeString(directory.resolve("hsm.yaml"), "module: /usr/lib/softhsm/libsofthsm2.so\n"
          + "token-label: anchorhold-root\npin:\n  file: pin\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Tools.require("softhsm2-util");
    Tools.require("pkcs11-tool");
    Tools.ok(directory, Map.of(), List.of("bash",
        Tools.REPO.resolve("hsm-config/softhsm-token.sh").toString(),
        directory.resolve("hsm").toString(), "anchorhold-root",
        directory.resolve("pin").toString()));
    assertThat(JAR).as("the built tool (mvn package)").exists();
    return new Workspace(directory);
  }

  public Path directory() {
    return directory;
  }

  public Path state() {
    return directory.resolve("state");
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** Runs {@code ceremony ARGS} in the workspace. */
  public Tools.Result ceremony(String... args) {
    List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return Tools.run(directory, environment, command);
  }

  /** Writes a ceremony file under ceremonies/ and runs it with --yes. */
  public Tools.Result run(String name, String yaml) {
    Path file = directory.resolve("ceremonies").resolve(name);
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ceremony("run", "--yes", file.toString());
  }

  /** A root ceremony: an ECDSA P-384 root with this name and notAfter. */
  public void root(String name, String notAfter) {
    root(name, notAfter, "");
  }

  /** A root ceremony with extra lines in its {@code root:} section. */
  public void root(String name, String notAfter, String extraRootLines) {
    Tools.Result result = run("root-" + name + ".yaml", "ceremony: root\nhsm: ../hsm.yaml\n"
        + "state: ../state\nofficers: [Alice Example, Bob Example]\n"
        + "key: {label: " + name + ", algorithm: ecdsa-p384}\n"
        + "root:\n  name: " + name + "\n"
        + "  subject: {common-name: Anchorhold IT Root " + name + ", organization: Anchorhold IT,"
        + " country: US}\n"
        + "  validity: {not-after: \"" + notAfter + "\"}\n" + extraRootLines);
    assertThat(result.exit()).as(result.output()).isZero();
  }

  /** Every file of the state with its content, to prove a refusal changed nothing. */
  public Map<String, String> snapshot() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(state())) {
      for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        if (!path.getFileName().toString().equals(".lock")) {
          files.put(state().relativize(path).toString(),
              new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
