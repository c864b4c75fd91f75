package org.anchorhold.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Short generic error answers: no detail for the client, the detail goes to the log. */
final class Responses {
  static final String ALLOW = "GET, HEAD";
  private static final ByteBuffer NOT_FOUND = text("not found\n");
  private static final ByteBuffer METHOD_NOT_ALLOWED = text("method not allowed\n");
  private static final String TEXT = "text/plain; charset=utf-8";

  private Responses() {}

  static void notFound(HttpServerExchange exchange) {
    send(exchange, 404, NOT_FOUND);
  }

  static void methodNotAllowed(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.ALLOW, ALLOW);
    send(exchange, 405, METHOD_NOT_ALLOWED);
  }

  /** Sends a fixed body; a HEAD answer carries the same headers and no body. */
  static void send(HttpServerExchange exchange, int status, ByteBuffer body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TEXT);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    sendBody(exchange, body);
  }

  /** Sets one Content-Length and sends the body unless the method is HEAD. */
  static void sendBody(HttpServerExchange exchange, ByteBuffer body) {
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
    if (isHead(exchange.getRequestMethod())) {
      exchange.endExchange();
      return;
    }
    exchange.getResponseSender().send(body.duplicate());
  }

  static boolean isHead(HttpString method) {
    return Methods.HEAD.equals(method);
  }

  static ByteBuffer text(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
    direct.put(bytes).flip();
    return direct.asReadOnlyBuffer();
  }
}
