package org.anchorhold.server.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anchorhold.server.testing.Fixtures;
import org.junit.jupiter.api.Test;

class PublicationStoreTest {

  @Test
  void offer_higherSequence_swaps_lowerOrEqual_isIgnored() {
    PublicationStore store = new PublicationStore();
    Snapshot two = Fixtures.snapshot(Fixtures.publication(2));

    assertThat(store.offer(two)).isTrue();
    assertThat(store.offer(Fixtures.snapshot(Fixtures.publication(1)))).isFalse();
    assertThat(store.offer(Fixtures.snapshot(Fixtures.publication(2)))).isFalse();
    assertThat(store.current()).isSameAs(two);
    assertThat(store.swapCount()).isEqualTo(1);
  }

  @Test
  void concurrentOffers_endAtTheHighestSequence() throws Exception {
    PublicationStore store = new PublicationStore();
    List<Snapshot> snapshots = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      snapshots.add(Fixtures.snapshot(Fixtures.publication(i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = snapshots.size() - 1; i >= 0; i--) {
        Snapshot s = snapshots.get(i);
        results.add(pool.submit(() -> store.offer(s)));
      }
      for (Future<Boolean> result : results) {
        result.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.current().sequence()).isEqualTo(40);
  }
}
