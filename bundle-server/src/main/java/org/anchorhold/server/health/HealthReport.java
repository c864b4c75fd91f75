package org.anchorhold.server.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.Refusal;
import org.anchorhold.server.serve.Snapshot;

/**
 * The body of {@code /healthz}: whether the served publication is still valid, and why not.
 *
 * @param status {@code ok}; {@code degraded} while a newer publication than the one served is
 *     refused (still served, HTTP 200: the newest one needs attention); {@code expired}; or
 *     {@code loading} before the first publication
 * @param sequence the served sequence, or null
 * @param manifestExpires the manifest's expiry, ISO-8601, or null
 * @param crls each CRL's path and nextUpdate
 * @param lastRefused the last refused publication, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthReport(
    String status,
    Long sequence,
    @JsonProperty("manifest_expires") String manifestExpires,
    List<Crl> crls,
    @JsonProperty("last_refused") Refused lastRefused) {

  /**
   * One CRL of the served publication.
   *
   * @param path its path in the publication
   * @param nextUpdate its nextUpdate, ISO-8601
   * @param expired whether it has passed
   */
  public record Crl(String path, @JsonProperty("next_update") String nextUpdate,
      boolean expired) {}

  /**
   * The last refused publication.
   *
   * @param source its directory name
   * @param reason why it was refused
   * @param at when, ISO-8601
   */
  public record Refused(String source, String reason, String at) {}

  /** Whether the status means the served publication is usable (HTTP 200). */
  public boolean healthy() {
    return "ok".equals(status) || "degraded".equals(status);
  }

  /** The report for the store's state at {@code now}. */
  public static HealthReport of(PublicationStore store, Instant now) {
    Refusal refusal = store.lastRefusal();
    Refused refused = refusal == null ? null
        : new Refused(refusal.source(), refusal.reason(), refusal.at().toString());
    Snapshot snapshot = store.current();
    if (snapshot == null) {
      return new HealthReport("loading", null, null, List.of(), refused);
    }
    List<Crl> crls = snapshot.crlNextUpdates().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new Crl(e.getKey(), e.getValue().toString(), !now.isBefore(e.getValue())))
        .toList();
    String status = snapshot.expiredAt(now) ? "expired"
        : newerRefused(refusal, snapshot.sequence()) ? "degraded" : "ok";
    return new HealthReport(status, snapshot.sequence(), snapshot.expires().toString(), crls,
        refused);
  }

  /** Whether the last refusal was of a publication newer than the one served. */
  private static boolean newerRefused(Refusal refusal, long served) {
    if (refusal == null || !refusal.source().matches("[0-9]{12}")) {
      return false;
    }
    return Long.parseLong(refusal.source()) > served;
  }
}
