package org.anchorhold.server.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.anchorhold.server.testing.Publications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationWatcherTest {
  @TempDir
  Path publications;
  @TempDir
  Path elsewhere;
  private Publications pki;
  private PublicationStore store;
  private PublicationWatcher watcher;

  @BeforeEach
  void setUp() {
    pki = new Publications();
    store = new PublicationStore();
    watcher = new PublicationWatcher(publications,
        new VerifyingLoader(pki.roots(), Clock.systemUTC()), store, Duration.ofHours(1),
        Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    watcher.close();
  }

  private static void tamper(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 1;
    file.toFile().setWritable(true);
    Files.write(file, bytes);
  }

  @Test
  void scan_loadsTheNewestValidPublication() throws Exception {
    pki.write(publications, 1);
    pki.write(publications, 2);

    assertThat(watcher.scanOnce()).isTrue();
    assertThat(store.current().sequence()).isEqualTo(2);
    assertThat(store.current().source()).isEqualTo("000000000002");
  }

  @Test
  void tamperedNewest_isRefused_andTheNextNewestServed() throws Exception {
    pki.write(publications, 1);
    pki.write(publications, 2);
    tamper(pki.write(publications, 3).resolve("manifest.jws"));

    watcher.scanOnce();

    assertThat(store.current().sequence()).isEqualTo(2);
    assertThat(store.lastRefusal().source()).isEqualTo("000000000003");
    assertThat(store.lastRefusal().reason()).startsWith("manifest.jws");
  }

  @Test
  void refusedPublication_isNotRetriedUntilItChanges() throws Exception {
    pki.write(publications, 1);
    Path bad = pki.write(publications, 2);
    tamper(bad.resolve("bundles/example.org.json"));

    watcher.scanOnce();
    watcher.scanOnce();
    watcher.scanOnce();

    assertThat(store.refusalCount()).isEqualTo(1);
    assertThat(store.current().sequence()).isEqualTo(1);
  }

  @Test
  void tamperedPublication_keepsTheLastGoodOneServed() throws Exception {
    pki.write(publications, 1);
    watcher.scanOnce();
    Snapshot good = store.current();
    tamper(pki.write(publications, 2).resolve("crls/test-root.crl"));

    assertThat(watcher.scanOnce()).isFalse();
    assertThat(store.current()).isSameAs(good);
    assertThat(store.lastRefusal().reason()).contains("crls/test-root.crl");
  }

  @Test
  void lowerSequence_isNeverLoadedAfterAHigherOne() throws Exception {
    pki.write(elsewhere, 4);
    pki.write(publications, 5);
    watcher.scanOnce();
    Files.move(elsewhere.resolve("000000000004"), publications.resolve("000000000004"));

    assertThat(watcher.scanOnce()).isFalse();
    assertThat(store.current().sequence()).isEqualTo(5);
  }

  @Test
  void directoryNamedForAnotherSequence_isRefused() throws Exception {
    pki.write(elsewhere, 6);
    Files.move(elsewhere.resolve("000000000006"), publications.resolve("000000000009"));

    watcher.scanOnce();

    assertThat(store.current()).isNull();
    assertThat(store.lastRefusal().reason())
        .isEqualTo("directory name '000000000009' does not match manifest sequence 6");
  }

  @Test
  void symlinkedPublicationDirectory_isRefused() throws Exception {
    Path real = pki.write(elsewhere, 3);
    Files.createSymbolicLink(publications.resolve("000000000003"), real);

    watcher.scanOnce();

    assertThat(store.current()).isNull();
    assertThat(store.lastRefusal().reason()).isEqualTo("'000000000003' is not a directory");
  }

  @Test
  void fileSymlinkedOutOfThePublication_isRefusedAndNeverServed() throws Exception {
    Path dir = pki.write(elsewhere, 2);
    Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "not for clients");
    Path bundle = dir.resolve("bundles/example.org.json");
    dir.resolve("bundles").toFile().setWritable(true);
    Files.delete(bundle);
    Files.createSymbolicLink(bundle, secret);
    Files.move(dir, publications.resolve(dir.getFileName()));

    watcher.scanOnce();

    assertThat(store.current()).isNull();
    assertThat(store.lastRefusal().source()).isEqualTo("000000000002");
  }

  @Test
  void expiredPublication_isRefused() throws Exception {
    pki.write(publications, 1);
    Clock late = Clock.fixed(pki.expires().plusSeconds(1), ZoneOffset.UTC);
    PublicationWatcher lateWatcher = new PublicationWatcher(publications,
        new VerifyingLoader(pki.roots(), late), store, Duration.ofHours(1), late);

    lateWatcher.scanOnce();

    assertThat(store.current()).isNull();
    assertThat(store.lastRefusal().reason()).contains("expired");
  }

  @Test
  void otherNames_areIgnored() throws Exception {
    Files.createDirectory(publications.resolve(".tmp-000000000007"));
    Files.createDirectory(publications.resolve("7"));
    Files.writeString(publications.resolve("README"), "x");

    assertThat(watcher.scanOnce()).isFalse();
    assertThat(store.refusalCount()).isZero();
  }

  @Test
  void newPublication_isPickedUpFromFileSystemEventsWithoutARescan() throws Exception {
    pki.write(publications, 1);
    watcher.scanOnce();
    watcher.start();

    pki.write(publications, 2);

    Instant deadline = Instant.now().plusSeconds(20);
    while (store.current().sequence() != 2 && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(store.current().sequence()).isEqualTo(2);
  }

  @Test
  void scan_neverWritesIntoThePublicationsDirectory() throws Exception {
    pki.write(publications, 1);
    long before;
    try (Stream<Path> list = Files.list(publications)) {
      before = list.count();
    }
    watcher.scanOnce();
    try (Stream<Path> list = Files.list(publications)) {
      assertThat(list.count()).isEqualTo(before);
    }
  }
}
