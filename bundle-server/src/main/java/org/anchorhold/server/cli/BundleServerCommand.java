package org.anchorhold.server.cli;

import java.util.concurrent.Callable;
import org.anchorhold.server.fetch.FetchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code bundle-server} command; the work is in its subcommands. */
@Command(name = "bundle-server", mixinStandardHelpOptions = true,
    version = "bundle-server 0.1.0",
    description = "Serves signed Anchorhold publications over HTTPS.",
    subcommands = {ServeCommand.class, FetchCommand.class})
public final class BundleServerCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // Undertow and XNIO log through jboss-logging; route them to SLF4J and logback.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new BundleServerCommand());
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}
