package org.anchorhold.server.tls;

/** The serving certificate or key is unusable; the message says what is wrong, on one line. */
public final class TlsIdentityException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line reason. */
  public TlsIdentityException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line reason and its cause. */
  public TlsIdentityException(String message, Throwable cause) {
    super(message, cause);
  }
}
