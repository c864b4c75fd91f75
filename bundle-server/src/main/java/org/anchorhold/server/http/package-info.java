/**
 * The HTTP side: small Undertow handlers, one job each, composed by {@link
 * org.anchorhold.server.http.BundleHttpServer}: access log, request metrics, common headers,
 * method filter, health, and the publication itself served from memory.
 *
 * <p>Usage: {@code BundleHttpServer.start(config, store, tls, metrics)} and {@code stop()}.
 */
package org.anchorhold.server.http;
