package org.anchorhold.tests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workspace for the built {@code ceremony} tool: a SoftHSM2 token, a PIN file, an HSM profile,
 * and a way to run the tool as an officer would, in its own JVM.
 */
public final class Ceremony {
  /** The PIN of every test token; only ever in a file or the environment. */
  public static final String PIN = "31415926";

  private final Path workspace;
  private final SoftHsm hsm;

  private Ceremony(Path workspace, SoftHsm hsm) {
    this.workspace = workspace;
    this.hsm = hsm;
  }

  /** A workspace with one token labelled {@code anchorhold-root} and its profile. */
  public static Ceremony workspace(Path directory) {
    try {
      Path pin = directory.resolve("pin");
      Files.writeString(pin, PIN + "\n");
      Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
      SoftHsm hsm = SoftHsm.in(directory).token("anchorhold-root", pin);
      Files.createDirectories(directory.resolve("ceremonies"));
      Files.writeString(directory.resolve("hsm.yaml"), "module: " + SoftHsm.MODULE + "\n"
          + "token-label: anchorhold-root\npin:\n  file: pin\n");
      return new Ceremony(directory, hsm);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dir() {
    return workspace;
  }

  public SoftHsm hsm() {
    return hsm;
  }

  public Path pinFile() {
    return workspace.resolve("pin");
  }

  /** Writes a file into the workspace and returns its path. */
  public Path write(String relative, String content) {
    try {
      Path file = workspace.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The token's objects as pkcs11-tool lists them after logging in with the test PIN, or a
   * marker when the token cannot be listed (a test may have broken it on purpose).
   */
  public String tokenObjects() {
    Command.Result result = Command.of("pkcs11-tool", "--module", SoftHsm.MODULE,
        "--token-label", "anchorhold-root", "--login", "--pin", "env:ANCHORHOLD_TEST_PIN",
        "--list-objects").env(hsm.environment()).env("ANCHORHOLD_TEST_PIN", PIN).run();
    return result.exitCode() == 0 ? result.stdout() : "(token cannot be listed)";
  }

  /** Runs {@code ceremony ARGS} from the workspace with the token's environment. */
  public Command.Result run(String... arguments) {
    return command(Map.of(), arguments).run();
  }

  /** The command, for extra environment or input. */
  public Command command(Map<String, String> extraEnvironment, String... arguments) {
    List<String> argv = new ArrayList<>(List.of(javaLauncher(), "-jar",
        Repo.file("ca-ceremony/target/ceremony.jar").toString()));
    argv.addAll(List.of(arguments));
    return Command.of(argv.toArray(String[]::new)).in(workspace).env(hsm.environment())
        .env(extraEnvironment);
  }

  /** Writes a root ceremony file with the given key label, root name and end of validity. */
  public Path rootCeremony(String file, String keyLabel, String rootName, String notAfter) {
    return write(file, rootYaml(keyLabel, rootName, notAfter));
  }

  /** A root ceremony file's text. */
  public static String rootYaml(String keyLabel, String rootName, String notAfter) {
    return """
        ceremony: root
        hsm: ../hsm.yaml
        state: ../state
        officers: [Alice Example (security officer), Bob Example (witness)]
        key:
          label: %s
          algorithm: ecdsa-p384
        root:
          name: %s
          subject:
            common-name: Test Root %s
            organization: Anchorhold Tests
            country: US
          validity:
            not-after: "%s"
        """.formatted(keyLabel, rootName, rootName, notAfter);
  }

  private static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
