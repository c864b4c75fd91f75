package org.anchorhold.server.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.ServerProcess;
import org.anchorhold.server.testing.TestPki;
import org.anchorhold.server.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher end to end: start, serve over TLS, follow a new publication, stop on SIGTERM. */
class ServeProcessIT {
  @TempDir
  Path tmp;

  @Test
  void launcher_servesFollowsAndStopsCleanlyOnSigterm() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("publications"));
    Publications pki = new Publications();
    pki.write(publications, 1);
    Path root = TestPki.writePem(tmp.resolve("root.pem"), pki.root.cert());

    try (ServerProcess server = ServerProcess.start(List.of("--publications",
        publications.toString(), "--listen", "127.0.0.1:0", "--tls-cert",
        tls.certFile().toString(), "--tls-key", tls.keyFile().toString(), "--server-name",
        "localhost", "--trust-root", root.toString(), "--admin-listen", "127.0.0.1:0",
        "--rescan", "1s"), List.of(), tmp.resolve("server.log"))) {
      InetSocketAddress https = server.address("https");
      HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext())
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      URI bundle = URI.create("https://localhost:" + https.getPort()
          + "/bundles/example.org.json");

      HttpResponse<String> first = client.send(HttpRequest.newBuilder(bundle).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("\"spiffe_sequence\":1");

      pki.write(publications, 2);
      Instant deadline = Instant.now().plusSeconds(30);
      String body = first.body();
      while (!body.contains("\"spiffe_sequence\":2") && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
        body = client.send(HttpRequest.newBuilder(bundle).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      }
      assertThat(body).contains("\"spiffe_sequence\":2");

      RawHttp.Response metrics = RawHttp.send(server.address("admin"),
          "GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
      assertThat(metrics.text()).contains("anchorhold_publication_sequence 2");
      assertThat(server.log()).contains("Publication swapped sequence=2");

      int exit = server.terminate();
      assertThat(exit).as(server.log()).isIn(0, 143);
      assertThat(server.log()).contains("Server stopped");
    }
  }

  @Test
  void launcher_conscryptNativeLibraryMissing_exits1WithOneLineAndNoFallback() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("publications"));
    Publications pki = new Publications();
    pki.write(publications, 1);
    Path root = TestPki.writePem(tmp.resolve("root.pem"), pki.root.cert());
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.launcher().toString(), "serve",
        "--publications", publications.toString(), "--listen", "127.0.0.1:0", "--tls-cert",
        tls.certFile().toString(), "--tls-key", tls.keyFile().toString(), "--trust-root",
        root.toString());
    // Conscrypt picks its library by os.arch; one it has no library for stands for a platform
    // without it.
    builder.environment().put("BUNDLE_SERVER_EXTRA_OPTS", "-Dos.arch=sparcv9");
    builder.redirectErrorStream(true);

    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(1);
    List<String> failures = output.lines().filter(l -> l.startsWith("serve failed:")).toList();
    assertThat(failures).as(output).singleElement().asString()
        .startsWith("serve failed: tls engine conscrypt cannot load its native library")
        .endsWith("start with --tls-engine jdk on this platform");
    assertThat(output).doesNotContain("Server listening");
  }
}
