package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.anchorhold.publication.bundle.SpiffeBundle;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationWriterTest {
  private static PublicationFixture fixture;

  @TempDir
  Path publications;

  @BeforeAll
  static void pki() {
    fixture = new PublicationFixture();
  }

  @Test
  void write_laysOutThePublicationAsDesignSays() throws Exception {
    Path dir = fixture.write(publications, 42);

    assertThat(dir).isEqualTo(publications.resolve("000000000042"));
    assertThat(listFiles(dir)).containsExactly(
        "bundles/aws.example.org.json", "bundles/aws.example.org.pem",
        "bundles/gcp.example.org.json", "bundles/gcp.example.org.pem",
        "bundles/legacy.example.org.json", "bundles/legacy.example.org.pem",
        "crls/root-2026.crl", "issuers/aws-east/chain.pem", "issuers/gcp-central/chain.pem",
        "manifest.json", "manifest.jws", "roots/root-2026.crt");
    Manifest manifest = Manifest.parse(Files.readAllBytes(dir.resolve("manifest.json")));
    assertThat(manifest.sequence()).isEqualTo(42);
    assertThat(manifest.issued()).isEqualTo(PublicationFixture.ISSUED);
    assertThat(manifest.expires()).isEqualTo(PublicationFixture.NEXT_UPDATE);
    assertThat(manifest.files()).extracting(ManifestFile::contentType).contains(
        "application/json", "application/pem-certificate-chain", "application/pkix-cert",
        "application/pkix-crl");
    SpiffeBundle bundle = SpiffeBundle.parse(
        Files.readAllBytes(dir.resolve("bundles/aws.example.org.json")));
    assertThat(bundle.sequence()).isEqualTo(42);
    assertThat(bundle.refreshHintSeconds()).isEqualTo(300);
    assertThat(bundle.roots()).containsExactly(fixture.root.cert());
    assertThat(Files.getPosixFilePermissions(dir.resolve("bundles/aws.example.org.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    new PublicationVerifier(fixture.trustedRoots(), PublicationFixture.clock())
        .verifyAll(PublicationSource.directory(dir));
  }

  @Test
  void check_givesTheManifestOfTheRenderedPublication_withoutAKey() throws Exception {
    Manifest planned = PublicationWriter.check(fixture.input(3));

    byte[] rendered = PublicationWriter.render(fixture.input(3), fixture.signer())
        .get(PublicationLayout.MANIFEST);
    assertThat(planned.toJson()).isEqualTo(rendered);
  }

  @Test
  void write_refusesAnExistingOrLowerSequence_andChangesNothing() throws Exception {
    fixture.write(publications, 7);
    byte[] before = Files.readAllBytes(publications.resolve("000000000007/manifest.json"));

    assertThatThrownBy(() -> fixture.write(publications, 7))
        .hasMessageContaining("000000000007' already exists");
    assertThatThrownBy(() -> fixture.write(publications, 6))
        .hasMessage("sequence 6 is not above the highest published 7");

    assertThat(Files.readAllBytes(publications.resolve("000000000007/manifest.json")))
        .isEqualTo(before);
    assertThat(listNames(publications)).containsExactly(".lock", "000000000007");
  }

  @Test
  @DisplayName("F09 an expired crl is never published")
  void write_refusesAnExpiredCrl() {
    byte[] expired = TestPki.crl(fixture.root,
        PublicationFixture.ISSUED.minus(Duration.ofDays(8)),
        PublicationFixture.ISSUED.minus(Duration.ofDays(1)), List.of());
    PublicationInput input = withCrl(fixture.input(1), expired);

    assertThatThrownBy(() -> new PublicationWriter(publications).write(input, fixture.signer()))
        .hasMessage("'crls/root-2026.crl' expired at "
            + PublicationFixture.ISSUED.minus(Duration.ofDays(1)));
    assertThat(listNames(publications)).isEmpty();
  }

  @Test
  @DisplayName("F09 a crl whose thisUpdate is two hours ahead is not published")
  void write_refusesACrlFromTheFuture() {
    Instant ahead = PublicationFixture.ISSUED.plus(Duration.ofHours(2));
    byte[] future = TestPki.crl(fixture.root, ahead, ahead.plus(Duration.ofDays(7)), List.of());

    assertThatThrownBy(() -> PublicationWriter.render(withCrl(fixture.input(1), future),
        fixture.signer()))
        .hasMessage("'crls/root-2026.crl' is not valid before " + ahead);
  }

  @Test
  void write_ignoresLeftoverTemporaryDirectories() throws Exception {
    Files.createDirectories(publications.resolve(".tmp-000000000009-123"));

    assertThat(fixture.write(publications, 3)).isDirectory();
    assertThat(PublicationWriter.highestSequence(publications)).hasValue(3);
  }

  @Test
  void write_refusesARevokedIssuer() {
    PublicationInput base = fixture.input(1);
    PublicationInput input = new PublicationInput(1, base.issued(), base.refreshHint(),
        base.roots(), base.trustDomains(), List.of(new PublishedIssuer("onprem-legacy",
            PublicationFixture.LEGACY_TD, List.of(fixture.legacy.cert()))));

    assertThatThrownBy(() -> PublicationWriter.render(input, fixture.signer()))
        .hasMessageContaining("issuer 'onprem-legacy' is revoked by the crl of root 'root-2026'");
  }

  @Test
  @DisplayName("F12 a chain holding the root is refused: the chain file ends below the root")
  void write_refusesAChainThatHoldsTheRoot() {
    PublicationInput base = fixture.input(1);
    PublicationInput input = new PublicationInput(1, base.issued(), base.refreshHint(),
        base.roots(), base.trustDomains(), List.of(new PublishedIssuer("aws-east",
            PublicationFixture.AWS_TD, List.of(fixture.aws.cert(), fixture.root.cert()))));

    assertThatThrownBy(() -> PublicationWriter.render(input, fixture.signer()))
        .hasMessageContaining("chain holds a self-signed root");
  }

  @Test
  void write_refusesAnIssuerOfAnotherTrustDomain() {
    PublicationInput base = fixture.input(1);
    PublicationInput input = new PublicationInput(1, base.issued(), base.refreshHint(),
        base.roots(), base.trustDomains(), List.of(new PublishedIssuer("aws-east",
            PublicationFixture.GCP_TD, List.of(fixture.aws.cert()))));

    assertThatThrownBy(() -> PublicationWriter.render(input, fixture.signer()))
        .hasMessage("issuer 'aws-east' intermediate does not name spiffe://gcp.example.org");
  }

  @Test
  void write_refusesASignerTheRootsDoNotCertify() {
    PublicationFixture other = new PublicationFixture();

    assertThatThrownBy(() -> PublicationWriter.render(fixture.input(1), other.signer()))
        .hasMessageContaining("the new publication does not verify: publication certificate");
  }

  private static PublicationInput withCrl(PublicationInput input, byte[] crl) {
    return new PublicationInput(input.sequence(), input.issued(), input.refreshHint(),
        List.of(new PublishedRoot(PublicationFixture.ROOT_NAME, fixture.root.cert(), crl)),
        input.trustDomains(), input.issuers());
  }

  private static List<String> listFiles(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
          .toList();
    }
  }

  private static List<String> listNames(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
