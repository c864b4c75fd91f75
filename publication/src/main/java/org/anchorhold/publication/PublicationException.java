package org.anchorhold.publication;

/** A publication failed to verify or could not be read or written; one lowercase line. */
public final class PublicationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line lowercase message that holds no secret. */
  public PublicationException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line lowercase message and its cause. */
  public PublicationException(String message, Throwable cause) {
    super(message, cause);
  }
}
