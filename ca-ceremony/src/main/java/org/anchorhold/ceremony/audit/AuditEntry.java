package org.anchorhold.ceremony.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of the audit log, before it is chained: what was done, by whom, from which inputs
 * and producing which outputs (each named by path with its SHA-256), and the facts a reviewer
 * needs. It never holds a PIN or key material.
 */
public record AuditEntry(
    Instant time,
    String event,
    List<String> officers,
    Map<String, String> inputs,
    Map<String, String> outputs,
    Map<String, String> details) {

  public AuditEntry {
    officers = List.copyOf(officers);
    inputs = Map.copyOf(inputs);
    outputs = Map.copyOf(outputs);
    details = Map.copyOf(details);
  }

  /** This entry with one more detail. */
  public AuditEntry withDetail(String key, String value) {
    Map<String, String> more = new HashMap<>(details);
    more.put(key, value);
    return new AuditEntry(time, event, officers, inputs, outputs, more);
  }
}
