package org.anchorhold.server.tls;

import java.security.Provider;
import javax.net.ssl.SSLEngine;
import org.conscrypt.Conscrypt;
import org.conscrypt.HandshakeListener;

/**
 * Conscrypt as a provider instance for one SSL context only: it is never installed JVM-wide, so
 * the rest of the JVM (the publication checks, {@code fetch}) keeps the JDK's providers.
 */
final class ConscryptProvider {
  /** Direct buffers kept between calls: a few for each I/O thread of a small server. */
  private static final int POOLED_BUFFERS = 16;
  private static final PooledDirectBuffers BUFFERS = new PooledDirectBuffers(POOLED_BUFFERS);

  private ConscryptProvider() {}

  /**
   * A new Conscrypt provider, after loading its native library.
   *
   * @throws TlsEngineException when the library does not load on this platform; there is no
   *     fallback to the JDK engine, which the operator chooses explicitly
   */
  static Provider load() throws TlsEngineException {
    try {
      Conscrypt.checkAvailability();
      return Conscrypt.newProvider();
    } catch (LinkageError | RuntimeException e) {
      throw new TlsEngineException("tls engine conscrypt cannot load its native library on "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " ("
          + oneLine(e) + "); start with --tls-engine jdk on this platform", e);
    }
  }

  /**
   * Sets up a new server engine: direct buffers from the shared pool, and tickets as asked.
   * Conscrypt's server issues no session tickets unless asked,
   * which also means no TLS 1.3 resumption: BoringSSL resumes TLS 1.3 only by ticket. TLS 1.2
   * clients can still resume by session ID from BoringSSL's own server cache, which Conscrypt
   * offers no switch for; with resumption off each session is therefore invalidated as soon as
   * its handshake ends (RFC 5246 §7.4.1.2: a server may decline to resume any session), so the
   * cache never holds a resumable one.
   */
  static void prepare(SSLEngine engine, boolean resumption) {
    Conscrypt.setBufferAllocator(engine, BUFFERS);
    Conscrypt.setUseSessionTickets(engine, resumption);
    if (!resumption) {
      Conscrypt.setHandshakeListener(engine, new HandshakeListener() {
        @Override
        public void onHandshakeFinished() {
          engine.getSession().invalidate();
        }
      });
    }
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }
}
