package org.anchorhold.server.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.anchorhold.server.testing.Publications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyingLoaderTest {
  @TempDir
  Path publications;
  private Publications pki;
  private VerifyingLoader loader;

  @BeforeEach
  void setUp() {
    pki = new Publications();
    loader = new VerifyingLoader(pki.roots(), Clock.systemUTC());
  }

  @Test
  void signedPublication_loadsEveryListedPathWithItsType() throws Exception {
    Path dir = pki.write(publications, 4);

    LoadedPublication loaded = loader.load(dir);

    assertThat(loaded.sequence()).isEqualTo(4);
    assertThat(loaded.expires()).isEqualTo(pki.expires());
    assertThat(loaded.files().keySet()).containsExactlyInAnyOrder("manifest.json",
        "manifest.jws", "bundles/example.org.json", "bundles/example.org.pem",
        "roots/test-root.crt", "crls/test-root.crl");
    assertThat(loaded.files().get("manifest.jws").contentType()).isEqualTo("application/jose");
    assertThat(loaded.files().get("crls/test-root.crl").contentType())
        .isEqualTo("application/pkix-crl");
    assertThat(loaded.files().get("bundles/example.org.json").content())
        .isEqualTo(Files.readAllBytes(dir.resolve("bundles/example.org.json")));
  }

  @Test
  void tamperedBundle_isRefusedNamingTheFile() throws Exception {
    Path dir = pki.write(publications, 4);
    Path bundle = dir.resolve("bundles/example.org.json");
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[bytes.length / 2] ^= 1;
    bundle.toFile().setWritable(true);
    Files.write(bundle, bytes);

    assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(PublicationRefusedException.class)
        .hasMessage("'bundles/example.org.json' does not match its sha-256 in the manifest");
  }

  @Test
  void publicationOfAnotherRoot_isRefused() throws Exception {
    Path dir = new Publications().write(publications, 4);

    assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(PublicationRefusedException.class)
        .hasMessageContaining("publication certificate");
  }

  @Test
  void forRoots_withoutRootFiles_trustsTheNewestPublicationsRoots() throws Exception {
    pki.write(publications, 1);

    PublicationLoader bootstrapped = VerifyingLoader.forRoots(List.of(), publications,
        Clock.systemUTC());

    assertThat(bootstrapped.load(pki.write(publications, 2)).sequence()).isEqualTo(2);
    assertThatThrownBy(() -> bootstrapped.load(new Publications().write(publications, 3)))
        .isInstanceOf(PublicationRefusedException.class);
  }

  @Test
  void forRoots_onAnEmptyDirectory_asksForTrustRoots() {
    assertThatThrownBy(() -> VerifyingLoader.forRoots(List.of(), publications,
        Clock.systemUTC())).isInstanceOf(PublicationRefusedException.class)
        .hasMessageEndingWith("to take trust roots from; give --trust-root");
  }
}
