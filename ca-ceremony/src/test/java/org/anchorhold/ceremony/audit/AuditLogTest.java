package org.anchorhold.ceremony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    AuditLog.append(log, entry("root ceremony"));
    AuditLog.append(log, entry("intermediate ceremony"));
    AuditLog.append(log, entry("crl ceremony"));
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
  void appendToATamperedLog_isRefusedAndChangesNothing() throws Exception {
    Path log = logWithThreeEntries();
    Files.writeString(log, Files.readString(log).replace("r1", "r2"));
    String tampered = Files.readString(log);
    assertThatThrownBy(() -> AuditLog.append(log, entry("revoke ceremony")))
        .isInstanceOf(StateException.class);
    assertThat(Files.readString(log)).isEqualTo(tampered);
  }
}
