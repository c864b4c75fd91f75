package org.anchorhold.ceremony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code and first words of {@code run} and {@code validate} say whose fault a refusal
 * is: 2 and {@code invalid ceremony file} for the file or what it names, 1 and
 * {@code <type> ceremony failed} for the state directory, which no edit of the file would fix.
 */
class RunExitCodesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final String PIN = "52841739";
  private static final String HEAD = "hsm: hsm.yaml\nstate: state\nofficers: [Alice, Bob]\n";
  private static final String CRL = "ceremony: crl\n" + HEAD + "crl: {root: root-test}\n";
  private static final String PUBLISH = "ceremony: publish\n" + HEAD
      + "publication: {directory: publications}\n";

  @TempDir
  Path directory;

  private Path state;
  private Path pin;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void stateAndProfile() throws Exception {
    state = directory.resolve("state");
    SoftwareCa ca = SoftwareCa.create(state, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    ca.intermediate("aws-east", "aws.example.org", NOW.minusSeconds(3600), Duration.ofDays(90));
    Files.writeString(directory.resolve("hsm.yaml"),
        "module: /usr/lib/softhsm/libsofthsm2.so\ntoken-label: root\npin:\n  file: pin\n");
    pin = directory.resolve("pin");
    Files.writeString(pin, PIN + "\n");
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
  }

  private int ceremony(String command, String yaml) throws Exception {
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, yaml);
    return CeremonyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute(command, "--yes", file.toString());
  }

  private int validate(String yaml) throws Exception {
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, yaml);
    return CeremonyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute("validate", file.toString());
  }

  private String errLine() {
    return err.toString().strip();
  }

  @Test
  void run_withATamperedAuditLog_failsWithExitOneNotAsAnInvalidFile() throws Exception {
    Path log = state.resolve(AuditLog.FILE);
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    lines.set(0, lines.get(0).replace("test root", "test r00t"));
    Files.write(log, lines, StandardCharsets.UTF_8);

    assertThat(ceremony("run", CRL)).isEqualTo(1);
    assertThat(errLine()).isEqualTo("crl ceremony failed: audit log '" + log
        + "' chain is broken at line 2");
  }

  @Test
  void run_onAStateOfAnotherFormat_failsWithExitOne() throws Exception {
    Path index = state.resolve(StateDirectory.INDEX);
    Files.writeString(index, Files.readString(index).replaceFirst("\"format\" ?: ?2",
        "\"format\":3"));

    assertThat(ceremony("run", "ceremony: revoke\n" + HEAD
        + "revoke: [{issuer: aws-east, reason: superseded}]\n")).isEqualTo(1);
    assertThat(errLine()).isEqualTo("revoke ceremony failed: state '" + state
        + "' has format 3; this version reads formats 1 and 2");
  }

  @Test
  void run_withoutTheStateDirectory_failsWithExitOne() throws Exception {
    Path absent = directory.resolve("absent");

    assertThat(ceremony("run", CRL.replace("state: state", "state: absent"))).isEqualTo(1);
    assertThat(errLine()).isEqualTo("crl ceremony failed: '" + absent
        + "' is not a CA state directory (no state.json)");
  }

  @Test
  void publishRun_withoutTheStateDirectory_failsWithExitOne() throws Exception {
    Files.createDirectory(directory.resolve("publications"));

    assertThat(ceremony("run", PUBLISH.replace("state: state", "state: absent")))
        .isEqualTo(1);
    assertThat(errLine()).isEqualTo("publish ceremony failed: state '"
        + directory.resolve("absent") + "' is not a directory; a root ceremony creates it");
  }

  @Test
  void validate_onATamperedAuditLog_failsWithExitOne() throws Exception {
    Path log = state.resolve(AuditLog.FILE);
    Files.writeString(log, Files.readString(log).replaceFirst("test root", "test r00t"));

    assertThat(validate(CRL)).isEqualTo(1);
    assertThat(errLine()).isEqualTo("crl ceremony failed: audit log '" + log
        + "' chain is broken at line 2");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void run_withAnInvalidCeremonyFile_exitsTwo() throws Exception {
    Path file = directory.resolve("ceremony.yaml");

    assertThat(ceremony("run", CRL.replace("{root: root-test}",
        "{root: root-test, validity-days: 400}"))).isEqualTo(2);
    assertThat(errLine()).isEqualTo("invalid ceremony file: '" + file + "': crl.validity-days "
        + "must be 1 to 365 (Baseline Requirements §4.9.7)");
  }

  @Test
  void run_withATwoLinePinFile_isRefusedBeforeTheHsmWithExitTwo() throws Exception {
    Files.writeString(pin, PIN + "\n" + PIN + "\n");

    assertThat(ceremony("run", CRL)).isEqualTo(2);
    assertThat(errLine()).isEqualTo("invalid ceremony file: hsm profile '"
        + directory.resolve("hsm.yaml") + "': pin.file '" + pin + "' has more than one line; "
        + "it must hold only the PIN, on one line");
    assertThat(out.toString() + err).doesNotContain(PIN);
  }

  @Test
  void validate_withAPinFileOthersCanRead_warnsRecommendingChmod600() throws Exception {
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(validate(CRL)).isZero();
    assertThat(out.toString()).contains("warning: pin.file '" + pin + "' can be read or "
        + "changed by group or others (rw-r--r--); chmod 600 '" + pin + "' is recommended, "
        + "and pin: {console: true} for a real ceremony" + System.lineSeparator());
  }

  @Test
  void run_withAPinFileOthersCanRead_warnsInTheTranscript() throws Exception {
    Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectory(directory.resolve("publications"));
    Path notAState = Files.createDirectory(directory.resolve("not-a-state"));

    // The run stops when it opens the state, after the plan and its warnings, before the HSM.
    assertThat(ceremony("run", PUBLISH.replace("state: state", "state: not-a-state")))
        .isEqualTo(1);
    assertThat(err.toString()).contains(System.lineSeparator() + "warning: pin.file '" + pin
        + "' can be read or changed by group or others (rw-r--r--)");
    assertThat(errLine()).endsWith("publish ceremony failed: '" + notAState
        + "' is not a CA state directory (no state.json)");
  }

  @Test
  void validate_withAPinFileForItsOwnerAlone_hasNoPinWarning() throws Exception {
    assertThat(validate(CRL)).isZero();
    assertThat(out.toString()).doesNotContain("pin.file");
  }

  @Test
  void run_withATranscriptFile_copiesEverythingTheTerminalShowsIntoIt() throws Exception {
    Path transcript = directory.resolve("crl-transcript.txt");
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, CRL);

    int code = CeremonyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute("run", "--yes", "--transcript",
        transcript.toString(), file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(Files.readString(transcript)).isEqualTo(err.toString())
        .contains("plan  ceremony:     crl", "confirmed (--yes): Sign CRL 1 of root 'root-test'")
        .containsPattern("crl ceremony failed: .*\\R$");
  }

  @Test
  void run_withATranscriptFileThatExists_isRefusedBeforeAnythingAndLeavesItAsItWas()
      throws Exception {
    Path transcript = Files.writeString(directory.resolve("crl-transcript.txt"), "paper\n");
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, CRL);
    String index = Files.readString(state.resolve(StateDirectory.INDEX));

    int code = CeremonyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute("run", "--yes", "--transcript",
        transcript.toString(), file.toString());

    assertThat(code).isEqualTo(2);
    assertThat(errLine()).isEqualTo("invalid command line: cannot create the transcript '"
        + transcript + "': already exists");
    assertThat(Files.readString(transcript)).isEqualTo("paper\n");
    assertThat(Files.readString(state.resolve(StateDirectory.INDEX))).isEqualTo(index);
  }

  private int runWithTranscript(String transcript, Path file) {
    return CeremonyCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true),
        Clock.fixed(NOW, ZoneOffset.UTC)).execute("run", "--yes", "--transcript", transcript,
        file.toString());
  }

  @Test
  void run_withATranscriptInsideTheState_isRefusedAndWritesNothing() throws Exception {
    Path file = Files.writeString(directory.resolve("ceremony.yaml"), CRL);
    Path inside = state.resolve("crls/root-test/1.crl");
    Path through = Files.createSymbolicLink(directory.resolve("link"), state);

    assertThat(runWithTranscript(inside.toString(), file)).isEqualTo(2);
    assertThat(runWithTranscript(through.resolve("notes.txt").toString(), file)).isEqualTo(2);

    assertThat(err.toString().lines()).containsExactly(
        "invalid command line: the transcript '" + inside + "' would be inside '" + state
            + "', which the ceremony writes; keep it outside the state and the publications",
        "invalid command line: the transcript '" + through.resolve("notes.txt") + "' would be "
            + "inside '" + state + "', which the ceremony writes; keep it outside the state and "
            + "the publications");
    assertThat(inside).doesNotExist();
    assertThat(state.resolve("notes.txt")).doesNotExist();
  }

  @Test
  void run_withAnEmptyTranscriptName_isRefusedInOneLine() throws Exception {
    Path file = Files.writeString(directory.resolve("ceremony.yaml"), CRL);

    assertThat(runWithTranscript("", file)).isEqualTo(2);
    assertThat(errLine()).isEqualTo("invalid command line: --transcript needs a file name");
  }

  @Test
  void run_ofAFileWhoseNameHoldsALineBreak_showsItByCodePointInTheTranscript()
      throws Exception {
    Path file = Files.writeString(directory.resolve("crl\n2026-12-01T00:00:00Z  forged.yaml"),
        CRL);
    Path transcript = directory.resolve("t.txt");

    runWithTranscript(transcript.toString(), file);

    assertThat(Files.readString(transcript).lines().findFirst()).contains(
        "2026-12-01T00:00:00Z  crl ceremony '" + directory + "/crl<U+000A>2026-12-01T00:00:00Z  "
            + "forged.yaml'");
    assertThat(Files.readString(transcript)).doesNotContain("\n2026-12-01T00:00:00Z  forged");
  }
}
