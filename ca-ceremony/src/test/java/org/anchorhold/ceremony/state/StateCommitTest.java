package org.anchorhold.ceremony.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCommitTest {
  @TempDir
  Path temporary;
  Path directory;

  @BeforeEach
  void createState() throws StateException {
    directory = temporary.resolve("state");
    StateDirectory.create(directory, Map.of("roots/root.pem", bytes("root")), State.empty(),
        TestStates.entry("test root"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private Map<String, byte[]> batch() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("issued/0a.pem", bytes("intermediate"));
    files.put("issuers/aws-east/0a/chain.pem", bytes("intermediate"));
    files.put("issuers/aws-east/0a/bundle.pem", bytes("roots"));
    return files;
  }

  /** Every file under the state with its content, for before-and-after comparisons. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path path : all.filter(Files::isRegularFile).toList()) {
        files.put(directory.relativize(path).toString(), Files.readString(path));
      }
    }
    try (Stream<Path> all = Files.walk(directory)) {
      all.filter(Files::isDirectory)
          .forEach(path -> files.put(directory.relativize(path) + "/", ""));
    }
    return files;
  }

  @Test
  void commit_whoseAuditAppendFails_leavesTheStateAsItWas() throws Exception {
    try (StateDirectory state = StateDirectory.open(directory)) {
      // The log is damaged after the state was opened: the commit re-reads it and fails.
      Path log = directory.resolve(AuditLog.FILE);
      Files.writeString(log, Files.readString(log) + "{\"seq\": 7}\n");
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> state.commit(batch(), state.state(), TestStates.entry("batch")))
          .isInstanceOf(StateException.class);

      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void commit_afterTheLogLostItsLastEntrySinceOpen_isRefusedAndWritesNothing() throws Exception {
    try (StateDirectory state = StateDirectory.open(directory)) {
      state.commit(Map.of("crls/1.crl", bytes("crl")), state.state(), TestStates.entry("crl"));
      Path log = directory.resolve(AuditLog.FILE);
      // Without its last line the chain still verifies; only the index's head tells.
      Files.write(log, Files.readAllLines(log).subList(0, 1));
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> state.commit(batch(), state.state(), TestStates.entry("batch")))
          .isInstanceOf(StateException.class)
          .hasMessage("audit log '" + log + "' ends at entry 1 but the index records entry 2: "
              + "the log was truncated");

      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void commit_intoAStateWhereAnOutputExists_writesNothing() throws Exception {
    Files.createDirectories(directory.resolve("issuers/aws-east/0a"));
    Files.writeString(directory.resolve("issuers/aws-east/0a/bundle.pem"), "earlier");
    try (StateDirectory state = StateDirectory.open(directory)) {
      Map<String, String> before = snapshot();

      assertThatThrownBy(() -> state.commit(batch(), state.state(), TestStates.entry("batch")))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("bundle.pem' already exists");

      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void checkWritable_refusesASymbolicLinkOnTheWay() throws Exception {
    Path outside = Files.createDirectory(temporary.resolve("outside"));
    Files.createDirectories(directory.resolve("issuers"));
    Files.createSymbolicLink(directory.resolve("issuers/aws-east"), outside);
    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThatThrownBy(() -> state.commit(batch(), state.state(), TestStates.entry("batch")))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("aws-east' is a symbolic link");
    }
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void checkWritable_refusesAFileWhereADirectoryIsNeeded() throws Exception {
    Files.createDirectories(directory.resolve("issuers"));
    Files.writeString(directory.resolve("issuers/aws-east"), "not a directory");
    try (StateDirectory state = StateDirectory.open(directory)) {
      assertThatThrownBy(() -> state.checkWritable(List.copyOf(batch().keySet())))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("aws-east' is not a directory");
    }
  }

  @Test
  void batch_thatFailsPartWay_removesWhatItMade() throws Exception {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(directory.resolve("issuers/a/0a/chain.pem"), bytes("a"));
    files.put(directory.resolve("issuers/b/0b/chain.pem"), bytes("b"));
    // Taken after the directories are made, before the batch links its names.
    Files.createDirectories(directory.resolve("issued"));
    Files.writeString(directory.resolve("issued/0c.pem"), "earlier");
    files.put(directory.resolve("issued/0c.pem"), bytes("c"));
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> AtomicFiles.createNewAll(files))
        .hasMessageContaining("already exists and is never overwritten");

    assertThat(snapshot()).isEqualTo(before);
  }
}
