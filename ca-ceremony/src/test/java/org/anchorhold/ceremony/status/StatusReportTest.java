package org.anchorhold.ceremony.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.cli.CeremonyCommand;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status report and its warnings, and {@code ceremony status --check} exit codes. */
class StatusReportTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  private SoftwareCa ca;
  private IssuedRecord legacy;

  @BeforeEach
  void state() throws Exception {
    ca = SoftwareCa.create(directory.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    ca.intermediate("aws-east", "aws.example.org", NOW.minusSeconds(3600), Duration.ofDays(365));
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
  }

  private StatusReport report(Instant at) throws Exception {
    return StatusReport.of(ca.state(), at, StatusReport.Thresholds.defaults());
  }

  @Test
  void rootWithoutCrl_isAWarning() throws Exception {
    assertThat(report(NOW).warnings()).containsExactly("root 'root-test' has no CRL; relying "
        + "parties that check revocation reject its chains: run a crl ceremony");
  }

  @Test
  void freshCrl_showsNumberWindowAndDueDate_withoutWarnings() throws Exception {
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.CESSATION_OF_OPERATION,
        null)), NOW);

    StatusReport report = report(NOW.plus(Duration.ofDays(1)));

    assertThat(report.warnings()).isEmpty();
    StatusReport.CrlStatus crl = report.roots().get(0).crl();
    assertThat(crl.number()).isEqualTo(java.math.BigInteger.ONE);
    assertThat(crl.thisUpdate()).isEqualTo(NOW);
    assertThat(crl.nextUpdate()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    assertThat(crl.nextCeremonyDue()).isEqualTo(Instant.parse("2027-01-30T00:00:00Z"));
    assertThat(crl.state()).isEqualTo("current");
    assertThat(report.intermediates()).extracting(StatusReport.IntermediateStatus::status)
        .containsExactly("valid", "revoked");
    assertThat(report.lines()).contains("  next crl ceremony due by 2027-01-30T00:00:00Z",
        "  crl   number 1, thisUpdate 2026-12-01T00:00:00Z, nextUpdate 2027-03-01T00:00:00Z "
        + "(current)");
  }

  @Test
  void crlInsideItsRenewalMargin_isAWarning() throws Exception {
    ca.crl(NOW);

    StatusReport report = report(Instant.parse("2027-02-01T00:00:00Z"));

    assertThat(report.roots().get(0).crl().state()).isEqualTo("renewal due");
    assertThat(report.warnings()).containsExactly("root 'root-test' CRL 1 is inside its renewal "
        + "margin: the next crl ceremony was due by 2027-01-30T00:00:00Z, nextUpdate is "
        + "2027-03-01T00:00:00Z");
  }

  @Test
  void expiredCrl_isAWarningWithTheExactNextUpdate() throws Exception {
    ca.crl(NOW);

    StatusReport report = report(Instant.parse("2027-03-01T00:00:00Z"));

    assertThat(report.roots().get(0).crl().state()).isEqualTo("expired");
    assertThat(report.warnings()).containsExactly("root 'root-test' CRL 1 expired at nextUpdate "
        + "2027-03-01T00:00:00Z; relying parties reject its chains: run a crl ceremony now");
  }

  @Test
  void intermediateNearItsEnd_andRootNearItsEnd_areWarnings() throws Exception {
    Instant late = NOW.plus(Duration.ofDays(350));
    StatusReport report = StatusReport.of(ca.state(), late, new StatusReport.Thresholds(
        Duration.ofDays(30), Duration.ofDays(5000)));

    assertThat(report.warnings()).contains(
        "intermediate of issuer 'onprem-legacy' (serial " + legacy.serial() + ") expires at "
            + legacy.notAfter() + ", in 14 days; issue its successor",
        "root 'root-test' expires at 2040-01-01T00:00:00Z, in 4429 days; rotate to a new root");
  }

  @Test
  void revokedIntermediateNearItsEnd_isNotAWarning() throws Exception {
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.SUPERSEDED, null)), NOW);
    ca.crl(NOW.plus(Duration.ofDays(340)));

    assertThat(report(NOW.plus(Duration.ofDays(350))).warnings())
        .noneMatch(w -> w.contains("onprem-legacy"));
  }

  @Test
  void statusCheck_exitsOneOnAWarning_andZeroWithout() throws Exception {
    assertThat(run(NOW, "status", "--check", ca.directory().toString())).isEqualTo(1);
    ca.crl(NOW);
    assertThat(run(NOW.plusSeconds(60), "status", "--check", ca.directory().toString()))
        .isEqualTo(0);
    assertThat(run(NOW.plus(Duration.ofDays(70)), "status", "--check",
        ca.directory().toString())).isEqualTo(1);
    assertThat(run(NOW.plus(Duration.ofDays(70)), "status", ca.directory().toString()))
        .isEqualTo(0);
  }

  @Test
  void statusCheck_failsOnAnAuditEntryTheIndexDoesNotRecord() throws Exception {
    ca.crl(NOW);
    TestStates.appendUnrecorded(ca.directory(), new AuditEntry(NOW, "crl ceremony",
        List.of("Alice"), Map.of(), Map.of(), Map.of()));
    StringWriter out = new StringWriter();

    int code = CeremonyCommand.commandLine(new PrintWriter(out), new PrintWriter(
        new StringWriter()), Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
        .execute("status", "--check", ca.directory().toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines().filter(l -> l.startsWith("warning: "))).containsExactly(
        "warning: audit log '" + ca.directory().resolve("audit.log") + "' has entries the "
            + "index does not record: 5 (crl ceremony at 2026-12-01T00:00:00Z); each is a "
            + "ceremony that stopped before its commit completed, and nothing it made was "
            + "recorded; note them in the ceremony record");
  }

  @Test
  void statusJson_holdsTheDueDateForMachines() throws Exception {
    ca.crl(NOW);
    StringWriter out = new StringWriter();
    CeremonyCommand.commandLine(new PrintWriter(out), new PrintWriter(new StringWriter()),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute("status", "--json", ca.directory().toString());

    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    assertThat(json.at("/roots/0/crl/next-ceremony-due").asText())
        .isEqualTo("2027-01-30T00:00:00Z");
    assertThat(json.at("/roots/0/crl/number").asInt()).isEqualTo(1);
    assertThat(json.at("/warnings").size()).isZero();
  }

  @Test
  void statusOfAMissingState_failsWithOneLine() {
    StringWriter err = new StringWriter();
    int code = CeremonyCommand.commandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(err), Clock.fixed(NOW, ZoneOffset.UTC))
        .execute("status", directory.resolve("absent").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("status failed: '" + directory.resolve("absent")
        + "' is not a CA state directory (no state.json)" + System.lineSeparator());
  }

  private static int run(Instant at, String... args) {
    return CeremonyCommand.commandLine(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), Clock.fixed(at, ZoneOffset.UTC)).execute(args);
  }
}
