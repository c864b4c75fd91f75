package org.anchorhold.ceremony.run;

import java.util.List;

/**
 * A ceremony that has passed every check that needs no HSM: what it will do, the warnings an
 * officer should weigh, and the run itself.
 */
public interface Plan {
  /** The ceremony type, as in "root ceremony failed". */
  String type();

  /** What the ceremony will do, one line per fact, for `ceremony validate`. */
  List<String> describe();

  /** Legal but risky choices, each with the safer value. */
  List<String> warnings();

  /** Runs the ceremony; on failure nothing is written. */
  void run(CeremonyContext context) throws CeremonyException;
}
