package org.anchorhold.server.cli;

/** The server cannot start; the message says why, on one line. */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line reason and its cause. */
  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
