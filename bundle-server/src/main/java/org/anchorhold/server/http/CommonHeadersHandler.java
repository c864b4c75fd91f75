package org.anchorhold.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Headers on every answer: {@code X-Content-Type-Options: nosniff}, so no client guesses an
 * HTML type for a bundle (PROFILES.md, bundle endpoint).
 */
public final class CommonHeadersHandler implements HttpHandler {
  private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
  private final HttpHandler next;

  /** Wraps {@code next}. */
  public CommonHeadersHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.getResponseHeaders().put(NOSNIFF, "nosniff");
    next.handleRequest(exchange);
  }
}
