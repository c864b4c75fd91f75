package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anchorhold.ceremony.config.RevokeCeremonyFile.Target;
import org.anchorhold.ceremony.crl.ReasonCode;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file the index records is the file it recorded, or the check says which is not. */
class RecordedFilesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path temporary;

  private SoftwareCa ca;
  private Path state;
  private IssuedRecord legacy;

  @BeforeEach
  void ceremonies() throws Exception {
    ca = SoftwareCa.create(temporary.resolve("state"), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    state = ca.directory();
    legacy = ca.intermediate("onprem-legacy", "legacy.example.org", NOW.minusSeconds(3600),
        Duration.ofDays(365));
    ca.crl(NOW);
    ca.revoke(List.of(new Target("onprem-legacy", null, ReasonCode.KEY_COMPROMISE, null)),
        NOW.plusSeconds(60));
  }

  private List<RecordedFiles.Problem> problems() throws Exception {
    return RecordedFiles.check(state, ca.state());
  }

  @Test
  void untouchedState_hasNoProblems() throws Exception {
    assertThat(problems()).isEmpty();
    assertThat(RecordedFiles.warnings(state, ca.state())).isEmpty();
  }

  @Test
  void crlSwappedForTheEarlierOne_doesNotMatchItsRecordedSha256() throws Exception {
    Files.copy(state.resolve("crls/root-test/1.crl"), state.resolve("crls/root-test/2.crl"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(problems()).containsExactly(new RecordedFiles.Problem(
        state.resolve("crls/root-test/2.crl"), "CRL 2 of root 'root-test'",
        "does not match its recorded SHA-256"));
  }

  @Test
  void openedState_warnsTheCeremonyOfAChangedRecordedFile() throws Exception {
    try (StateDirectory opened = StateDirectory.open(state)) {
      assertThat(opened.warnings()).isEmpty();
    }
    Files.write(state.resolve(legacy.certificate()), new byte[] {'\n'},
        StandardOpenOption.APPEND);

    try (StateDirectory opened = StateDirectory.open(state)) {
      assertThat(opened.warnings()).containsExactly("'" + state.resolve(legacy.certificate())
          + "' (intermediate " + legacy.serial() + " of issuer 'onprem-legacy') does not match "
          + "its recorded SHA-256; the file or the index was changed: restore the state from its "
          + "backup");
    }
  }

  @Test
  void byteAppendedToACertificatePem_doesNotMatchItsRecordedSha256() throws Exception {
    Files.write(state.resolve(legacy.certificate()), new byte[] {'\n'},
        StandardOpenOption.APPEND);
    Files.write(state.resolve("roots/root-test.pem"), new byte[] {'x'},
        StandardOpenOption.APPEND);

    assertThat(problems()).extracting(RecordedFiles.Problem::describe).containsExactly(
        "'" + state.resolve("roots/root-test.pem") + "' (root 'root-test') does not match its "
            + "recorded SHA-256",
        "'" + state.resolve(legacy.certificate()) + "' (intermediate " + legacy.serial()
            + " of issuer 'onprem-legacy') does not match its recorded SHA-256");
  }

  @Test
  void deletedIssuedCertificate_isMissing() throws Exception {
    Files.delete(state.resolve(legacy.certificate()));

    assertThat(RecordedFiles.warnings(state, ca.state())).containsExactly("'"
        + state.resolve(legacy.certificate()) + "' (intermediate " + legacy.serial()
        + " of issuer 'onprem-legacy') is missing; the file or the index was changed: restore "
        + "the state from its backup");
  }

  @Test
  void crlDirectoryReplacedByASymbolicLink_isRefusedEvenWithTheSameFiles() throws Exception {
    Path moved = temporary.resolve("elsewhere");
    Files.move(state.resolve("crls/root-test"), moved);
    Files.createSymbolicLink(state.resolve("crls/root-test"), moved);

    assertThat(problems()).extracting(RecordedFiles.Problem::problem).containsExactly(
        "is reached through the symbolic link '" + state.resolve("crls/root-test")
            + "'; the state never reads through one",
        "is reached through the symbolic link '" + state.resolve("crls/root-test")
            + "'; the state never reads through one");
  }

  @Test
  void recordedPathOutsideTheState_isRefused() throws Exception {
    Files.copy(state.resolve("crls/root-test/2.crl"), temporary.resolve("2.crl"));
    TestStates.editIndex(state, s -> {
      CrlRecord c = s.latestCrl(SoftwareCa.ROOT).orElseThrow();
      List<CrlRecord> crls = new java.util.ArrayList<>(s.crls());
      crls.set(crls.size() - 1, new CrlRecord(c.root(), c.number(), c.thisUpdate(),
          c.nextUpdate(), "../2.crl", c.sha256(), c.renewalMarginDays()));
      return new State(s.format(), s.roots(), s.issued(), crls, s.publicationSequence(),
          s.audit());
    });

    assertThat(problems()).containsExactly(new RecordedFiles.Problem(
        temporary.resolve("2.crl"), "CRL 2 of root 'root-test'", "is outside the state"));
  }

  @Test
  void manyProblems_theFirstFiveAreNamed_theRestCounted() throws Exception {
    for (int i = 0; i < 6; i++) {
      ca.intermediate("issuer-" + i, "td" + i + ".example.org", NOW, Duration.ofDays(30));
    }
    for (IssuedRecord issued : ca.state().issued()) {
      Files.delete(state.resolve(issued.certificate()));
    }

    List<String> warnings = RecordedFiles.warnings(state, ca.state());

    assertThat(warnings).hasSize(6);
    assertThat(warnings.subList(0, 5)).allMatch(w -> w.contains(") is missing; "));
    assertThat(warnings.get(5)).isEqualTo("2 more file(s) the index of state '" + state
        + "' records are missing or changed; restore the state from its backup");
  }

  @Test
  void pemWithTextAroundIt_isNotTheRecordedFile() throws Exception {
    byte[] pem = Files.readAllBytes(state.resolve("roots/root-test.pem"));
    byte[] der = RecordedFiles.certificatePem(pem);

    assertThat(der).isNotNull();
    assertThat(RecordedFiles.certificatePem(("note\n" + new String(pem,
        java.nio.charset.StandardCharsets.US_ASCII)).getBytes())).isNull();
    assertThat(RecordedFiles.certificatePem(new String(pem,
        java.nio.charset.StandardCharsets.US_ASCII).replace("\n", "\r\n").getBytes())).isNull();
  }
}
