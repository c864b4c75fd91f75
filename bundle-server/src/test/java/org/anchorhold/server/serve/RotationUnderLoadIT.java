package org.anchorhold.server.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.RawHttp;
import org.anchorhold.server.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 TLS keep-alive clients poll for at least a minute while 200 publications arrive, one of
 * them tampered: every answer is complete, matches its ETag and parses; no client ever sees a
 * lower sequence after a higher one; the tampered sequence is never served.
 */
class RotationUnderLoadIT {
  private static final int CLIENTS = 50;
  private static final int PUBLICATIONS = 200;
  private static final long FIRST = 1;
  private static final long LAST = FIRST + PUBLICATIONS;
  private static final long TAMPERED = 100;
  private static final long PACE_MILLIS = 100;
  private static final Duration MIN_LOAD = Duration.ofSeconds(62);
  private static final Duration DEADLINE = Duration.ofSeconds(240);
  private static final long MAX_REQUESTS_PER_CLIENT = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] PATHS = {"/manifest.json", "/bundles/example.org.json"};

  @TempDir
  Path tmp;

  private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong highestSeen = new AtomicLong();
  private final AtomicBoolean tamperedSeen = new AtomicBoolean();

  @Test
  void rotationUnderLoad_neverServesTornRolledBackOrTamperedPublications() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("publications"));
    Path staging = Files.createDirectory(tmp.resolve("staging"));
    Publications pki = new Publications();
    pki.write(publications, FIRST);

    try (RunningServer server = tls.start(publications,
        new VerifyingLoader(pki.roots(), java.time.Clock.systemUTC()), Duration.ofSeconds(2))) {
      InetSocketAddress address = server.http().address("https");
      SSLSocketFactory sockets = tls.clientContext().getSocketFactory();
      long start = System.nanoTime();
      long deadline = start + DEADLINE.toNanos();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int id = i;
        Thread client = new Thread(() -> poll(id, sockets, address, stop, deadline),
            "client-" + i);
        client.start();
        clients.add(client);
      }

      for (long sequence = FIRST + 1; sequence <= LAST && System.nanoTime() < deadline;
          sequence++) {
        if (sequence == TAMPERED) {
          Path dir = pki.write(staging, sequence);
          Path bundle = dir.resolve("bundles/example.org.json");
          String text = Files.readString(bundle, StandardCharsets.UTF_8);
          bundle.toFile().setWritable(true);
          Files.writeString(bundle, text.replace("\"spiffe_refresh_hint\":60",
              "\"spiffe_refresh_hint\":61"), StandardCharsets.UTF_8);
          Files.move(dir, publications.resolve(dir.getFileName()));
        } else {
          pki.write(publications, sequence);
        }
        Thread.sleep(PACE_MILLIS);
      }
      while ((System.nanoTime() - start < MIN_LOAD.toNanos() || highestSeen.get() < LAST)
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      stop.set(true);
      for (Thread client : clients) {
        client.join(30_000);
      }

      System.out.printf("rotation: %d requests by %d clients in %d s, %d refused%n",
          requests.get(), CLIENTS, (System.nanoTime() - start) / 1_000_000_000L,
          server.store().refusalCount());
      assertThat(errors).as("client errors").isEmpty();
      assertThat(tamperedSeen).as("tampered sequence served").isFalse();
      assertThat(highestSeen.get()).isEqualTo(LAST);
      assertThat(server.store().current().sequence()).isEqualTo(LAST);
      assertThat(server.store().lastRefusal().source()).isEqualTo(String.format("%012d",
          TAMPERED));
      assertThat(server.store().lastRefusal().reason()).contains("sha-256");
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(MIN_LOAD.toNanos());
      assertThat(requests.get()).isGreaterThan(CLIENTS * 20L);
    }
  }

  private void poll(int id, SSLSocketFactory sockets, InetSocketAddress address,
      AtomicBoolean stop, long deadline) {
    long lastSequence = 0;
    SSLSocket socket = null;
    try {
      for (long n = 0; n < MAX_REQUESTS_PER_CLIENT && !stop.get()
          && System.nanoTime() < deadline; n++) {
        if (socket == null || socket.isClosed()) {
          socket = (SSLSocket) sockets.createSocket(address.getAddress(), address.getPort());
          socket.setSoTimeout(20_000);
        }
        String path = PATHS[(int) (n % PATHS.length)];
        RawHttp.Response response;
        try {
          response = RawHttp.exchange(socket, ("GET " + path + " HTTP/1.1\r\nHost: localhost"
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false, 1).get(0);
        } catch (IOException e) {
          socket.close();
          socket = null;
          continue;
        }
        if (response.closed()) {
          socket.close();
          socket = null;
          continue;
        }
        requests.incrementAndGet();
        long sequence = check(path, response);
        if (sequence < lastSequence) {
          errors.add("client " + id + " saw " + sequence + " after " + lastSequence);
        }
        lastSequence = Math.max(lastSequence, sequence);
        highestSeen.accumulateAndGet(sequence, Math::max);
      }
    } catch (IOException | RuntimeException e) {
      errors.add("client " + id + ": " + e);
    } finally {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          errors.add("client " + id + " close: " + e);
        }
      }
    }
  }

  private long check(String path, RawHttp.Response response) throws IOException {
    if (response.status() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusLine());
    }
    if (Integer.parseInt(response.header("Content-Length")) != response.body().length) {
      throw new IllegalStateException(path + " body shorter than its Content-Length");
    }
    if (!response.header("ETag").equals('"' + Fixtures.sha256(response.body()) + '"')) {
      throw new IllegalStateException(path + " body does not match its ETag");
    }
    JsonNode json = JSON.readTree(response.body());
    long sequence = json.has("sequence") ? json.get("sequence").asLong()
        : json.get("spiffe_sequence").asLong();
    if (sequence == TAMPERED) {
      tamperedSeen.set(true);
    }
    return sequence;
  }
}
