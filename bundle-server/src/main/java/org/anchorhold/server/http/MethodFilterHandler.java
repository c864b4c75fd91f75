package org.anchorhold.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/** Lets GET and HEAD through; anything else gets 405 with {@code Allow} (RFC 9110 §15.5.6). */
public final class MethodFilterHandler implements HttpHandler {
  private final HttpHandler next;

  /** Wraps {@code next}. */
  public MethodFilterHandler(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HttpString method = exchange.getRequestMethod();
    if (Methods.GET.equals(method) || Methods.HEAD.equals(method)) {
      next.handleRequest(exchange);
      return;
    }
    Responses.methodNotAllowed(exchange);
  }
}
