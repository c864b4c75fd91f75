package org.anchorhold.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.anchorhold.tests.support.Ceremony;
import org.anchorhold.tests.support.Command;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Field cases F01 and F03 through the built tool on SoftHSM2. */
class HsmFieldCasesIT {
  @TempDir
  Path directory;

  @Test
  @DisplayName("F01 the token is found by label past an empty slot and a decoy token")
  void tokenIsFoundByLabel_pastEmptySlotAndDecoy() {
    Ceremony ceremony = Ceremony.workspace(directory);
    ceremony.hsm().token("other", ceremony.pinFile());
    ceremony.rootCeremony("ceremonies/root.yaml", "root-1", "root-1", "2041-01-01T00:00:00Z");
    Command.Result result = ceremony.run("run", "--yes", "ceremonies/root.yaml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stderr()).contains("token 'anchorhold-root' found in slot");
    String slots = Command.of("pkcs11-tool", "--module", "/usr/lib/softhsm/libsofthsm2.so",
        "-L").env(ceremony.hsm().environment()).ok().stdout();
    assertThat(slots).contains("token label        : other", "token state:   uninitialized");
  }

  @Test
  @DisplayName("F01 a second key with the root key's label makes the key ambiguous")
  void secondKeyWithTheRootLabel_isRefused() {
    Ceremony ceremony = Ceremony.workspace(directory);
    ceremony.rootCeremony("ceremonies/root.yaml", "root-1", "root-1", "2041-01-01T00:00:00Z");
    assertThat(ceremony.run("run", "--yes", "ceremonies/root.yaml").exitCode()).isZero();
    ceremony.hsm().pkcs11Tool(ceremony.pinFile(), "--token-label", "anchorhold-root",
        "--login", "--pin", "env:ANCHORHOLD_TEST_PIN", "--keypairgen", "--key-type",
        "EC:secp384r1", "--label", "root-1", "--id", "0102");
    Command.Result check = ceremony.run("hsm", "check", "hsm.yaml", "--key", "root-1");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.stderr().strip()).isEqualTo("hsm check failed: 2 private keys are "
        + "labelled 'root-1' on token 'anchorhold-root'; a CA key label must be unique");
  }

  @Test
  @DisplayName("F03 a wrong PIN is tried exactly once, named incorrect, and never echoed")
  void wrongPin_isTriedExactlyOnce() throws Exception {
    Ceremony ceremony = Ceremony.workspace(directory);
    ceremony.rootCeremony("ceremonies/root.yaml", "root-1", "root-1", "2041-01-01T00:00:00Z");
    ceremony.write("hsm.yaml", "module: /usr/lib/softhsm/libsofthsm2.so\n"
        + "token-label: anchorhold-root\npin:\n  file: wrong-pin\n");
    ceremony.write("wrong-pin", "99999999\n");
    // gdb counts the calls of SoftHSM2's C_Login, whoever makes them; the JVM's own signals
    // pass through untouched.
    Path script = ceremony.write("count-logins.gdb", String.join("\n",
        "set pagination off", "set breakpoint pending on",
        "handle SIGSEGV nostop noprint pass", "handle SIGBUS nostop noprint pass",
        "handle SIGPIPE nostop noprint pass", "handle SIGUSR2 nostop noprint pass",
        "handle SIGQUIT nostop noprint pass", "break C_Login", "commands", "silent",
        "continue", "end", "run", "info breakpoints", ""));
    Command.Result result = Command.of("gdb", "-q", "-batch", "-x", script.toString(),
        "--args", javaLauncher(), "-jar",
        org.anchorhold.tests.support.Repo.file("ca-ceremony/target/ceremony.jar").toString(),
        "run", "--yes", "ceremonies/root.yaml").in(directory)
        .env(ceremony.hsm().environment()).run();
    assertThat(result.output()).contains(
        "root ceremony failed: the PIN for token 'anchorhold-root' is incorrect "
        + "(one attempt was made)", "exited with code 01");
    assertThat(result.output()).contains("breakpoint already hit 1 time")
        .doesNotContain("99999999");
    assertThat(directory.resolve("state")).doesNotExist();
  }

  private static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
