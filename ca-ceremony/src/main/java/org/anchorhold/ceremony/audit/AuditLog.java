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
import org.anchorhold.ceremony.state.AuditHead;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.StateException;

/**
 * The append-only audit log of a state directory: JSON lines, each holding the SHA-256 of the line
 * before it ({@code prev}; 64 zeros for the first), so a changed, removed or reordered line breaks
 * the chain. The chain cannot protect the last line, which no line follows: the state's index
 * records that line's hash ({@link AuditHead}). A commit rewrites the file atomically, so a crash
 * never leaves a torn line.
 */
public final class AuditLog {
  /** The file name inside the state directory. */
  public static final String FILE = "audit.log";

  private static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditLog() {}

  /** The log's lines after checking the whole chain. */
  public static List<String> verify(Path log) throws StateException {
    return load(log).lines();
  }

  /**
   * The log as it is on disk, after checking the whole chain: its bytes, for a commit that must
   * put them back, and its lines.
   */
  public static Contents load(Path log) throws StateException {
    byte[] content = read(log);
    return new Contents(content, verified(log, content));
  }

  /** An audit log's bytes and its verified lines. */
  public record Contents(byte[] content, List<String> lines) {
    public Contents {
      lines = List.copyOf(lines);
    }
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
    requireCanonical(log, content);
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
      previous = hash(lines.get(i));
    }
    return lines;
  }

  /**
   * Requires the bytes to be exactly what {@link #encode} makes of its lines: no carriage return,
   * no empty line and a newline at the end, so that no change to the file passes unseen merely
   * because the hashed lines are equal.
   */
  private static void requireCanonical(Path log, byte[] content) throws StateException {
    int line = 1;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\r') {
        throw new StateException("audit log '" + log + "' line " + line + " ends with a "
            + "carriage return; its lines end with a newline alone");
      }
      if (content[i] == '\n') {
        if (i == 0 || content[i - 1] == '\n') {
          throw new StateException("audit log '" + log + "' line " + line + " is empty");
        }
        line++;
      }
    }
    if (content.length > 0 && content[content.length - 1] != '\n') {
      throw new StateException("audit log '" + log + "' line " + line + " has no newline at "
          + "its end");
    }
  }

  /** One line of a log {@link #verify} accepted, as JSON: every such line parses. */
  public static JsonNode entry(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("a verified audit line is not JSON", e);
    }
  }

  /** The SHA-256 of one line of the log, lowercase hexadecimal: what the next line's prev holds. */
  public static String hash(String line) {
    return Pem.sha256Hex(line);
  }

  /** The head of a log: its last entry's number and hash; the log must have an entry. */
  public static AuditHead head(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an empty audit log has no head");
    }
    return new AuditHead(lines.size(), hash(lines.get(lines.size() - 1)));
  }

  /** The log's lines with one more entry chained to the last, for a new or existing log. */
  public static List<String> appended(List<String> lines, AuditEntry entry) {
    String previous = lines.isEmpty() ? GENESIS : hash(lines.get(lines.size() - 1));
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
    return List.copyOf(all);
  }

  /** The file content of a log's lines: UTF-8, each line ended by a newline. */
  public static byte[] encode(List<String> lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Hashes of named inputs, for an entry. */
  public static Map<String, String> hashes(Map<String, byte[]> named) {
    Map<String, String> result = new TreeMap<>();
    named.forEach((name, bytes) -> result.put(name, Pem.sha256Hex(bytes)));
    return result;
  }
}
