package org.anchorhold.server.serve;

/** A publication directory could not be loaded or failed verification; one lowercase line. */
public final class PublicationRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line reason. */
  public PublicationRefusedException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line reason and its cause. */
  public PublicationRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
