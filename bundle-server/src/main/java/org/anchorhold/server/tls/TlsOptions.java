package org.anchorhold.server.tls;

import java.util.Objects;

/**
 * How the HTTPS listener runs TLS.
 *
 * @param engine the TLS implementation
 * @param resumption whether clients may resume sessions (session IDs and tickets); off makes
 *     every connection a full handshake, which only benchmarks and tests want
 */
public record TlsOptions(TlsEngine engine, boolean resumption) {
  /** Conscrypt with resumption: the production setting. */
  public static final TlsOptions DEFAULTS = new TlsOptions(TlsEngine.CONSCRYPT, true);

  /**
   * Refuses resumption off on the JDK engine, whose server cannot turn it off for one context:
   * only JVM-wide {@code jdk.tls.server.*} system properties reach its tickets and PSKs.
   */
  public TlsOptions {
    Objects.requireNonNull(engine, "engine");
    if (engine == TlsEngine.JDK && !resumption) {
      throw new IllegalArgumentException("turning tls resumption off needs the conscrypt"
          + " tls engine; the jdk engine resumes sessions unless JVM-wide jdk.tls.server.*"
          + " properties say otherwise");
    }
  }
}
