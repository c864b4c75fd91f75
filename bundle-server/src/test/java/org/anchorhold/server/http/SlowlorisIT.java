package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.serve.VerifyingLoader;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.TlsFixtures;
import org.anchorhold.server.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slowloris with Debian's slowhttptest while a probe keeps asking: the parse timeout closes the
 * slow connections and every probe is answered.
 */
class SlowlorisIT {
  private static final int ATTACK_SECONDS = 40;

  @TempDir
  Path tmp;

  @Test
  void slowloris_probeKeepsGettingAnswers() throws Exception {
    Tools.require("slowhttptest", "slowhttptest");
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("publications"));
    Publications pki = new Publications();
    pki.write(publications, 1);

    try (RunningServer server = tls.start(publications,
        new VerifyingLoader(pki.roots(), Clock.systemUTC()), Duration.ofSeconds(30))) {
      int port = server.http().address("https").getPort();
      URI probeUri = URI.create("https://localhost:" + port + "/bundles/example.org.json");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      Thread probe = new Thread(() -> {
        try {
          while (!stop.get()) {
            // A new client each time: a new TLS connection, as a polling relying party makes.
            HttpClient client = HttpClient.newBuilder().sslContext(tls.clientContext())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
            try {
              HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(probeUri)
                  .timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofByteArray());
              if (r.statusCode() == 200) {
                answered.incrementAndGet();
              } else {
                failures.add("status " + r.statusCode());
              }
            } catch (java.io.IOException e) {
              failures.add(e.toString());
            }
            Thread.sleep(500);
          }
        } catch (Exception e) {
          failures.add("probe stopped: " + e);
        }
      }, "probe");

      probe.start();
      Tools.Result attack = Tools.run(List.of("slowhttptest", "-H", "-c", "500", "-r", "100",
          "-i", "5", "-x", "24", "-p", "10", "-l", Integer.toString(ATTACK_SECONDS), "-t", "GET",
          "-u", probeUri.toString().replace("localhost", "127.0.0.1")), "",
          ATTACK_SECONDS + 60);
      stop.set(true);
      probe.join(20_000);

      System.out.println("slowloris: probe answered " + answered.get() + " times, "
          + failures.size() + " failures");
      String report = attack.output().replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
      assertThat(report).as(report).contains("SLOW HEADERS").contains("Exit status")
          .containsPattern("closed:\\s+[1-9]");
      // slowhttptest's own probe: it reports NO once the server stops answering.
      assertThat(report).as(report).doesNotContainPattern("service available:\\s+NO");
      assertThat(failures).as("probe failures").isEmpty();
      assertThat(answered.get()).isGreaterThanOrEqualTo(10);
    }
  }
}
