package org.anchorhold.ceremony.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether relying parties see the state: once a state has published, every ceremony that changes
 * what they see must be followed by a publication. A ceremony interrupted after its own commit,
 * or one run without a {@code publication:} section, leaves a change only the state knows of.
 */
public final class PublicationLag {
  /** The audit events that change what a publication holds. */
  static final Set<String> CHANGES = Set.of(
      "root ceremony", "intermediate ceremony", "revoke ceremony", "crl ceremony");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PublicationLag() {}

  /** The warning for a verified audit log's lines, if a change follows the last publication. */
  public static Optional<String> of(List<String> auditLines) {
    int lastPublication = -1;
    for (int i = 0; i < auditLines.size(); i++) {
      if ("publication".equals(read(auditLines.get(i)).path("event").asText())) {
        lastPublication = i;
      }
    }
    if (lastPublication < 0) {
      return Optional.empty();
    }
    String sequence = read(auditLines.get(lastPublication)).path("details").path("sequence")
        .asText("?");
    for (int i = lastPublication + 1; i < auditLines.size(); i++) {
      JsonNode entry = read(auditLines.get(i));
      String event = entry.path("event").asText();
      if (CHANGES.contains(event)) {
        return Optional.of("the state changed after publication " + sequence + " (" + event
            + " at " + entry.path("time").asText() + "); relying parties do not see the change "
            + "until a publish ceremony");
      }
    }
    return Optional.empty();
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("audit line is not JSON", e);
    }
  }
}
