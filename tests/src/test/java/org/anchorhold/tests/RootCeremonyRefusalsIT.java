package org.anchorhold.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anchorhold.tests.support.Ceremony;
import org.anchorhold.tests.support.Command;
import org.anchorhold.tests.support.Snapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the root ceremony through the built tool: one line naming the cause, exit 2
 * for a bad file and 1 for a failed ceremony, and nothing written anywhere.
 */
class RootCeremonyRefusalsIT {
  @TempDir
  Path directory;

  private Ceremony ceremony;

  @BeforeEach
  void workspace() {
    ceremony = Ceremony.workspace(directory);
    ceremony.rootCeremony("ceremonies/root.yaml", "root-1", "root-1", "2041-01-01T00:00:00Z");
  }

  private Command.Result refused(int exitCode, String... arguments) {
    Map<String, String> before = Snapshot.of(directory, "hsm");
    String objects = ceremony.tokenObjects();
    Command.Result result = ceremony.run(arguments);
    assertThat(result.exitCode()).as(result.output()).isEqualTo(exitCode);
    assertThat(Snapshot.of(directory, "hsm")).as("files after a refused ceremony")
        .isEqualTo(before);
    assertThat(ceremony.tokenObjects()).as("token objects after a refused ceremony")
        .isEqualTo(objects);
    assertThat(directory.resolve("state")).doesNotExist();
    assertThat(result.output()).doesNotContain(Ceremony.PIN).doesNotContain("Exception");
    return result;
  }

  @Test
  void wrongPin_isTriedOnceNamedIncorrectAndNeverEchoed() throws Exception {
    Files.writeString(ceremony.pinFile(), "27182818\n");
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains(
        "root ceremony failed: the PIN for token 'anchorhold-root' is incorrect");
    assertThat(result.output()).doesNotContain("27182818");
  }

  @Test
  void unreadablePinFile_isRefused() throws Exception {
    Files.delete(ceremony.pinFile());
    Files.createDirectory(ceremony.pinFile());
    Command.Result result = refused(2, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("pin.file '" + ceremony.pinFile() + "' is not a file");
  }

  @Test
  @DisplayName("F02 a wrong module path fails with the cause, never falling back to software")
  void wrongModulePath_failsWithoutSoftwareFallback() {
    ceremony.write("hsm.yaml", "module: /usr/lib/nonexistent/libpkcs11.so\n"
        + "token-label: anchorhold-root\npin:\n  file: pin\n");
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("root ceremony failed: PKCS#11 module "
        + "'/usr/lib/nonexistent/libpkcs11.so' is not an existing file");
  }

  @Test
  void moduleThatIsNotPkcs11_isRefusedWithTheLoaderCause() {
    ceremony.write("hsm.yaml", "module: /usr/lib/x86_64-linux-gnu/libz.so.1\n"
        + "token-label: anchorhold-root\npin:\n  file: pin\n");
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("root ceremony failed:", "libz.so.1");
  }

  @Test
  @DisplayName("F02 a missing token fails listing the tokens present")
  void tokenLabelMatchingNoToken_isRefusedListingTheTokensPresent() {
    ceremony.write("hsm.yaml", "module: /usr/lib/softhsm/libsofthsm2.so\n"
        + "token-label: no-such-token\npin:\n  file: pin\n");
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("no token labelled 'no-such-token'",
        "(tokens present: 'anchorhold-root')");
  }

  @Test
  @DisplayName("F01 a token label matching two tokens is refused")
  void tokenLabelMatchingTwoTokens_isRefused() {
    ceremony.hsm().duplicateToken("anchorhold-root", ceremony.pinFile());
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("2 tokens are labelled 'anchorhold-root'",
        "token labels must be unique");
  }

  @Test
  @DisplayName("F02 a removed token directory fails with the PKCS#11 cause")
  void removedTokenDirectory_isRefusedWithThePkcs11Cause() throws Exception {
    Command.of("rm", "-rf", ceremony.hsm().tokens().toString()).ok();
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("root ceremony failed:").contains("CKR_");
  }

  @Test
  void keyLabelAlreadyOnTheToken_isRefusedBeforeGeneration() {
    ceremony.hsm().pkcs11Tool(ceremony.pinFile(), "--token-label", "anchorhold-root",
        "--login", "--pin", "env:ANCHORHOLD_TEST_PIN", "--keypairgen", "--key-type",
        "EC:secp256r1", "--label", "root-1", "--id", "42");
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains(
        "key label 'root-1' is already used by 2 object(s) on token 'anchorhold-root'");
  }

  @Test
  void keyIdAlreadyOnTheToken_isRefusedBeforeGeneration() {
    ceremony.hsm().pkcs11Tool(ceremony.pinFile(), "--token-label", "anchorhold-root",
        "--login", "--pin", "env:ANCHORHOLD_TEST_PIN", "--keypairgen", "--key-type",
        "EC:secp256r1", "--label", "other", "--id", "42");
    ceremony.write("ceremonies/root.yaml", Ceremony.rootYaml("root-1", "root-1",
        "2041-01-01T00:00:00Z").replace("algorithm: ecdsa-p384", "algorithm: ecdsa-p384\n"
        + "  id: \"42\""));
    Command.Result result = refused(1, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("key ID 42 is already used on token");
  }

  @Test
  void existingRootInTheState_isNeverOverwritten() throws Exception {
    assertThat(ceremony.run("run", "--yes", "ceremonies/root.yaml").exitCode()).isZero();
    ceremony.rootCeremony("ceremonies/again.yaml", "root-1-again", "root-1",
        "2041-01-01T00:00:00Z");
    Map<String, String> before = Snapshot.of(directory.resolve("state"), "");
    Command.Result result = ceremony.run("run", "--yes", "ceremonies/again.yaml");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("root ceremony failed: root 'root-1' already exists");
    assertThat(Snapshot.of(directory.resolve("state"), "")).isEqualTo(before);
  }

  @Test
  void stateDirectoryThatIsNotAState_isRefused() throws Exception {
    Files.createDirectories(directory.resolve("state"));
    Files.writeString(directory.resolve("state/notes.txt"), "not a state");
    Command.Result result = ceremony.run("run", "--yes", "ceremonies/root.yaml");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("is not a CA state directory");
    assertThat(directory.resolve("state/state.json")).doesNotExist();
  }

  @Test
  void invalidCeremonyFile_exitsTwoNamingTheKey() {
    ceremony.write("ceremonies/root.yaml", Ceremony.rootYaml("root-1", "root-1",
        "2041-01-01T00:00:00Z").replace("algorithm: ecdsa-p384", "algorithm: ecdsa-p521"));
    Command.Result result = refused(2, "run", "--yes", "ceremonies/root.yaml");
    assertThat(result.stderr().strip()).isEqualTo("invalid ceremony file: "
        + "'ceremonies/root.yaml': key.algorithm must be one of ecdsa-p256, ecdsa-p384, "
        + "rsa-3072, rsa-4096");
  }

  @Test
  void withoutYesAndWithoutConsole_nothingHappens() {
    Command.Result result = refused(1, "run", "ceremonies/root.yaml");
    assertThat(result.stderr()).contains("no confirmation could be read");
  }

  @Test
  void witnessesAnsweringNo_stopTheCeremony() {
    String objects = ceremony.tokenObjects();
    Command.Result result = ceremony.command(Map.of(), "run", "ceremonies/root.yaml")
        .stdin("no\n").run();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("the witnesses did not confirm");
    assertThat(directory.resolve("state")).doesNotExist();
    assertThat(ceremony.tokenObjects()).isEqualTo(objects);
  }

  @Test
  void witnessesAnsweringNoAfterKeyGeneration_leaveTheTokenAsItWas() {
    String objects = ceremony.tokenObjects();
    Command.Result result = ceremony.command(Map.of(), "run", "ceremonies/root.yaml")
        .stdin("yes\nno\n").run();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("the witnesses did not confirm: Store root")
        .contains("destroyed key 'root-1'").contains("destroyed key 'root-1-publication'");
    assertThat(directory.resolve("state")).doesNotExist();
    assertThat(ceremony.tokenObjects()).as("token objects after the refused storing")
        .isEqualTo(objects);
  }

  @Test
  void signalAtTheSecondWitnessPrompt_destroysTheGeneratedKeys_andTheTranscriptSaysSo()
      throws Exception {
    String objects = ceremony.tokenObjects();
    Path transcript = directory.resolve("root-transcript.txt");
    Process process = ceremony.command(Map.of(), "run", "--transcript", transcript.toString(),
        "ceremonies/root.yaml").start(directory.resolve("out.txt"), directory.resolve("err.txt"));
    try {
      process.getOutputStream().write("yes\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(Files.exists(transcript) && Files.readString(transcript).contains("Store root"))) {
        assertThat(process.isAlive()).as("the ceremony reaches its second prompt").isTrue();
        assertThat(System.nanoTime()).as("time to reach the second prompt").isLessThan(deadline);
        Thread.sleep(100);
      }

      // SIGTERM alone: Process.destroy would also close the ceremony's standard input, and the
      // witness prompt would then end on end of input, racing the signal.
      process.toHandle().destroy();

      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the ceremony stops").isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(ceremony.tokenObjects()).as("token objects after the signal").isEqualTo(objects);
    assertThat(directory.resolve("state")).doesNotExist();
    assertThat(Files.readString(transcript))
        .contains("interrupted: a signal stopped the ceremony at this point",
            "destroyed key 'root-1'", "destroyed key 'root-1-publication'")
        .doesNotContain(Ceremony.PIN);
  }
}
