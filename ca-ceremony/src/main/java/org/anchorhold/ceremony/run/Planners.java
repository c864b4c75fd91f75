package org.anchorhold.ceremony.run;

import java.time.Clock;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.CrlCeremonyFile;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile;
import org.anchorhold.ceremony.config.RevokeCeremonyFile;
import org.anchorhold.ceremony.config.PublishCeremonyFile;
import org.anchorhold.ceremony.config.RootCeremonyFile;
import org.anchorhold.ceremony.crl.CrlPlan;
import org.anchorhold.ceremony.intermediate.IntermediatePlan;
import org.anchorhold.ceremony.revocation.RevokePlan;
import org.anchorhold.ceremony.publish.PublishPlan;
import org.anchorhold.ceremony.root.RootPlan;
import org.anchorhold.ceremony.state.StateException;

/** Chooses the planner for a ceremony file's type. */
public final class Planners {
  private Planners() {}

  /**
   * The plan for a loaded ceremony file, after every check of the file and its inputs. A
   * {@link ConfigException} is a problem of the file or what it names (exit 2); a {@link
   * StateException} is one of the state directory, which editing the file would not fix (exit 1).
   */
  public static Plan plan(LoadedCeremony loaded, Clock clock)
      throws ConfigException, StateException {
    if (loaded.spec() instanceof RootCeremonyFile) {
      return RootPlan.of(loaded, clock);
    }
    if (loaded.spec() instanceof IntermediateCeremonyFile) {
      return IntermediatePlan.of(loaded, clock);
    }
    if (loaded.spec() instanceof CrlCeremonyFile) {
      return CrlPlan.of(loaded, clock);
    }
    if (loaded.spec() instanceof RevokeCeremonyFile) {
      return RevokePlan.of(loaded, clock);
    }
    if (loaded.spec() instanceof PublishCeremonyFile) {
      return PublishPlan.of(loaded);
    }
    throw new ConfigException("ceremony type '" + loaded.spec().type() + "' has no planner");
  }
}
