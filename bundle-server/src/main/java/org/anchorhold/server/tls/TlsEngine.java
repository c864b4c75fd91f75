package org.anchorhold.server.tls;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The TLS implementation that runs the handshakes and record layer of the HTTPS listener. */
public enum TlsEngine {
  /**
   * BoringSSL through Conscrypt's JNI library: full and resumed handshakes cost a fraction of
   * the JDK's. Needs the native library for the platform, which the Conscrypt jar carries for
   * Linux and macOS on x86-64 and aarch64 and Windows on x86-64.
   */
  CONSCRYPT,

  /** The JDK's own JSSE, pure Java: for platforms without Conscrypt's native library. */
  JDK;

  /** The name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The engine named {@code label}, ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static TlsEngine fromLabel(String label) {
    for (TlsEngine engine : values()) {
      if (engine.label().equalsIgnoreCase(label)) {
        return engine;
      }
    }
    throw new IllegalArgumentException("tls engine must be one of "
        + Arrays.stream(values()).map(TlsEngine::label).collect(Collectors.joining(", "))
        + ", not '" + label + "'");
  }
}
