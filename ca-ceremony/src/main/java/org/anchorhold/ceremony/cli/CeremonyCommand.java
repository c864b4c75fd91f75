package org.anchorhold.ceremony.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ceremony} command: validate and run ceremony files, check the HSM, report the state.
 * Exit codes: 0 done; 1 the ceremony failed or the state directory cannot be used; 2 bad
 * command line, ceremony file or HSM profile.
 */
@Command(
    name = "ceremony",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Offline root CA ceremonies on a PKCS#11 HSM.",
    subcommands = {ValidateCommand.class, RunCommand.class, HsmCommand.class,
        StatusCommand.class},
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.FAILED)
public final class CeremonyCommand implements Runnable {
  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Builds the command line with the given streams and clock, for the launcher and tests. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, Clock clock) {
    CommandLine commandLine = new CommandLine(new CeremonyCommand(), new Factory(clock));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new FailureHandler());
    return commandLine;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(out, err, Clock.systemUTC()).execute(args));
  }

  /** Gives every subcommand the clock; tests pass a fixed one. */
  private static final class Factory implements CommandLine.IFactory {
    private final Clock clock;

    Factory(Clock clock) {
      this.clock = clock;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (ClockAware.class.isAssignableFrom(type)) {
        K command = CommandLine.defaultFactory().create(type);
        ((ClockAware) command).setClock(clock);
        return command;
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
