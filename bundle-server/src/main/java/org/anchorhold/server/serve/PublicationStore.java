package org.anchorhold.server.serve;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the snapshot being served; every swap is one atomic reference change and the sequence
 * never goes down, so no client can see an older publication after a newer one.
 */
public final class PublicationStore {
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private final AtomicReference<Refusal> lastRefusal = new AtomicReference<>();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong swaps = new AtomicLong();

  /** The snapshot being served, or null before the first publication is loaded. */
  public Snapshot current() {
    return current.get();
  }

  /**
   * Swaps in {@code next} if its sequence is higher than the current one.
   *
   * @return true when {@code next} is now served
   */
  public boolean offer(Snapshot next) {
    while (true) {
      Snapshot before = current.get();
      if (before != null && next.sequence() <= before.sequence()) {
        return false;
      }
      if (current.compareAndSet(before, next)) {
        swaps.incrementAndGet();
        return true;
      }
    }
  }

  /** Records a refused publication. */
  public void refused(Refusal refusal) {
    refusals.incrementAndGet();
    lastRefusal.set(refusal);
  }

  /** The last refused publication, or null. */
  public Refusal lastRefusal() {
    return lastRefusal.get();
  }

  /** How many publications were refused since start. */
  public long refusalCount() {
    return refusals.get();
  }

  /** How many snapshots were swapped in since start, the first one included. */
  public long swapCount() {
    return swaps.get();
  }
}
