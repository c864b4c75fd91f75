package org.anchorhold.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.anchorhold.server.http.BundleHttpServer;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.Refusal;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.RawHttp.Response;
import org.junit.jupiter.api.Test;

class HealthAndMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Response get(java.net.InetSocketAddress address, String path)
      throws Exception {
    return RawHttp.send(address,
        "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  }

  @Test
  void healthz_whileANewerPublicationIsRefused_is200Degraded() throws Exception {
    PublicationStore store = Fixtures.store(Fixtures.publication(9));
    store.refused(new Refusal("000000000010", "manifest.jws signature does not verify",
        Instant.parse("2026-01-01T00:00:00Z")));
    BundleHttpServer server = Fixtures.plainServer(store, Clock.systemUTC());
    try {
      Response r = get(server.address("http"), "/healthz");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("status").asText()).isEqualTo("degraded");
      assertThat(body.get("sequence").asLong()).isEqualTo(9);
      assertThat(body.get("manifest_expires").asText())
          .isEqualTo(store.current().expires().toString());
      assertThat(body.get("crls").get(0).get("path").asText()).isEqualTo("crls/root.crl");
      assertThat(body.get("crls").get(0).get("next_update").asText()).isNotEmpty();
      assertThat(body.get("last_refused").get("reason").asText())
          .isEqualTo("manifest.jws signature does not verify");
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void healthz_whenOnlyAnOlderPublicationWasRefused_isOk() throws Exception {
    PublicationStore store = Fixtures.store(Fixtures.publication(9));
    store.refused(new Refusal("000000000008", "sequence 8 is below the served 9",
        Instant.parse("2026-01-01T00:00:00Z")));
    BundleHttpServer server = Fixtures.plainServer(store, Clock.systemUTC());
    try {
      Response r = get(server.address("http"), "/healthz");
      assertThat(r.status()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("ok");
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void healthz_afterTheManifestExpired_is503() throws Exception {
    PublicationStore store = Fixtures.store(Fixtures.publication(9));
    Clock late = Clock.fixed(store.current().expires().plusSeconds(1), ZoneOffset.UTC);
    BundleHttpServer server = Fixtures.plainServer(store, late);
    try {
      Response main = get(server.address("http"), "/healthz");
      Response admin = get(server.address("admin"), "/healthz");

      assertThat(main.status()).isEqualTo(503);
      assertThat(JSON.readTree(main.body()).get("status").asText()).isEqualTo("expired");
      assertThat(JSON.readTree(main.body()).get("crls").get(0).get("expired").asBoolean())
          .isTrue();
      assertThat(admin.status()).isEqualTo(503);
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void healthz_whenOnlyACrlExpired_is503() {
    Instant now = Instant.now();
    var publication = Fixtures.publication(3, now.minusSeconds(600), now.plusSeconds(600), 60);
    PublicationStore store = Fixtures.store(publication);

    HealthReport report = HealthReport.of(store, now.plusSeconds(601));

    assertThat(report.healthy()).isFalse();
  }

  @Test
  void metrics_onTheAdminListener_countRequestsAndReportExpiries() throws Exception {
    PublicationStore store = Fixtures.store(Fixtures.publication(12));
    BundleHttpServer server = Fixtures.plainServer(store, Clock.systemUTC());
    try {
      get(server.address("http"), "/bundles/example.org.json");
      get(server.address("http"), "/bundles/example.org.json");
      get(server.address("http"), "/no/such/" + "x".repeat(50));

      Response r = get(server.address("admin"), "/metrics");
      Response notOnMain = get(server.address("http"), "/metrics");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(r.text())
          .contains("anchorhold_http_requests_total{path=\"/bundles/example.org.json\","
              + "status=\"200\"} 2\n")
          .contains("anchorhold_http_requests_total{path=\"other\",status=\"404\"} 1\n")
          .contains("anchorhold_publication_sequence 12\n")
          .contains("anchorhold_crl_expiry_seconds{crl=\"crls/root.crl\"} ")
          .contains("anchorhold_manifest_expiry_seconds ")
          .contains("anchorhold_publications_refused_total 0\n")
          .contains("anchorhold_publication_expired 0\n")
          .doesNotContain("/no/such");
      assertThat(notOnMain.status()).isEqualTo(404);
    } finally {
      server.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void metricsLabel_escapesQuotesBackslashesAndNewlines() {
    assertThat(MetricsText.label("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }
}
