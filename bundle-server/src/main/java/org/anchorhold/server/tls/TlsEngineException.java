package org.anchorhold.server.tls;

/** The chosen TLS engine cannot run here; the message says why and what to do, on one line. */
public final class TlsEngineException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line reason and its cause. */
  public TlsEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
