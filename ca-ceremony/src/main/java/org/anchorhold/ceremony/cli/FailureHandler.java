package org.anchorhold.ceremony.cli;

import picocli.CommandLine;

/**
 * Prints an unexpected failure as one line (the stack trace only with --verbose) and exits 1.
 * Expected failures are handled by each command, which knows the ceremony type.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine,
      CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("ceremony failed unexpectedly: " + e);
    if (parseResult.hasMatchedOption("--verbose")) {
      e.printStackTrace(commandLine.getErr());
    }
    commandLine.getErr().flush();
    return ExitCodes.FAILED;
  }
}
