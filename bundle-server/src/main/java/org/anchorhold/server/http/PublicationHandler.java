package org.anchorhold.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.ServedFile;
import org.anchorhold.server.serve.Snapshot;

/**
 * Serves the files of the current snapshot from memory, and nothing else.
 *
 * <p>The raw request target is matched byte for byte against the manifest's paths, before any
 * decoding, so no percent-encoding, dot segment, backslash or NUL can reach another file
 * (FIELD-CASES F14); there is no file system access per request. Range is ignored and no
 * {@code Accept-Ranges} is sent, which RFC 9110 §14.2 allows.
 */
public final class PublicationHandler implements HttpHandler {
  private final PublicationStore store;
  private final Clock clock;
  private final long maxAgeCapSeconds;

  /**
   * Creates the handler.
   *
   * @param maxAgeCap the longest {@code Cache-Control: max-age}; the bundles' refresh hint and
   *     the manifest's remaining lifetime lower it further
   */
  public PublicationHandler(PublicationStore store, Clock clock, Duration maxAgeCap) {
    this.store = store;
    this.clock = clock;
    this.maxAgeCapSeconds = maxAgeCap.toSeconds();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Snapshot snapshot = store.current();
    ServedFile file = lookup(snapshot, exchange.getRequestURI());
    if (file == null) {
      Responses.notFound(exchange);
      return;
    }

    HeaderMap headers = exchange.getResponseHeaders();
    headers.put(Headers.ETAG, file.etag());
    headers.put(Headers.LAST_MODIFIED, DateUtils.toDateString(Date.from(file.lastModified())));
    headers.put(Headers.CACHE_CONTROL, "max-age=" + maxAge(snapshot));
    if (notModified(exchange, file)) {
      exchange.setStatusCode(304);
      exchange.endExchange();
      return;
    }

    headers.put(Headers.CONTENT_TYPE, file.contentType());
    Responses.sendBody(exchange, file.bodyView());
  }

  /** The served file for a raw request target, or null; the query string is not part of it. */
  static ServedFile lookup(Snapshot snapshot, String rawTarget) {
    if (snapshot == null || rawTarget.length() < 2 || rawTarget.charAt(0) != '/') {
      return null;
    }
    return snapshot.file(rawTarget.substring(1));
  }

  /**
   * RFC 9110 §13.2.2: If-None-Match is evaluated first, and when present If-Modified-Since is
   * ignored, so a date can never hide a changed entity tag (FIELD-CASES F15).
   */
  private static boolean notModified(HttpServerExchange exchange, ServedFile file) {
    String ifNoneMatch = exchange.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return EntityTags.noneMatchHits(ifNoneMatch, file.etag());
    }
    String ifModifiedSince = exchange.getRequestHeaders().getFirst(Headers.IF_MODIFIED_SINCE);
    if (ifModifiedSince == null) {
      return false;
    }
    return !DateUtils.handleIfModifiedSince(ifModifiedSince, Date.from(file.lastModified()));
  }

  /** Never longer than the refresh hint, the cap, or what is left of the manifest's life. */
  private long maxAge(Snapshot snapshot) {
    long left = Math.max(0, Duration.between(clock.instant(), snapshot.expires()).toSeconds());
    long maxAge = Math.min(maxAgeCapSeconds, left);
    if (snapshot.refreshHintSeconds().isPresent()) {
      maxAge = Math.min(maxAge, snapshot.refreshHintSeconds().getAsLong());
    }
    return maxAge;
  }
}
