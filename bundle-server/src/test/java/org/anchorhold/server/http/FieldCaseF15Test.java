package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.anchorhold.server.serve.LoadedPublication;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.ServedFile;
import org.anchorhold.server.serve.SnapshotFactory;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("F15 HTTP semantics")
class FieldCaseF15Test {
  private static final String BUNDLE = "/bundles/example.org.json";
  private static PublicationStore store;
  private static BundleHttpServer server;
  private static InetSocketAddress address;

  @BeforeAll
  static void start() {
    store = Fixtures.store(Fixtures.publication(7));
    server = Fixtures.plainServer(store, Clock.systemUTC());
    address = Fixtures.http(server);
  }

  @AfterAll
  static void stop() {
    server.stop(Duration.ofSeconds(1));
  }

  private static ServedFile bundle() {
    return store.current().file(BUNDLE.substring(1));
  }

  private static Response get(String path, String... headers) throws Exception {
    return RawHttp.send(address, request("GET", path, headers));
  }

  private static String request(String method, String path, String... headers) {
    StringBuilder out = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: t\r\n");
    for (String header : headers) {
      out.append(header).append("\r\n");
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  @Test
  void get_servesContentWithStrongEtagTypeAndOneLength() throws Exception {
    Response r = get(BUNDLE);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Fixtures.bundle(7, 120));
    assertThat(r.header("ETag")).isEqualTo('"' + Fixtures.sha256(r.body()) + '"');
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Last-Modified")).isNotNull();
    assertThat(r.headers("Transfer-Encoding")).isEmpty();
  }

  @Test
  void get_eachKindOfFile_hasTheDesignContentType() throws Exception {
    assertThat(get("/crls/root.crl").header("Content-Type")).isEqualTo("application/pkix-crl");
    assertThat(get("/manifest.jws").header("Content-Type")).isEqualTo("application/jose");
    assertThat(get("/manifest.json").header("Content-Type")).isEqualTo("application/json");
    assertThat(get("/bundles/example.org.pem").header("Content-Type"))
        .isEqualTo("application/pem-certificate-chain");
  }

  @Test
  void cacheControl_isNoLongerThanTheRefreshHint() throws Exception {
    assertThat(get(BUNDLE).header("Cache-Control")).isEqualTo("max-age=120");
  }

  @Test
  void cacheControl_isNoLongerThanTheManifestLifeLeft() throws Exception {
    Instant now = Instant.now();
    LoadedPublication soon = Fixtures.publication(1, now.minusSeconds(60), now.plusSeconds(30),
        3600);
    BundleHttpServer other = Fixtures.plainServer(Fixtures.store(soon), Clock.systemUTC());
    try {
      Response r = RawHttp.send(other.address("http"), request("GET", BUNDLE));
      long maxAge = Long.parseLong(r.header("Cache-Control").substring("max-age=".length()));
      assertThat(maxAge).isBetween(0L, 30L);
    } finally {
      other.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void head_equalsGetWithoutBody() throws Exception {
    Response get = get(BUNDLE);
    Response head = RawHttp.send(address, request("HEAD", BUNDLE));

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    for (String name : new String[] {"content-length", "content-type", "etag", "last-modified",
        "cache-control", "x-content-type-options"}) {
      assertThat(head.headers(name)).as(name).isEqualTo(get.headers(name));
    }
  }

  @Test
  void ifNoneMatch_matching_is304WithEtagAndNoBody() throws Exception {
    Response r = get(BUNDLE, "If-None-Match: " + bundle().etag());

    assertThat(r.status()).isEqualTo(304);
    assertThat(r.header("ETag")).isEqualTo(bundle().etag());
    assertThat(r.header("Cache-Control")).isEqualTo("max-age=120");
    assertThat(r.headers("Content-Length")).isIn(java.util.List.of(), java.util.List.of("0"));
  }

  @Test
  void ifNoneMatch_inAListOrWeak_is304() throws Exception {
    assertThat(get(BUNDLE, "If-None-Match: \"aaa\", " + bundle().etag()).status())
        .isEqualTo(304);
    assertThat(get(BUNDLE, "If-None-Match: W/" + bundle().etag()).status()).isEqualTo(304);
    assertThat(get(BUNDLE, "If-None-Match: *").status()).isEqualTo(304);
  }

  @Test
  void ifNoneMatch_different_winsOverAMatchingIfModifiedSince() throws Exception {
    Response r = get(BUNDLE, "If-None-Match: \"" + "0".repeat(64) + "\"",
        "If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Fixtures.bundle(7, 120));
  }

  @Test
  void ifModifiedSince_alone_atLastModified_is304_andBefore_is200() throws Exception {
    String lastModified = get(BUNDLE).header("Last-Modified");
    assertThat(get(BUNDLE, "If-Modified-Since: " + lastModified).status()).isEqualTo(304);
    assertThat(get(BUNDLE, "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT").status())
        .isEqualTo(200);
  }

  @Test
  void range_isIgnored_fullBodyAndNoAcceptRanges() throws Exception {
    int length = Fixtures.bundle(7, 120).length;
    for (String range : new String[] {"bytes=0-3", "bytes=-1", "bytes=" + length + "-",
        "bytes=" + (length - 1) + "-" + (length + 10), "bytes=5-1"}) {
      Response r = get(BUNDLE, "Range: " + range);
      assertThat(r.status()).as(range).isEqualTo(200);
      assertThat(r.body()).as(range).hasSize(length);
      assertThat(r.headers("Accept-Ranges")).as(range).isEmpty();
      assertThat(r.headers("Content-Range")).as(range).isEmpty();
    }
  }

  @Test
  void lastModified_ofChangedContent_growsEvenWhenIssuedIsEarlier() throws Exception {
    Instant now = Instant.now();
    var first = SnapshotFactory.build(Fixtures.publication(1, now, now.plusSeconds(600), 60),
        null, "a");
    var second = SnapshotFactory.build(
        Fixtures.publication(2, now.minusSeconds(5), now.plusSeconds(600), 60), first, "b");

    ServedFile before = first.file(BUNDLE.substring(1));
    ServedFile after = second.file(BUNDLE.substring(1));
    assertThat(after.lastModified()).isAfter(before.lastModified());
    assertThat(second.file("bundles/example.org.pem").lastModified())
        .isEqualTo(first.file("bundles/example.org.pem").lastModified());
  }

  @Test
  void otherMethods_are405WithAllow() throws Exception {
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH",
        "BREW", "CONNECT"}) {
      Response r = RawHttp.send(address, request(method, BUNDLE, "Content-Length: 0"));
      assertThat(r.status()).as(method).isEqualTo(405);
      assertThat(r.header("Allow")).as(method).isEqualTo("GET, HEAD");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  void unknownPath_is404WithShortGenericBody() throws Exception {
    Response r = get("/bundles/other.org.json");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("not found\n");
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void queryString_isIgnored() throws Exception {
    assertThat(get(BUNDLE + "?cache=1").status()).isEqualTo(200);
  }
}
