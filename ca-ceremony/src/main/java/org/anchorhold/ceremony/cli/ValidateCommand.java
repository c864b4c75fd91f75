package org.anchorhold.ceremony.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.Planners;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ceremony validate FILE}: every check of the file and its inputs (no HSM, no state). */
@Command(name = "validate", description = "Check a ceremony file without the HSM; print the plan.")
final class ValidateCommand implements Callable<Integer>, ClockAware {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the ceremony file")
  private Path file;

  private Clock clock = Clock.systemUTC();

  @Override
  public void setClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Plan plan;
    try {
      plan = Planners.plan(LoadedCeremony.load(file), clock);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("invalid ceremony file: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    plan.describe().forEach(spec.commandLine().getOut()::println);
    plan.warnings().forEach(w -> spec.commandLine().getOut().println("warning: " + w));
    spec.commandLine().getOut().println("valid: " + plan.type() + " ceremony '" + file + "'");
    return ExitCodes.OK;
  }
}
