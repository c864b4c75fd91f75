package org.anchorhold.ceremony.cli;

/** The exit codes of DESIGN.md. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
