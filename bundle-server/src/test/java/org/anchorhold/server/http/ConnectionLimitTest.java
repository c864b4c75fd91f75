package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.RawHttp;
import org.junit.jupiter.api.Test;

class ConnectionLimitTest {
  private static final byte[] GET = ("GET /manifest.json HTTP/1.1\r\nHost: t\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  /** One I/O thread: XNIO splits the limit between I/O threads, which would blur the count. */
  @Test
  void connectionsAboveTheLimit_waitUntilOthersClose() throws Exception {
    ServerLimits limits = new ServerLimits(3, 8192, 50, Duration.ofSeconds(10),
        Duration.ofSeconds(30), 1);
    BundleHttpServer server = Fixtures.plainServer(Fixtures.store(Fixtures.publication(1)),
        Clock.systemUTC(), limits);
    List<Socket> answered = new ArrayList<>();
    List<Socket> waiting = new ArrayList<>();
    try {
      InetSocketAddress address = server.address("http");
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.getOutputStream().write(GET);
        sockets.add(socket);
      }
      for (Socket socket : sockets) {
        socket.setSoTimeout(1_000);
        try {
          assertThat(RawHttp.read(socket.getInputStream(), false).status()).isEqualTo(200);
          answered.add(socket);
        } catch (SocketTimeoutException e) {
          waiting.add(socket);
        }
      }

      assertThat(answered).hasSizeBetween(1, 3);
      for (Socket socket : answered) {
        socket.close();
      }
      // Each answered connection is closed at once, so the next waiting one gets its slot even
      // when a slow machine let fewer than three answer within the first second.
      for (Socket socket : waiting) {
        socket.setSoTimeout(10_000);
        assertThat(RawHttp.read(socket.getInputStream(), false).status()).isEqualTo(200);
        socket.close();
      }
    } finally {
      for (Socket socket : waiting) {
        socket.close();
      }
      server.stop(Duration.ofSeconds(1));
    }
  }
}
