package org.anchorhold.ceremony.cli;

import java.time.Clock;

/** A command that reads the time; the factory injects the clock. */
interface ClockAware {
  void setClock(Clock clock);
}
