package org.anchorhold.server.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.fixtures.TestPki.Issued;

/**
 * A small HTTPS server on 127.0.0.1 and an ephemeral port that serves a publication from memory
 * at its root, as the bundle server does, with answers a test can replace per path.
 */
final class TestHttpsServer implements AutoCloseable {
  /** A canned answer. */
  record Answer(int status, String contentType, byte[] body) {}

  private final HttpsServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Answer> overrides = new ConcurrentHashMap<>();

  TestHttpsServer(Issued tls, Map<String, byte[]> publication) throws Exception {
    files.putAll(publication);
    char[] password = "test-only".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("tls", tls.keys().getPrivate(), password,
        new Certificate[] {tls.cert()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, by name so the certificate's DNS name matches. */
  String url() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** Replaces the answer for one path. */
  void override(String path, Answer answer) {
    overrides.put(path, answer);
  }

  /** Replaces the whole publication served. */
  void serve(Map<String, byte[]> publication) {
    files.clear();
    files.putAll(publication);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(1);
      Answer answer = overrides.get(path);
      if (answer == null) {
        byte[] body = files.get(path);
        answer = body == null ? new Answer(404, "text/plain", "not found\n".getBytes())
            : new Answer(200, PublicationLayout.contentType(path).orElseThrow(), body);
      }
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
