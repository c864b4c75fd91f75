package org.anchorhold.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.StateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir
  Path directory;

  private static AuditEntry entry(String event) {
    return new AuditEntry(Instant.parse("2026-12-03T12:00:00Z"), event, List.of("Alice"),
        Map.of("in.yaml", "aa"), Map.of("out.pem", "bb"), Map.of("root", "r1"));
  }

  private Path logWithThreeEntries() throws Exception {
    Path log = directory.resolve("audit.log");
    List<String> lines = List.of();
    for (String event : List.of("root ceremony", "intermediate ceremony", "crl ceremony")) {
      lines = AuditLog.appended(lines, entry(event));
    }
    Files.write(log, AuditLog.encode(lines));
    return log;
  }

  @Test
  void appendedEntries_chainEachToTheHashOfTheLineBefore() throws Exception {
    Path log = logWithThreeEntries();
    List<String> lines = AuditLog.verify(log);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"seq\":1", "\"prev\":\"" + "0".repeat(64) + "\"");
    assertThat(lines.get(2)).contains("\"seq\":3", "\"event\":\"crl ceremony\"");
  }

  @Test
  void changedLine_breaksTheChainAtTheNextLine() throws Exception {
    Path log = logWithThreeEntries();
    Files.writeString(log, Files.readString(log).replace("intermediate", "intermediatf"));
    assertThatThrownBy(() -> AuditLog.verify(log)).isInstanceOf(StateException.class)
        .hasMessage("audit log '" + log + "' chain is broken at line 3");
  }

  @Test
  void removedLine_breaksTheChain() throws Exception {
    Path log = logWithThreeEntries();
    List<String> lines = Files.readAllLines(log);
    Files.write(log, List.of(lines.get(0), lines.get(2)));
    assertThatThrownBy(() -> AuditLog.verify(log))
        .hasMessage("audit log '" + log + "' chain is broken at line 2");
  }

  @Test
  void head_isTheLastEntrysNumberAndTheHashTheNextEntryWouldChainTo() throws Exception {
    List<String> lines = AuditLog.verify(logWithThreeEntries());

    AuditHead head = AuditLog.head(lines);

    assertThat(head.seq()).isEqualTo(3);
    assertThat(head.sha256()).isEqualTo(Pem.sha256Hex(lines.get(2)));
    assertThat(AuditLog.appended(lines, entry("revoke ceremony")).get(3))
        .contains("\"prev\":\"" + head.sha256() + "\"");
  }

  @Test
  void logWithCarriageReturns_isRefusedNamingTheLine() throws Exception {
    Path log = logWithThreeEntries();
    Files.writeString(log, Files.readString(log).replace("\n", "\r\n"));

    assertThatThrownBy(() -> AuditLog.verify(log)).isInstanceOf(StateException.class)
        .hasMessage("audit log '" + log + "' line 1 ends with a carriage return; its lines end "
            + "with a newline alone");
  }

  @Test
  void logWithABlankLine_isRefusedNamingTheLine() throws Exception {
    Path log = logWithThreeEntries();
    Files.writeString(log, Files.readString(log) + "\n");

    assertThatThrownBy(() -> AuditLog.verify(log))
        .hasMessage("audit log '" + log + "' line 4 is empty");
  }

  @Test
  void logWithoutItsFinalNewline_isRefused() throws Exception {
    Path log = logWithThreeEntries();
    String text = Files.readString(log);
    Files.writeString(log, text.substring(0, text.length() - 1));

    assertThatThrownBy(() -> AuditLog.verify(log))
        .hasMessage("audit log '" + log + "' line 3 has no newline at its end");
  }
}
