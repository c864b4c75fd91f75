package org.anchorhold.ceremony.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnInterruptTest {
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void runNow_runsTheActionOnce_andACancelAfterItSaysItRan() {
    OnInterrupt cleanup = OnInterrupt.register(runs::incrementAndGet);

    cleanup.runNow();
    cleanup.runNow();

    assertThat(runs).hasValue(1);
    assertThat(cleanup.cancel()).isFalse();
  }

  @Test
  void cancel_settlesWithoutRunning_andNothingRunsAfterIt() {
    OnInterrupt cleanup = OnInterrupt.register(runs::incrementAndGet);

    assertThat(cleanup.cancel()).isTrue();
    cleanup.runNow();

    assertThat(runs).hasValue(0);
    assertThat(cleanup.cancel()).isTrue();
  }

  @Test
  void aCancelWhileTheActionRuns_waitsForIt_andSaysItRan() throws Exception {
    Object started = new Object();
    OnInterrupt[] cleanup = new OnInterrupt[1];
    cleanup[0] = OnInterrupt.register(() -> {
      synchronized (started) {
        started.notifyAll();
      }
      sleep(300);
      runs.incrementAndGet();
    });
    Thread signal = new Thread(cleanup[0]::runNow);
    synchronized (started) {
      signal.start();
      started.wait(10_000);
    }

    boolean cancelled = cleanup[0].cancel();

    assertThat(cancelled).isFalse();
    assertThat(runs).as("the action had finished when cancel returned").hasValue(1);
    signal.join(10_000);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
