package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("F14 path traversal and encodings")
class FieldCaseF14Test {
  private static BundleHttpServer server;
  private static InetSocketAddress address;
  private static PublicationStore store;

  @BeforeAll
  static void start() {
    store = Fixtures.store(Fixtures.publication(3));
    server = Fixtures.plainServer(store, Clock.systemUTC());
    address = Fixtures.http(server);
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/", "//", "/bundles/", "/bundles", "/crls/", "/..", "/../", "/../../etc/passwd",
      "/bundles/../manifest.json", "/bundles/./example.org.json", "//bundles/example.org.json",
      "/..;/manifest.json", "/bundles/..;/manifest.json", "/%2e%2e/manifest.json",
      "/bundles/%2e%2e/manifest.json", "/bundles%2fexample.org.json",
      "/bundles%2Fexample.org.json", "/bundles/example%2eorg.json",
      "/%62undles/example.org.json", "/bundles/%252e%252e/manifest.json",
      "/bundles\\example.org.json", "/bundles/..\\manifest.json", "/bundles%5cexample.org.json",
      "/manifest.json%00", "/manifest.json%00.png", "/manifest.json;.css",
      "/manifest.json/", "/MANIFEST.JSON", "/manifest.json.", "/%c0%ae%c0%ae/manifest.json",
      "/bundles/example.org.json#x", "/.git/config", "/etc/passwd", "/proc/self/environ",
      "/000000000003/manifest.json", "*", "manifest.json",
      "http://evil.example/manifest.json"})
  void trickyTarget_isRefusedWith4xxAndNoFileContent(String target) throws Exception {
    Response r = RawHttp.send(address,
        "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");

    assertRefused(target, r);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/manifest.json\u0000", "/bundles/\u0000/x", "/manifest.json\t",
      "/manifest .json", "/bundles/example.org.json\u00ff"})
  void controlAndNonAsciiBytesInTarget_areRefused(String target) throws Exception {
    byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    List<Response> r = RawHttp.send(address, request, false, 1);

    assertRefused(target, r.get(0));
  }

  private static void assertRefused(String target, Response r) {
    if (!r.closed()) {
      assertThat(r.status()).as(target).isBetween(400, 499);
    }
    String body = r.text();
    for (var file : store.current().files().values()) {
      byte[] content = new byte[file.length()];
      file.bodyView().get(content);
      assertThat(body).as(target).doesNotContain(new String(content, StandardCharsets.UTF_8));
    }
    assertThat(body).as(target).doesNotContain("<html").doesNotContain("Exception");
  }
}
