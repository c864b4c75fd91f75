/**
 * Monitoring: {@code /healthz} (JSON, 503 once the manifest or a CRL has expired) and
 * {@code /metrics} (Prometheus text format 0.0.4) over the {@link
 * org.anchorhold.server.serve.PublicationStore} and the {@link
 * org.anchorhold.server.health.RequestMetrics} the HTTP side counts into.
 */
package org.anchorhold.server.health;
