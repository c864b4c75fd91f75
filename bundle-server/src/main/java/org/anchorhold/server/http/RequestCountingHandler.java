package org.anchorhold.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.anchorhold.server.health.RequestMetrics;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.Snapshot;

/** Counts every answered request by path label and status into {@link RequestMetrics}. */
public final class RequestCountingHandler implements HttpHandler {
  private final HttpHandler next;
  private final RequestMetrics metrics;
  private final PublicationStore store;

  /** Wraps {@code next}. */
  public RequestCountingHandler(HttpHandler next, RequestMetrics metrics, PublicationStore store) {
    this.next = next;
    this.metrics = metrics;
    this.store = store;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addExchangeCompleteListener((done, nextListener) -> {
      metrics.increment(label(done.getRequestURI()), done.getStatusCode());
      nextListener.proceed();
    });
    next.handleRequest(exchange);
  }

  private String label(String rawTarget) {
    if (BundleHttpServer.HEALTH_PATH.equals(rawTarget)) {
      return rawTarget;
    }
    Snapshot snapshot = store.current();
    return PublicationHandler.lookup(snapshot, rawTarget) != null ? rawTarget
        : RequestMetrics.OTHER;
  }
}
