package org.anchorhold.ceremony.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.config.CeremonyFile;

/** The lines and warnings every ceremony plan shares, worded once. */
public final class PlanText {
  private PlanText() {}

  /** The first lines of every plan, its type and the officers present; add the rest to it. */
  public static List<String> header(CeremonyFile spec) {
    List<String> lines = new ArrayList<>();
    lines.add("ceremony:     " + spec.type());
    lines.add("officers:     " + String.join(", ", spec.officers()));
    return lines;
  }

  /** The warning for a ceremony that names fewer officers than a witnessed one needs. */
  public static Optional<String> officerWarning(List<String> officers) {
    return officers.size() < 2
        ? Optional.of("officers names one person; a witnessed ceremony needs at least two")
        : Optional.empty();
  }
}
