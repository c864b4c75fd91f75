package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Oversized, odd and flooding requests get a 4xx or a closed connection, never a 5xx. */
class RequestAbuseTest {
  private static final String BUNDLE = "/bundles/example.org.json";
  private static BundleHttpServer server;
  private static InetSocketAddress address;

  @BeforeAll
  static void start() {
    server = Fixtures.plainServer(Fixtures.store(Fixtures.publication(5)), Clock.systemUTC());
    address = Fixtures.http(server);
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(1));
  }

  private static void assertRefusedOrClosed(Response r) {
    assertThat(r.closed() || (r.status() >= 400 && r.status() < 500))
        .as("status %s", r.statusLine()).isTrue();
  }

  private static void assertServerStillAnswers() throws Exception {
    Response r = RawHttp.send(address,
        "GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void header64KiB_isRefusedOrClosed() throws Exception {
    String big = "X-Big: " + "a".repeat(64 * 1024) + "\r\n";
    Response r = RawHttp.send(address,
        "GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n" + big + "Connection: close\r\n\r\n");

    assertRefusedOrClosed(r);
    assertServerStillAnswers();
  }

  @Test
  void thousandHeaders_areRefusedOrClosed() throws Exception {
    StringBuilder request = new StringBuilder("GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n");
    for (int i = 0; i < 1000; i++) {
      request.append("X-H").append(i).append(": v\r\n");
    }
    Response r = RawHttp.send(address, request.append("Connection: close\r\n\r\n").toString());

    assertRefusedOrClosed(r);
    assertServerStillAnswers();
  }

  @Test
  void getWithSmallBody_isAnsweredAndTheBodyIgnored() throws Exception {
    Response r = RawHttp.send(address, "GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n"
        + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void getWithLargeBody_isNeverA5xx() throws Exception {
    String body = "b".repeat(1 << 20);
    Response r = RawHttp.send(address, "GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

    assertThat(r.closed() || r.status() == 200 || (r.status() >= 400 && r.status() < 500))
        .as(r.statusLine()).isTrue();
    assertServerStillAnswers();
  }

  @Test
  void getWithChunkedBody_isNeverA5xx() throws Exception {
    Response r = RawHttp.send(address, "GET " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

    assertThat(r.closed() || r.status() == 200 || (r.status() >= 400 && r.status() < 500))
        .as(r.statusLine()).isTrue();
  }

  @Test
  void unknownMethod_is405() throws Exception {
    Response r = RawHttp.send(address, "FROB " + BUNDLE + " HTTP/1.1\r\nHost: t\r\n"
        + "Connection: close\r\n\r\n");

    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void garbageRequestLine_isRefusedOrClosed() throws Exception {
    for (String line : new String[] {"GET\r\n\r\n", "\u0001\u0002\u0003\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n", "GET /  HTTP/1.1\r\n\r\n", "G@T / HTTP/1.1\r\n\r\n"}) {
      List<Response> r = RawHttp.send(address, line.getBytes(StandardCharsets.ISO_8859_1),
          false, 1);
      assertRefusedOrClosed(r.get(0));
    }
    assertServerStillAnswers();
  }

  @Test
  void http10_isAnsweredAndClosed() throws Exception {
    Response r = RawHttp.send(address, "GET " + BUNDLE + " HTTP/1.0\r\n\r\n");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.statusLine()).startsWith("HTTP/1.0 200");
    assertThat(r.body()).isEqualTo(Fixtures.bundle(5, 120));
  }

  @Test
  void pipelinedRequests_areAllAnsweredInOrder() throws Exception {
    int count = 200;
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String path = i % 2 == 0 ? BUNDLE : "/missing-" + i;
      flood.append("GET ").append(path).append(" HTTP/1.1\r\nHost: t\r\n\r\n");
    }
    List<Response> responses = RawHttp.send(address,
        flood.toString().getBytes(StandardCharsets.US_ASCII), false, count);

    assertThat(responses).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(responses.get(i).status()).as("response %d", i)
          .isEqualTo(i % 2 == 0 ? 200 : 404);
    }
  }

  @Test
  void pipelinedFloodOfBadRequests_neverGets5xx() throws Exception {
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      flood.append("POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
    }
    List<Response> responses = RawHttp.send(address,
        flood.toString().getBytes(StandardCharsets.US_ASCII), false, 500);

    assertThat(responses).allSatisfy(RequestAbuseTest::assertRefusedOrClosed);
    assertServerStillAnswers();
  }
}
