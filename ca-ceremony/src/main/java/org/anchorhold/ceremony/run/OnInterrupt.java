package org.anchorhold.ceremony.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clean-up that must happen however a step ends: normally, through an exception, or by a signal
 * (Ctrl-C at a witness prompt, {@code kill}), which ends the JVM through its shutdown hooks and
 * skips every {@code catch} and {@code finally}. The action runs at most once: {@link #runNow}
 * on the failure path, or the hook on a signal; {@link #cancel} once the step no longer needs it.
 */
public final class OnInterrupt implements AutoCloseable {
  private final Runnable action;
  private final AtomicBoolean settled = new AtomicBoolean();
  private final Thread hook;

  private OnInterrupt(Runnable action) {
    this.action = action;
    this.hook = new Thread(this::runOnce, "ceremony-interrupted");
  }

  /** Registers the action to run if the JVM is stopped before {@link #cancel} or runNow. */
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

  /** The step ended without needing the action: it will not run. */
  public void cancel() {
    settled.set(true);
    unregister();
  }

  /** Cancels, so that leaving a try-with-resources block never leaves the hook behind. */
  @Override
  public void close() {
    cancel();
  }

  private void runOnce() {
    if (!settled.getAndSet(true)) {
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
