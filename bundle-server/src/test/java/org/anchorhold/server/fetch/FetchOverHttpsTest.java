package org.anchorhold.server.fetch;

import static org.anchorhold.server.fetch.FetchCommandTest.assertRefused;
import static org.anchorhold.server.fetch.FetchFixtures.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.server.fetch.FetchFixtures.Result;
import org.anchorhold.server.fetch.TestHttpsServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchOverHttpsTest {
  private static final String AWS_BUNDLE = "bundles/aws.example.org.json";
  private static final byte[] HTML = "<!DOCTYPE html><html><body>Not here</body></html>"
      .getBytes(StandardCharsets.UTF_8);
  private static PublicationFixture fixture;
  private static Map<String, byte[]> published;
  private static Issued tls;

  @TempDir
  Path temp;
  private TestHttpsServer server;
  private Path trust;
  private Path tlsCa;
  private Path out;

  @BeforeAll
  static void publish() throws Exception {
    fixture = new PublicationFixture();
    published = PublicationWriter.render(fixture.input(5), fixture.signer());
    tls = TestPki.tlsServer(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"));
  }

  @BeforeEach
  void start() throws Exception {
    server = new TestHttpsServer(tls, published);
    trust = Files.writeString(temp.resolve("trust.pem"), TestPki.pem(fixture.trustedRoots()));
    tlsCa = Files.writeString(temp.resolve("tls-ca.pem"), TestPki.pem(List.of(tls.cert())));
    out = temp.resolve("bundle.json");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Result fetchFrom(String url, Path ca) {
    return fetch(PublicationFixture.clock(), "--from", url, "--trust-roots", trust.toString(),
        "--tls-ca", ca.toString(), "--state", temp.resolve("state").toString(),
        "--trust-domain", PublicationFixture.AWS_TD, "--out", out.toString(), "--timeout", "10");
  }

  @Test
  void https_verifiesAndWritesTheBundle() throws Exception {
    Result result = fetchFrom(server.url(), tlsCa);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("from " + server.url() + "/");
    assertThat(Files.readAllBytes(out)).isEqualTo(published.get(AWS_BUNDLE));
  }

  @Test
  void htmlPageWhereABundleShouldBe_isRefused() {
    server.override(AWS_BUNDLE, new Answer(200, "text/html; charset=utf-8", HTML));

    assertRefused(fetchFrom(server.url(), tlsCa),
        "'bundles/aws.example.org.json' could not be read: server answered with an html page");
    assertThat(out).doesNotExist();
  }

  @Test
  void htmlBodyUnderAJsonContentType_isRefused() {
    server.override(AWS_BUNDLE, new Answer(200, "application/json", HTML));

    assertRefused(fetchFrom(server.url(), tlsCa), "server answered with an html page");
  }

  @Test
  void statusOtherThan200_isRefused() {
    server.override("manifest.jws", new Answer(500, "text/plain", "oops".getBytes()));

    assertRefused(fetchFrom(server.url(), tlsCa),
        "'manifest.jws' could not be read: server answered http 500 instead of 200");
  }

  @Test
  void bodyAboveTheSizeCap_isRefused() {
    server.override(AWS_BUNDLE, new Answer(200, "application/json",
        new byte[PublicationLayout.MAX_FILE_SIZE + 1]));

    assertRefused(fetchFrom(server.url(), tlsCa), "more than " + PublicationLayout.MAX_FILE_SIZE);
  }

  @Test
  void redirect_isNotFollowed() {
    server.override("manifest.json", new Answer(302, "text/plain", new byte[0]));

    assertRefused(fetchFrom(server.url(), tlsCa), "server answered http 302 instead of 200");
  }

  @Test
  void serverWithACertificateOutsideTheTlsCas_isRefused() throws Exception {
    Issued other = TestPki.tlsServer(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z"));
    Path otherCa = Files.writeString(temp.resolve("other-ca.pem"),
        TestPki.pem(List.of(other.cert())));

    assertRefused(fetchFrom(server.url(), otherCa), "cannot fetch " + server.url());
  }

  @Test
  void plainHttp_isRefusedWithoutTheTestFlag() {
    assertRefused(fetchFrom("http://127.0.0.1:1", tlsCa), "--from must be an https:// url");
  }
}
