package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.anchorhold.ceremony.audit.AuditEntry;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's head in the index: what open and snapshot accept, refuse and report. */
class AuditAnchorTest {
  private static final AuditEntry CUT_SHORT = new AuditEntry(
      Instant.parse("2026-12-01T00:00:00Z"), "crl ceremony", List.of("Alice"), Map.of(),
      Map.of(), Map.of());

  @TempDir
  Path temporary;
  Path directory;
  Path log;

  @BeforeEach
  void stateWithThreeCommittedEntries() throws Exception {
    directory = temporary.resolve("state");
    log = directory.resolve(AuditLog.FILE);
    StateDirectory.create(directory, Map.of("roots/root.pem", bytes("root")), State.empty(),
        TestStates.entry("test root"));
    commit("crls/1.crl", "crl 1");
    commit("crls/2.crl", "crl 2");
  }

  private void commit(String file, String event) throws StateException {
    try (StateDirectory state = StateDirectory.open(directory)) {
      state.commit(Map.of(file, bytes(event)), state.state(), TestStates.entry(event));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private void assertRefusedByOpenAndSnapshot(String message) {
    assertThatThrownBy(() -> StateDirectory.open(directory).close())
        .isInstanceOf(StateException.class).hasMessage(message);
    assertThatThrownBy(() -> StateDirectory.snapshot(directory))
        .isInstanceOf(StateException.class).hasMessage(message);
  }

  private void editIndex(Consumer<ObjectNode> edit) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path index = directory.resolve(StateDirectory.INDEX);
    ObjectNode state = (ObjectNode) json.readTree(index.toFile());
    edit.accept(state);
    json.writeValue(index.toFile(), state);
  }

  @Test
  void committedEntries_openAndSnapshot_theIndexRecordingTheLastOne() throws Exception {
    List<String> lines = AuditLog.verify(log);
    AuditHead head = new AuditHead(3, AuditLog.hash(lines.get(2)));

    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThat(state.state().audit()).isEqualTo(head);
    }
    assertThat(StateDirectory.snapshot(directory).audit()).isEqualTo(head);
    JsonNode index = new ObjectMapper().readTree(directory.resolve("state.json").toFile());
    assertThat(index.get("format").asInt()).isEqualTo(2);
    assertThat(index.at("/audit/seq").asLong()).isEqualTo(3);
    assertThat(index.at("/audit/sha256").asText()).isEqualTo(head.sha256());
    assertThat(AuditAnchor.warning(directory, StateDirectory.read(directory))).isEmpty();
  }

  @Test
  void lastEntryChanged_isRefusedByOpenAndSnapshot() throws Exception {
    List<String> lines = new ArrayList<>(AuditLog.verify(log));
    lines.set(2, lines.get(2).replace("\"crl 2\"", "\"crl 3\""));
    Files.write(log, AuditLog.encode(lines));

    assertRefusedByOpenAndSnapshot("audit log '" + log + "' entry 3 does not match the hash "
        + "the index records: the entry was changed");
  }

  @Test
  void lastEntryRemoved_isRefusedAsATruncatedLog() throws Exception {
    Files.write(log, AuditLog.encode(AuditLog.verify(log).subList(0, 2)));

    assertRefusedByOpenAndSnapshot("audit log '" + log + "' ends at entry 2 but the index "
        + "records entry 3: the log was truncated");
  }

  @Test
  void missingLog_isRefusedAsATruncatedLog() throws Exception {
    Files.delete(log);

    assertRefusedByOpenAndSnapshot("audit log '" + log + "' has no entries but the index "
        + "records entry 3: the log was truncated");
  }

  @Test
  void oneEntryTheIndexDoesNotRecord_isAccepted_reported_andFollowedByTheNextCommit()
      throws Exception {
    TestStates.appendUnrecorded(directory, CUT_SHORT);

    StateDirectory.Snapshot snapshot = StateDirectory.read(directory);
    assertThat(snapshot.state().audit().seq()).isEqualTo(3);
    assertThat(snapshot.audit()).hasSize(4);
    assertThat(AuditAnchor.warning(directory, snapshot)).contains("audit log '" + log
        + "' has entries the index does not record: 4 (crl ceremony at 2026-12-01T00:00:00Z); "
        + "each is a ceremony that stopped before its commit completed, and nothing it made was "
        + "recorded; note them in the ceremony record");

    commit("crls/3.crl", "crl 3");

    List<String> lines = AuditLog.verify(log);
    assertThat(lines).hasSize(5);
    assertThat(StateDirectory.snapshot(directory).audit())
        .isEqualTo(new AuditHead(5, AuditLog.hash(lines.get(4))));
    assertThat(AuditAnchor.warning(directory, StateDirectory.read(directory))).isEmpty();
  }

  @Test
  void openedState_warnsOfAnUnrecordedEntryAndOfStrayFiles_andOfNothingWhenCommitsCompleted()
      throws Exception {
    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThat(state.warnings()).isEmpty();
    }
    TestStates.appendUnrecorded(directory, CUT_SHORT);
    Files.writeString(directory.resolve(".state.json.tmp-1234"), "{");

    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThat(state.warnings()).hasSize(2);
      assertThat(state.warnings().get(0)).startsWith("audit log '" + log + "' has entries "
          + "the index does not record: 4 (crl ceremony at 2026-12-01T00:00:00Z);");
      assertThat(state.warnings().get(1)).startsWith("1 file(s) in state '" + directory
          + "' belong to no record").contains(".state.json.tmp-1234");
    }
  }

  @Test
  void twoCeremoniesCutShortInARow_areAccepted_reportedTogether_andFollowedByTheNextCommit()
      throws Exception {
    TestStates.appendUnrecorded(directory, CUT_SHORT);
    TestStates.appendUnrecorded(directory, CUT_SHORT);

    assertThat(AuditAnchor.warning(directory, StateDirectory.read(directory))).contains(
        "audit log '" + log + "' has entries the index does not record: 4 (crl ceremony at "
        + "2026-12-01T00:00:00Z), 5 (crl ceremony at 2026-12-01T00:00:00Z); each is a ceremony "
        + "that stopped before its commit completed, and nothing it made was recorded; note them "
        + "in the ceremony record");

    commit("crls/3.crl", "crl 3");

    assertThat(StateDirectory.snapshot(directory).audit().seq()).isEqualTo(6);
    assertThat(AuditAnchor.warning(directory, StateDirectory.read(directory))).isEmpty();
  }

  @Test
  void lastEntryChangedAndThenFollowedByAnother_isRefused() throws Exception {
    List<String> lines = new ArrayList<>(AuditLog.verify(log));
    lines.set(2, lines.get(2).replace("\"crl 2\"", "\"crl 3\""));
    Files.write(log, AuditLog.encode(AuditLog.appended(lines, CUT_SHORT)));

    assertRefusedByOpenAndSnapshot("audit log '" + log + "' entry 3 does not match the hash "
        + "the index records: the entry was changed");
  }

  @Test
  void indexWithoutAnAuditHead_isRefused() throws Exception {
    editIndex(state -> state.remove("audit"));

    assertRefusedByOpenAndSnapshot("state '" + directory + "' records no audit log head in "
        + "its index");
  }

  @Test
  void formatOneIndex_isReadAsItIs_warned_andWrittenInFormatTwoByTheNextCommit()
      throws Exception {
    editIndex(state -> {
      state.remove("audit");
      state.put("format", 1);
    });
    List<String> lines = AuditLog.verify(log);

    StateDirectory.Snapshot snapshot = StateDirectory.read(directory);
    assertThat(snapshot.state().format()).isEqualTo(1);
    assertThat(AuditAnchor.warning(directory, snapshot)).contains("state '" + directory
        + "' has index format 1, which records no audit log head: its audit log is taken as it "
        + "is, through entry 3, SHA-256 " + AuditLog.hash(lines.get(2)) + "; compare that "
        + "entry with the paper record of the last ceremony; the next ceremony writes format 2");

    commit("crls/3.crl", "crl 3");

    JsonNode index = new ObjectMapper().readTree(directory.resolve("state.json").toFile());
    assertThat(index.get("format").asInt()).isEqualTo(2);
    assertThat(index.at("/audit/seq").asLong()).isEqualTo(4);
    assertThat(AuditAnchor.warning(directory, StateDirectory.read(directory))).isEmpty();
  }

  @Test
  void formatThreeIndex_isRefused() throws Exception {
    editIndex(state -> state.put("format", 3));

    assertRefusedByOpenAndSnapshot("state '" + directory + "' has format 3; this version "
        + "reads formats 1 and 2");
  }

  @Test
  void nextCommitAfterACeremonyCutShort_namesTheUnrecordedEntryInItsOwn() throws Exception {
    TestStates.appendUnrecorded(directory, CUT_SHORT);

    commit("crls/3.crl", "crl 3");

    JsonNode last = new ObjectMapper().readTree(AuditLog.verify(log).get(4));
    assertThat(last.at("/details/unrecorded-entries").asText()).isEqualTo("4");
    JsonNode earlier = new ObjectMapper().readTree(AuditLog.verify(log).get(2));
    assertThat(earlier.at("/details").has("unrecorded-entries")).isFalse();
  }

  @Test
  void openedLineAndWrittenLine_nameTheSameEntryAndHash() throws Exception {
    AuditHead written;
    try (StateDirectory state = StateDirectory.open(directory)) {
      written = state.commit(Map.of("crls/3.crl", bytes("crl 3")), state.state(),
          TestStates.entry("crl 3"));
    }

    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThat(written.writtenLine())
          .isEqualTo("audit log entry 4 written, SHA-256 " + written.sha256());
      assertThat(state.openedLine()).isEqualTo("state " + directory + " opened and locked; "
          + "audit chain verified through entry 4, SHA-256 " + written.sha256());
    }
  }

  @Test
  void auditLogThatIsASymbolicLink_isRefused() throws Exception {
    Path elsewhere = temporary.resolve("elsewhere.log");
    Files.move(log, elsewhere);
    Files.createSymbolicLink(log, elsewhere);

    assertRefusedByOpenAndSnapshot("'" + log + "' is a symbolic link; the state never reads or "
        + "writes through one");
  }

  @Test
  void indexThatIsASymbolicLink_isRefused() throws Exception {
    Path index = directory.resolve(StateDirectory.INDEX);
    Path elsewhere = temporary.resolve("elsewhere.json");
    Files.move(index, elsewhere);
    Files.createSymbolicLink(index, elsewhere);

    assertRefusedByOpenAndSnapshot("'" + index + "' is a symbolic link; the state never reads "
        + "or writes through one");
  }

  @Test
  void indexThatIsNotValid_isRefusedInOneLineNamingTheKey() throws Exception {
    Path index = directory.resolve(StateDirectory.INDEX);
    String valid = Files.readString(index);

    Files.writeString(index, valid.replaceFirst("\\{", "{\n  \"colour\" : 1,"));
    assertRefusedByOpenAndSnapshot("state '" + directory + "' has an index state.json that is "
        + "not valid: unknown key 'colour'");

    Files.writeString(index, valid.substring(0, valid.length() / 2));
    assertThatThrownBy(() -> StateDirectory.snapshot(directory))
        .hasMessageStartingWith("state '" + directory + "' has an index state.json that is not "
            + "valid: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "org.anchorhold"));

    Files.writeString(index, "");
    assertThatThrownBy(() -> StateDirectory.snapshot(directory))
        .hasMessageStartingWith("state '" + directory + "' has an ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "org.anchorhold"));
  }
}
