package org.anchorhold.ceremony.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.Planners;
import org.anchorhold.ceremony.state.StateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ceremony validate FILE}: every check of the file and its inputs, without the HSM; the
 * crl and revoke plans read the state without locking it.
 */
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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedCeremony loaded;
    try {
      loaded = LoadedCeremony.load(file);
    } catch (ConfigException e) {
      return RunCommand.invalid(err, e);
    }
    Plan plan;
    try {
      plan = Planners.plan(loaded, clock);
    } catch (ConfigException e) {
      return RunCommand.invalid(err, e);
    } catch (StateException e) {
      // As run: the state is at fault, not the file.
      err.println(loaded.spec().type() + " ceremony failed: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    plan.describe().forEach(out::println);
    plan.warnings().forEach(w -> out.println("warning: " + w));
    loaded.warnings().forEach(w -> out.println("warning: " + w));
    out.println("valid: " + plan.type() + " ceremony '" + file + "'");
    return ExitCodes.OK;
  }
}
