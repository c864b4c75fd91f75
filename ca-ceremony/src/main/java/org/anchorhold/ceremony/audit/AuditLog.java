package org.anchorhold.ceremony.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.state.AtomicFiles;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.StateException;

/**
 * The append-only audit log of a state directory: JSON lines, each holding the SHA-256 of the line
 * before it ({@code prev}; 64 zeros for the first), so a changed, removed or reordered line breaks
 * the chain. Each append rewrites the file atomically, so a crash never leaves a torn line.
 */
public final class AuditLog {
  /** The file name inside the state directory. */
  public static final String FILE = "audit.log";

  private static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditLog() {}

  /** The log's lines after checking the whole chain. */
  public static List<String> verify(Path log) throws StateException {
    return verified(log, read(log));
  }

  private static byte[] read(Path log) throws StateException {
    try {
      return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
    } catch (IOException e) {
      throw new StateException("cannot read the audit log '" + log + "': "
          + IoReasons.describe(e), e);
    }
  }

  private static List<String> verified(Path log, byte[] content) throws StateException {
    List<String> lines;
    try {
      lines = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString()
          .lines().toList();
    } catch (CharacterCodingException e) {
      throw new StateException("cannot read the audit log '" + log + "': "
          + IoReasons.describe(e), e);
    }
    String previous = GENESIS;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode entry;
      try {
        entry = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        throw new StateException("audit log '" + log + "' line " + (i + 1) + " is not JSON");
      }
      if (entry == null || !previous.equals(entry.path("prev").asText())
          || entry.path("seq").asLong() != i + 1) {
        throw new StateException("audit log '" + log + "' chain is broken at line " + (i + 1));
      }
      previous = Pem.sha256Hex(lines.get(i));
    }
    return lines;
  }

  /** The log content with one more entry chained to the last, for a new or existing log. */
  public static byte[] appended(List<String> lines, AuditEntry entry) {
    String previous = lines.isEmpty() ? GENESIS : Pem.sha256Hex(lines.get(lines.size() - 1));
    ObjectNode node = JSON.createObjectNode();
    node.put("seq", lines.size() + 1);
    node.put("time", entry.time().toString());
    node.put("prev", previous);
    node.put("event", entry.event());
    node.putPOJO("officers", entry.officers());
    node.putPOJO("inputs", new TreeMap<>(entry.inputs()));
    node.putPOJO("outputs", new TreeMap<>(entry.outputs()));
    node.putPOJO("details", new TreeMap<>(entry.details()));
    List<String> all = new ArrayList<>(lines);
    try {
      all.add(JSON.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException("an audit entry could not be encoded", e);
    }
    return (String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Verifies the log and appends one entry to it, atomically and durably.
   *
   * @return the log as it was before, for a commit that must take the entry back
   */
  public static byte[] append(Path log, AuditEntry entry) throws StateException {
    byte[] before = read(log);
    try {
      AtomicFiles.replace(log, appended(verified(log, before), entry));
      return before;
    } catch (IOException e) {
      throw new StateException("cannot append to the audit log '" + log + "': "
          + IoReasons.describe(e), e);
    }
  }

  /** Hashes of named inputs, for an entry. */
  public static Map<String, String> hashes(Map<String, byte[]> named) {
    Map<String, String> result = new TreeMap<>();
    named.forEach((name, bytes) -> result.put(name, Pem.sha256Hex(bytes)));
    return result;
  }
}
