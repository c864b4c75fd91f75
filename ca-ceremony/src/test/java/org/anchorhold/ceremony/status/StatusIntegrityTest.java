package org.anchorhold.ceremony.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.anchorhold.ceremony.cli.CeremonyCommand;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ceremony status --check} fails when a file the index records is missing or changed, or
 * when the index no longer revokes what a root's latest CRL revokes.
 */
class StatusIntegrityTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String RESTORE = "; the file or the index was changed: restore the state "
      + "from its backup";

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private IssuedRecord legacy;
  private StringWriter out;

  @BeforeEach
  void state() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    ca.crl(NOW);
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.KEY_COMPROMISE, null)),
        NOW.plusSeconds(60));
    out = new StringWriter();
  }

  private int status(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "status";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = ca.directory().toString();
    return CeremonyCommand.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter()),
        Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC)).execute(args);
  }

  private List<String> warnings() {
    return out.toString().lines().filter(l -> l.startsWith("warning: ")).toList();
  }

  private Path crl(int number) {
    return ca.directory().resolve("crls/root-test/" + number + ".crl");
  }

  @Test
  void statusCheck_untouchedState_exitsZero() {
    assertThat(status("--check")).isZero();
    assertThat(out.toString()).contains("no warnings");
  }

  @Test
  void statusCheck_crlSwappedForTheEarlierOne_exitsOneNamingIt() throws Exception {
    Files.copy(crl(1), crl(2), StandardCopyOption.REPLACE_EXISTING);

    assertThat(status("--check")).isEqualTo(1);
    assertThat(warnings()).containsExactly("warning: '" + crl(2) + "' (CRL 2 of root "
        + "'root-test') does not match its recorded SHA-256" + RESTORE);
  }

  @Test
  void statusCheck_byteAppendedToACrl_exitsOne() throws Exception {
    Files.write(crl(1), new byte[] {0}, StandardOpenOption.APPEND);

    assertThat(status("--check")).isEqualTo(1);
    assertThat(warnings()).containsExactly("warning: '" + crl(1) + "' (CRL 1 of root "
        + "'root-test') does not match its recorded SHA-256" + RESTORE);
  }

  @Test
  void statusCheck_deletedIssuedCertificate_exitsOne() throws Exception {
    Path certificate = ca.directory().resolve(legacy.certificate());
    Files.delete(certificate);

    assertThat(status("--check")).isEqualTo(1);
    assertThat(warnings()).containsExactly("warning: '" + certificate + "' (intermediate "
        + legacy.serial() + " of issuer 'onprem-legacy') is missing" + RESTORE);
  }

  @Test
  void statusCheck_revocationUndoneInTheIndex_exitsOneNamingTheSerial() throws Exception {
    TestStates.editIndex(ca.directory(), TestStates.unrevoked(legacy.serial()));

    assertThat(status("--check")).isEqualTo(1);
    assertThat(warnings()).containsExactly("warning: serial " + legacy.serial() + " is revoked "
        + "on CRL 2 of root 'root-test' ('" + crl(2) + "') but the index records it as valid: "
        + "the index or the CRL file was changed; restore the state from its backup");
  }

  @Test
  void statusWithoutCheck_reportsTheWarning_butExitsZero() throws Exception {
    Files.delete(ca.directory().resolve(legacy.certificate()));

    assertThat(status()).isZero();
    assertThat(warnings()).hasSize(1);
  }

  @Test
  void statusJson_carriesEachChangedFileAsAWarning() throws Exception {
    Files.copy(crl(1), crl(2), StandardCopyOption.REPLACE_EXISTING);
    Files.write(ca.directory().resolve("roots/root-test.pem"), new byte[] {'\n'},
        StandardOpenOption.APPEND);

    assertThat(status("--json", "--check")).isEqualTo(1);
    JsonNode warnings = new ObjectMapper().readTree(out.toString()).at("/warnings");
    assertThat(warnings.size()).isEqualTo(2);
    assertThat(warnings.get(0).asText()).isEqualTo("'" + ca.directory().resolve(
        "roots/root-test.pem") + "' (root 'root-test') does not match its recorded SHA-256"
        + RESTORE);
    assertThat(warnings.get(1).asText()).startsWith("'" + crl(2) + "' (CRL 2 of root ");
  }
}
