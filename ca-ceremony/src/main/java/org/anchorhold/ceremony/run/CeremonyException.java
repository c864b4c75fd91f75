package org.anchorhold.ceremony.run;

/** A ceremony could not be completed; nothing was written. The CLI exits 1 on it. */
public final class CeremonyException extends Exception {
  private static final long serialVersionUID = 1L;

  public CeremonyException(String message) {
    super(message);
  }

  public CeremonyException(String message, Throwable cause) {
    super(message, cause);
  }
}
