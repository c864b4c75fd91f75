package org.anchorhold.ceremony.state;

/** The CA state directory cannot be read, is inconsistent, or cannot take a change. */
public final class StateException extends Exception {
  private static final long serialVersionUID = 1L;

  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
