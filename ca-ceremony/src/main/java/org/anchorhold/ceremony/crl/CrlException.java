package org.anchorhold.ceremony.crl;

/** A CRL cannot be drafted: the state, the settings or the published CRL do not allow it. */
public final class CrlException extends Exception {
  private static final long serialVersionUID = 1L;

  public CrlException(String message) {
    super(message);
  }

  public CrlException(String message, Throwable cause) {
    super(message, cause);
  }
}
