package org.anchorhold.ceremony.hsm;

/** An HSM operation failed; the message names the token, key or PKCS#11 cause, never a PIN. */
public final class HsmException extends Exception {
  private static final long serialVersionUID = 1L;

  public HsmException(String message) {
    super(message);
  }

  public HsmException(String message, Throwable cause) {
    super(message, cause);
  }
}
