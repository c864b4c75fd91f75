package org.anchorhold.server.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.time.Clock;
import org.anchorhold.server.serve.PublicationStore;

/** Answers {@code /healthz}: 200 with the report while valid, 503 once anything expired. */
public final class HealthHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PublicationStore store;
  private final Clock clock;

  /** Creates the handler over {@code store}. */
  public HealthHandler(PublicationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws JsonProcessingException {
    HealthReport report = HealthReport.of(store, clock.instant());
    byte[] body = JSON.writeValueAsBytes(report);
    exchange.setStatusCode(report.healthy() ? 200 : 503);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    if (exchange.getRequestMethod().equalToString("HEAD")) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
