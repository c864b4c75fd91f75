package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.anchorhold.publication.fixtures.MemorySource;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.publication.fixtures.TestPki.Kind;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PublicationVerifierTest {
  private static PublicationFixture fixture;
  private static SortedMap<String, byte[]> files;

  @BeforeAll
  static void publish() throws Exception {
    fixture = new PublicationFixture();
    files = PublicationWriter.render(fixture.input(5), fixture.signer());
  }

  private static PublicationVerifier verifier() {
    return new PublicationVerifier(fixture.trustedRoots(), PublicationFixture.clock());
  }

  private static MemorySource source() {
    return new MemorySource(files);
  }

  @Test
  void verifyAll_acceptsTheWrittenPublication() throws Exception {
    VerifiedPublication verified = verifier().verifyAll(source());

    assertThat(verified.manifest().sequence()).isEqualTo(5);
    assertThat(verified.manifest().expires()).isEqualTo(PublicationFixture.NEXT_UPDATE);
    assertThat(verified.files().keySet()).containsExactlyInAnyOrderElementsOf(
        verified.manifest().files().stream().map(ManifestFile::path).toList());
    assertThat(verified.signer()).isEqualTo(fixture.publication.cert());
  }

  static Stream<String> listedPaths() {
    return files.keySet().stream()
        .filter(p -> !p.equals(PublicationLayout.MANIFEST))
        .filter(p -> !p.equals(PublicationLayout.SIGNATURE));
  }

  @ParameterizedTest
  @MethodSource("listedPaths")
  void verifyAll_refusesAChangedByteInAnyListedFile(String path) {
    MemorySource source = source().flip(path, files.get(path).length / 2);

    assertThatThrownBy(() -> verifier().verifyAll(source))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining("'" + path + "' does not match its sha-256 in the manifest");
  }

  @ParameterizedTest
  @MethodSource("listedPaths")
  void verifyAll_refusesAMissingListedFile(String path) {
    MemorySource source = source();
    source.files.remove(path);

    assertThatThrownBy(() -> verifier().verifyAll(source))
        .hasMessage("'" + path + "' is missing from the publication");
  }

  @Test
  void verify_refusesAPathTheManifestDoesNotList() {
    MemorySource source = source();
    source.files.put("bundles/evil.example.org.json", "{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> verifier().verify(source,
        m -> List.of("bundles/evil.example.org.json")))
        .hasMessage("'bundles/evil.example.org.json' is not listed in manifest 5");
  }

  @Test
  void verify_readsOnlyTheRequestedPathsAndTheSignersCrl() throws Exception {
    MemorySource source = source();
    source.files.remove("issuers/gcp-central/chain.pem");

    VerifiedPublication verified = verifier().verify(source,
        m -> List.of("bundles/aws.example.org.json"));

    assertThat(verified.files().keySet())
        .containsExactly("crls/root-2026.crl", "bundles/aws.example.org.json");
  }

  @Test
  void verifyManifest_refusesAManifestThatDiffersFromTheSignedPayload() {
    byte[] json = files.get(PublicationLayout.MANIFEST).clone();
    int at = new String(json, StandardCharsets.UTF_8).indexOf("\"sequence\":5") + 11;
    json[at] = '6';

    assertThatThrownBy(() -> verifier().verifyManifest(json, jws()))
        .hasMessage("manifest.json differs from the payload signed in manifest.jws");
  }

  @Test
  void verifyAll_refusesAnExpiredManifest() {
    Clock late = Clock.fixed(PublicationFixture.NEXT_UPDATE, ZoneOffset.UTC);
    PublicationVerifier verifier = new PublicationVerifier(fixture.trustedRoots(), late);

    assertThatThrownBy(() -> verifier.verifyAll(source()))
        .hasMessage("manifest 5 expired at " + PublicationFixture.NEXT_UPDATE);
  }

  @Test
  void verifyManifest_refusesAManifestIssuedInTheFuture() {
    Clock early = Clock.fixed(PublicationFixture.ISSUED.minus(Duration.ofHours(1)),
        ZoneOffset.UTC);

    assertThatThrownBy(() -> new PublicationVerifier(fixture.trustedRoots(), early)
        .verifyManifest(files.get(PublicationLayout.MANIFEST), jws()))
        .hasMessageContaining("is issued in the future");
  }

  @Test
  void verifyManifest_refusesAJwsByAKeyTheRootDidNotCertify() throws Exception {
    Issued otherRoot = TestPki.root("Other Root", Kind.P256, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2036-01-01T00:00:00Z"));
    Issued stranger = TestPki.publicationCert(otherRoot, Kind.P256,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    byte[] json = files.get(PublicationLayout.MANIFEST);
    String jws = PublicationSigner.of(stranger.keys().getPrivate(), TestPki.BC,
        List.of(stranger.cert())).sign(json);

    assertThatThrownBy(() -> verifier().verifyManifest(json, ascii(jws)))
        .hasMessageContaining("is not issued by a trusted root");
  }

  @Test
  void verifyManifest_refusesAnX5cLeafWhoseKeyDidNotSign() throws Exception {
    Issued sibling = TestPki.publicationCert(fixture.root, Kind.P256,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
    String header = encodeHeader("{\"alg\":\"ES256\",\"typ\":\"anchorhold-manifest+json\","
        + "\"x5c\":[\"" + Base64.getEncoder().encodeToString(sibling.cert().getEncoded())
        + "\"]}");
    String[] parts = new String(jws(), StandardCharsets.US_ASCII).split("\\.");

    assertThatThrownBy(() -> verifier().verifyManifest(files.get(PublicationLayout.MANIFEST),
        ascii(header + "." + parts[1] + "." + parts[2])))
        .hasMessage("manifest.jws signature does not verify with the publication certificate's"
            + " key");
  }

  @Test
  void verifyAll_refusesARevokedPublicationCertificate() throws Exception {
    PublicationFixture revoked = new PublicationFixture();
    byte[] crl = TestPki.crl(revoked.root, PublicationFixture.ISSUED.minusSeconds(60),
        PublicationFixture.NEXT_UPDATE, List.of(revoked.publication.cert()));
    MemorySource source = new MemorySource(
        PublicationWriter.render(revoked.input(5), revoked.signer()));
    replaceListed(source, "crls/root-2026.crl", crl, revoked);

    assertThatThrownBy(() -> new PublicationVerifier(revoked.trustedRoots(),
        PublicationFixture.clock()).verifyAll(source))
        .hasMessageContaining("is revoked by 'crls/root-2026.crl'");
  }

  @Test
  void verifyManifest_refusesAnExpiredPublicationCertificate() throws Exception {
    Issued expired = TestPki.publicationCert(fixture.root, Kind.P256,
        Instant.parse("2026-01-01T00:00:00Z"), PublicationFixture.ISSUED.plusSeconds(60));
    byte[] json = files.get(PublicationLayout.MANIFEST);
    String jws = PublicationSigner.of(expired.keys().getPrivate(), TestPki.BC,
        List.of(expired.cert())).sign(json);

    assertThatThrownBy(() -> verifier().verifyManifest(json, ascii(jws)))
        .hasMessageContaining("publication certificate expired at");
  }

  @Test
  void verifyManifest_refusesACaOrKeyCertSignPublicationCertificate() throws Exception {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Instant end = Instant.parse("2027-01-01T00:00:00Z");
    Issued ca = TestPki.publicationCert(fixture.root, Kind.P256, start, end,
        KeyUsage.digitalSignature, true);
    Issued certSign = TestPki.publicationCert(fixture.root, Kind.P256, start, end,
        KeyUsage.digitalSignature | KeyUsage.keyCertSign, false);
    byte[] json = files.get(PublicationLayout.MANIFEST);

    assertThatThrownBy(() -> verifier().verifyManifest(json, signWith(ca, json)))
        .hasMessage("publication certificate must not be a ca");
    assertThatThrownBy(() -> verifier().verifyManifest(json, signWith(certSign, json)))
        .hasMessageContaining("key usage must be digitalSignature");
  }

  @Test
  void verifyManifest_refusesAnAlgorithmThatDoesNotMatchTheKey() {
    for (String alg : List.of("ES384", "RS256", "PS256", "HS256", "none", "ES256K")) {
      String header = encodeHeader("{\"alg\":\"" + alg + "\",\"typ\":\"anchorhold-manifest+json\","
          + "\"x5c\":[\"" + x5c0() + "\"]}");

      assertThatThrownBy(() -> verifier().verifyManifest(files.get(PublicationLayout.MANIFEST),
          replaceHeader(header)))
          .as(alg)
          .isInstanceOf(PublicationException.class)
          .hasMessageContaining("manifest.jws alg '" + alg + "' does not match the publication"
              + " key (expected [ES256])");
    }
  }

  @Test
  void verifyManifest_refusesUnexpectedHeaderMembers() {
    String base = "\"alg\":\"ES256\",\"typ\":\"anchorhold-manifest+json\",\"x5c\":[\""
        + x5c0() + "\"]";
    List<String> headers = List.of("{" + base + ",\"kid\":\"1\"}",
        "{" + base + ",\"crit\":[\"exp\"],\"exp\":1}", "{" + base + ",\"b64\":false}",
        "{" + base + ",\"alg\":\"ES256\"}", "{\"alg\":\"ES256\",\"x5c\":[\"" + x5c0() + "\"]}");

    for (String header : headers) {
      assertThatThrownBy(() -> verifier().verifyManifest(files.get(PublicationLayout.MANIFEST),
          replaceHeader(encodeHeader(header))))
          .as(header)
          .isInstanceOf(PublicationException.class)
          .hasMessageStartingWith("manifest.jws header");
    }
  }

  @Test
  void verifyManifest_refusesAnythingButOneCompactJws() {
    byte[] json = files.get(PublicationLayout.MANIFEST);
    String jws = new String(jws(), StandardCharsets.US_ASCII);

    for (String broken : List.of(jws + "\n", " " + jws, jws + ".x",
        jws.substring(0, jws.indexOf('.') + 1) + "." + jws.substring(jws.lastIndexOf('.') + 1))) {
      assertThatThrownBy(() -> verifier().verifyManifest(json, ascii(broken)))
          .hasMessageContaining("is not a compact jws with an attached payload");
    }
  }

  private static byte[] signWith(Issued signer, byte[] json) throws PublicationException {
    return ascii(PublicationSigner.of(signer.keys().getPrivate(), TestPki.BC,
        List.of(signer.cert())).sign(json));
  }

  private static void replaceListed(MemorySource source, String path, byte[] content,
      PublicationFixture owner) throws Exception {
    source.files.put(path, content);
    Manifest old = Manifest.parse(source.files.get(PublicationLayout.MANIFEST));
    List<ManifestFile> entries = old.files().stream()
        .map(f -> f.path().equals(path) ? ManifestFile.of(path, content) : f).toList();
    byte[] json = new Manifest(old.sequence(), old.issued(), old.expires(), entries).toJson();
    source.files.put(PublicationLayout.MANIFEST, json);
    source.files.put(PublicationLayout.SIGNATURE, ascii(owner.signer().sign(json)));
  }

  private static byte[] jws() {
    return files.get(PublicationLayout.SIGNATURE);
  }

  private static String x5c0() {
    try {
      return Base64.getEncoder().encodeToString(fixture.publication.cert().getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encodeHeader(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] replaceHeader(String header) {
    String jws = new String(jws(), StandardCharsets.US_ASCII);
    return ascii(header + jws.substring(jws.indexOf('.')));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
