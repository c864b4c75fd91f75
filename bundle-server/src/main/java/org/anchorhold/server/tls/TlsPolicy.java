package org.anchorhold.server.tls;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSessionContext;

/**
 * Protocols and cipher suites per Mozilla's intermediate profile, as PROFILES.md requires for
 * the bundle endpoint: TLS 1.3 and 1.2 only, AEAD suites with forward secrecy only.
 */
public final class TlsPolicy {
  /** TLS 1.3 first; nothing older than 1.2. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** AEAD suites only: AES-GCM and ChaCha20-Poly1305, ECDHE for TLS 1.2. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** Sessions the JDK engine keeps for resumption: polling clients come back within minutes. */
  static final int SESSION_CACHE_SIZE = 4096;
  /**
   * Conscrypt's server resumes from BoringSSL's own session cache and from tickets; its Java
   * session cache is a copy that no handshake reads, each entry pinning a native session. Kept
   * small, it bounds that memory.
   */
  static final int CONSCRYPT_SESSION_COPIES = 16;
  /** How long a session may be resumed. */
  static final int SESSION_TIMEOUT_SECONDS = 3600;

  private TlsPolicy() {}

  /**
   * An SSL context of the chosen engine over the given key manager, with the JDK's trust and
   * randomness.
   *
   * @throws TlsEngineException when the engine cannot run on this platform
   */
  public static SSLContext context(ReloadingKeyManager keyManager, TlsOptions options)
      throws TlsIdentityException, TlsEngineException {
    try {
      SSLContext context;
      if (options.engine() == TlsEngine.CONSCRYPT) {
        Provider conscrypt = ConscryptProvider.load();
        keyManager.holdKeysIn(conscrypt);
        context = SSLContext.getInstance("TLS", conscrypt);
      } else {
        context = SSLContext.getInstance("TLS");
      }
      context.init(new KeyManager[] {keyManager}, null, new SecureRandom());
      SSLSessionContext sessions = context.getServerSessionContext();
      // Bounded so that a handshake flood cannot grow the memory without limit.
      sessions.setSessionCacheSize(options.engine() == TlsEngine.JDK ? SESSION_CACHE_SIZE
          : CONSCRYPT_SESSION_COPIES);
      sessions.setSessionTimeout(SESSION_TIMEOUT_SECONDS);
      if (options.engine() == TlsEngine.JDK) {
        return context;
      }
      boolean resumption = options.resumption();
      return new EngineSetupContext(context,
          engine -> ConscryptProvider.prepare(engine, resumption));
    } catch (GeneralSecurityException e) {
      throw new TlsIdentityException("tls context cannot be created: " + e.getMessage(), e);
    }
  }

  /** The policy's suites this JDK supports, in policy order. */
  public static String[] supportedSuites(SSLContext context) {
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
    return CIPHER_SUITES.stream().filter(supported::contains).toArray(String[]::new);
  }
}
