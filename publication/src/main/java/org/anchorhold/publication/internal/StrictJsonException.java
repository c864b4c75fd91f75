package org.anchorhold.publication.internal;

/** A JSON document broke a strict-reading rule; the message names the dotted key. */
public final class StrictJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line lowercase message. */
  public StrictJsonException(String message) {
    super(message);
  }
}
