package org.anchorhold.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.ManifestFile;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.server.fetch.FetchCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Debian's nginx serves a generated publication on 127.0.0.1 with the shipped
 * {@code deploy/nginx.conf} (only its "site:" lines replaced), and {@code fetch} verifies
 * through it over TLS.
 */
class NginxIT {
  private static final int STARTS = 3;
  private static PublicationFixture fixture;
  private static Issued tls;
  private static Path work;
  private static Path publications;
  private static Process nginx;
  private static int port;
  private static HttpClient client;

  @BeforeAll
  static void start() throws Exception {
    String binary = ExternalTools.require("nginx", "nginx");
    fixture = new PublicationFixture();
    tls = TestPki.tlsServer(Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)));
    work = Repo.target("nginx-it/" + UUID.randomUUID());
    publications = Files.createDirectories(work.resolve("publications"));
    fixture.write(publications, 5);
    Files.createSymbolicLink(publications.resolve("current"), Path.of("000000000005"));
    Files.writeString(work.resolve("secret.txt"), "outside the publication");
    Files.createSymbolicLink(publications.resolve("000000000005/bundles/leak.json"),
        work.resolve("secret.txt"));
    Files.writeString(work.resolve("cert.pem"), TestPki.pem(List.of(tls.cert())));
    Files.writeString(work.resolve("key.pem"), TestPki.keyPem(tls.keys().getPrivate()));
    client = HttpClient.newBuilder().sslContext(trusting(tls))
        .connectTimeout(Duration.ofSeconds(5)).build();

    for (int attempt = 1; attempt <= STARTS && nginx == null; attempt++) {
      port = freePort();
      Path conf = writeConfig(port);
      ExternalTools.Run test = ExternalTools.run(List.of(binary, "-t", "-p",
          work.toString() + "/", "-c", conf.toString()), work, 30);
      assertThat(test.exit()).as("nginx -t: " + test.output()).isZero();
      Process started = new ProcessBuilder(binary, "-p", work + "/", "-c", conf.toString(),
          "-g", "daemon off;").redirectErrorStream(true)
          .redirectOutput(work.resolve("nginx.out").toFile()).start();
      if (awaitPort(started, port)) {
        nginx = started;
      } else {
        started.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (nginx == null) {
      fail("nginx did not start in " + STARTS + " attempts: "
          + Files.readString(work.resolve("nginx.out")));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(15, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void fetch_verifiesThroughNginx_asRelyingPartyAndAsIssuer() throws Exception {
    Path trust = Files.writeString(work.resolve("trust.pem"),
        TestPki.pem(fixture.trustedRoots()));
    Path tlsCa = work.resolve("cert.pem");
    String url = "https://localhost:" + port;

    String[] common = {"--from", url, "--trust-roots", trust.toString(), "--tls-ca",
        tlsCa.toString(), "--timeout", "10"};
    Result relying = fetch(common, "--state", work.resolve("rp.state").toString(),
        "--trust-domain", PublicationFixture.AWS_TD, "--out",
        work.resolve("aws.json").toString());
    Result issuer = fetch(common, "--state", work.resolve("issuer.state").toString(),
        "--trust-domain", PublicationFixture.GCP_TD, "--issuer", "gcp-central", "--cert-file",
        work.resolve("chain.pem").toString(), "--bundle-file",
        work.resolve("bundle.pem").toString());

    assertThat(relying.exit()).as(relying.err()).isZero();
    assertThat(Files.readAllBytes(work.resolve("aws.json"))).isEqualTo(Files.readAllBytes(
        publications.resolve("000000000005/bundles/aws.example.org.json")));
    assertThat(issuer.exit()).as(issuer.err()).isZero();
    assertThat(Files.readString(work.resolve("chain.pem")))
        .isEqualTo(TestPki.pem(List.of(fixture.gcp.cert())));
  }

  @Test
  void everyListedPath_hasItsDesignContentType_cacheHeaders_andNosniff() throws Exception {
    Manifest manifest = Manifest.parse(Files.readAllBytes(
        publications.resolve("000000000005/manifest.json")));
    List<String> paths = new ArrayList<>(List.of(PublicationLayout.MANIFEST,
        PublicationLayout.SIGNATURE));
    manifest.files().stream().map(ManifestFile::path).forEach(paths::add);

    for (String path : paths) {
      HttpResponse<byte[]> response = get(path, "GET");
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().allValues("Content-Type")).as(path)
          .containsExactly(PublicationLayout.contentType(path).orElseThrow());
      assertThat(response.headers().firstValue("Cache-Control")).as(path)
          .contains("public, max-age=300");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path)
          .contains("nosniff");
      assertThat(response.headers().firstValue("ETag")).as(path).isPresent();
      assertThat(response.body()).as(path).isEqualTo(Files.readAllBytes(
          publications.resolve("000000000005").resolve(path)));
    }
  }

  @Test
  void otherPathsAndMethods_getOnePlainLine_neverHtml() throws Exception {
    Map<String, Integer> expected = Map.of("index.html", 404, "bundles/", 404, "", 404,
        "bundles/leak.json", 404, "bundles/missing.example.org.json", 404,
        "%2e%2e/secret.txt", 400, ".lock", 404, ".anchorhold-errors/404", 404,
        "bundles/%2e%2e/roots/root-2026.crt", 404);
    for (Map.Entry<String, Integer> entry : expected.entrySet()) {
      HttpResponse<byte[]> response = get(entry.getKey(), "GET");
      assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(entry.getValue());
      assertPlain(response, entry.getKey());
      assertThat(new String(response.body(), StandardCharsets.UTF_8))
          .doesNotContain("outside the publication");
    }
    HttpResponse<byte[]> post = get("manifest.json", "POST");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    assertPlain(post, "POST");
  }

  @Test
  void headEqualsGetWithoutTheBody() throws Exception {
    HttpResponse<byte[]> get = get("bundles/aws.example.org.json", "GET");
    HttpResponse<byte[]> head = get("bundles/aws.example.org.json", "HEAD");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .isEqualTo(get.headers().firstValue("Content-Length"));
    assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
  }

  private static void assertPlain(HttpResponse<byte[]> response, String what) {
    assertThat(response.headers().firstValue("Content-Type")).as(what).contains("text/plain");
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(body).as(what).doesNotContain("<").endsWith("\n");
    assertThat(body.lines()).as(what).hasSize(1);
  }

  private static HttpResponse<byte[]> get(String path, String method) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"
        + path)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private record Result(int exit, String err) {}

  private static Result fetch(String[] common, String... more) {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new FetchCommand(PublicationFixture.clock()));
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(new StringWriter(), true));
    String[] args = Stream.concat(Arrays.stream(common), Arrays.stream(more))
        .toArray(String[]::new);
    return new Result(line.execute(args), err.toString());
  }

  private static Path writeConfig(int port) throws IOException {
    String shipped = Files.readString(Repo.root().resolve("bundle-server/deploy/nginx.conf"));
    String conf = shipped;
    Map<String, String> site = Map.of(
        "pid /run/anchorhold-nginx.pid;", "pid " + work.resolve("nginx.pid") + ";",
        "error_log /var/log/nginx/anchorhold-error.log warn;",
        "error_log " + work.resolve("error.log") + " info;",
        "access_log /var/log/nginx/anchorhold-access.log;",
        "access_log " + work.resolve("access.log") + ";",
        "listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;",
        "ssl_certificate /etc/anchorhold/tls/cert.pem;",
        "ssl_certificate " + work.resolve("cert.pem") + ";",
        "ssl_certificate_key /etc/anchorhold/tls/key.pem;",
        "ssl_certificate_key " + work.resolve("key.pem") + ";",
        "root /srv/anchorhold/publications/current;",
        "root " + publications.resolve("current") + ";");
    for (Map.Entry<String, String> entry : site.entrySet()) {
      assertThat(conf).as("shipped nginx.conf").contains(entry.getKey());
      conf = conf.replace(entry.getKey(), entry.getValue());
    }
    Path file = work.resolve("nginx-" + port + ".conf");
    Files.writeString(file, conf);
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean awaitPort(Process process, int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException e) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
    return false;
  }

  private static SSLContext trusting(Issued cert) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("tls", cert.cert());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
