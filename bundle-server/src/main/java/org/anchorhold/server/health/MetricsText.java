package org.anchorhold.server.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.Snapshot;

/** Renders the server's state in the Prometheus text exposition format 0.0.4. */
public final class MetricsText {
  /** The media type of the exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final PublicationStore store;
  private final RequestMetrics requests;
  private final Supplier<Instant> tlsNotAfter;
  private final Clock clock;

  /**
   * Creates the renderer.
   *
   * @param tlsNotAfter the serving certificate's notAfter, or null without TLS
   */
  public MetricsText(PublicationStore store, RequestMetrics requests,
      Supplier<Instant> tlsNotAfter, Clock clock) {
    this.store = store;
    this.requests = requests;
    this.tlsNotAfter = tlsNotAfter;
    this.clock = clock;
  }

  /** The whole exposition at this moment. */
  public String render() {
    Instant now = clock.instant();
    StringBuilder out = new StringBuilder(2048);
    header(out, "anchorhold_http_requests_total", "counter",
        "Requests answered, by served path (or other) and status.");
    for (Map.Entry<RequestMetrics.Key, Long> e : requests.snapshot().entrySet()) {
      out.append("anchorhold_http_requests_total{path=\"").append(label(e.getKey().path()))
          .append("\",status=\"").append(e.getKey().status()).append("\"} ")
          .append(e.getValue()).append('\n');
    }
    Snapshot snapshot = store.current();
    if (snapshot != null) {
      gauge(out, "anchorhold_publication_sequence", "Sequence of the served publication.",
          snapshot.sequence());
      gauge(out, "anchorhold_manifest_expiry_seconds",
          "Seconds until the served manifest expires; negative once expired.",
          seconds(now, snapshot.expires()));
      gauge(out, "anchorhold_publication_expired",
          "1 when the served manifest or one of its CRLs has expired, else 0.",
          snapshot.expiredAt(now) ? 1 : 0);
      header(out, "anchorhold_crl_expiry_seconds", "gauge",
          "Seconds until each served CRL's nextUpdate; negative once passed.");
      snapshot.crlNextUpdates().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.append("anchorhold_crl_expiry_seconds{crl=\"")
              .append(label(e.getKey())).append("\"} ").append(seconds(now, e.getValue()))
              .append('\n'));
    }
    counter(out, "anchorhold_publications_refused_total",
        "Publications refused (tampered, expired, lower sequence or unreadable).",
        store.refusalCount());
    counter(out, "anchorhold_publication_swaps_total",
        "Publications swapped in since start, the first included.", store.swapCount());
    if (tlsNotAfter != null) {
      gauge(out, "anchorhold_tls_certificate_expiry_seconds",
          "Seconds until the serving certificate's notAfter.", seconds(now, tlsNotAfter.get()));
    }
    return out.toString();
  }

  private static long seconds(Instant now, Instant then) {
    return Duration.between(now, then).toSeconds();
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    header(out, name, "gauge", help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    header(out, name, "counter", help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  /** Escapes a label value as the text format requires: backslash, quote and newline. */
  static String label(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
