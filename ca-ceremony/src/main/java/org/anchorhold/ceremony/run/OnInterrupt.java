package org.anchorhold.ceremony.run;

/**
 * Clean-up that must happen however a step ends: normally, through an exception, or by a signal
 * (Ctrl-C at a witness prompt, {@code kill}), which ends the JVM through its shutdown hooks and
 * skips every {@code catch} and {@code finally}. The action runs at most once, on the failure
 * path ({@link #runNow}) or in the hook; whichever comes second waits for it to finish, since the
 * JVM halts as soon as its hooks return. {@link #cancel} settles it without running it.
 */
public final class OnInterrupt {
  private final Runnable action;
  private final Thread hook;
  private boolean settled;
  private boolean ran;

  private OnInterrupt(Runnable action) {
    this.action = action;
    this.hook = new Thread(this::runOnce, "ceremony-interrupted");
  }

  /** Registers the action to run if the JVM is stopped before it is settled. */
  public static OnInterrupt register(Runnable action) {
    OnInterrupt cleanup = new OnInterrupt(action);
    Runtime.getRuntime().addShutdownHook(cleanup.hook);
    return cleanup;
  }

  /** Runs the action now, unless it already ran, and unregisters the hook. */
  public void runNow() {
    runOnce();
    unregister();
  }

  /**
   * Settles the step without the action; false when a signal ran it first, and the caller must
   * then not go on as if nothing had happened.
   */
  public synchronized boolean cancel() {
    if (settled) {
      return !ran;
    }
    settled = true;
    unregister();
    return true;
  }

  private synchronized void runOnce() {
    if (!settled) {
      settled = true;
      ran = true;
      action.run();
    }
  }

  private void unregister() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping: the hook runs, finds the action settled and returns.
    }
  }
}
