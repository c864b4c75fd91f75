package org.anchorhold.ceremony.csr;

/** A certificate signing request was refused; the message says why in one line. */
public final class CsrException extends Exception {
  private static final long serialVersionUID = 1L;

  public CsrException(String message) {
    super(message);
  }

  public CsrException(String message, Throwable cause) {
    super(message, cause);
  }
}
