package org.anchorhold.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one access log line per answered request: method, path, status, bytes and time, to
 * the {@code org.anchorhold.server.access} logger.
 */
public final class AccessLogHandler implements HttpHandler {
  private static final Logger ACCESS = LoggerFactory.getLogger("org.anchorhold.server.access");
  /** Longest path written; an attacker's 64 KB URL must not become a 64 KB log line. */
  private static final int MAX_PATH = 200;
  private final HttpHandler next;

  /** Wraps {@code next}. */
  public AccessLogHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (ACCESS.isInfoEnabled()) {
      long start = System.nanoTime();
      exchange.addExchangeCompleteListener((done, nextListener) -> {
        ACCESS.info("Request client={} method={} path={} status={} bytes={} micros={}",
            done.getSourceAddress() == null ? "-" : done.getSourceAddress().getAddress()
                .getHostAddress(),
            printable(done.getRequestMethod().toString()), printable(done.getRequestURI()),
            done.getStatusCode(), done.getResponseBytesSent(),
            (System.nanoTime() - start) / 1000);
        nextListener.proceed();
      });
    }
    next.handleRequest(exchange);
  }

  /** Escapes everything outside printable ASCII and cuts long values: no log injection. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_PATH) + 8);
    for (int i = 0; i < value.length() && i < MAX_PATH; i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '\\' || c == '"') {
        out.append(String.format("\\x%02x", (int) c & 0xff));
      } else {
        out.append(c);
      }
    }
    if (value.length() > MAX_PATH) {
      out.append("...");
    }
    return out.toString();
  }
}
