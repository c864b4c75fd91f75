package org.anchorhold.server.fetch;

import static org.anchorhold.server.fetch.FetchFixtures.fetch;
import static org.anchorhold.server.fetch.FetchFixtures.resign;
import static org.anchorhold.server.fetch.FetchFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSigner;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.publication.fixtures.TestPki.Kind;
import org.anchorhold.server.fetch.FetchFixtures.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FetchCommandTest {
  private static final String AWS_BUNDLE = "bundles/aws.example.org.json";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static PublicationFixture fixture;
  private static Map<String, byte[]> published;

  @TempDir
  Path temp;
  private Path trust;
  private Path out;
  private Path state;

  @BeforeAll
  static void publish() throws Exception {
    fixture = new PublicationFixture();
    published = PublicationWriter.render(fixture.input(5), fixture.signer());
  }

  @BeforeEach
  void files() throws Exception {
    trust = temp.resolve("trust.pem");
    Files.writeString(trust, TestPki.pem(fixture.trustedRoots()));
    out = temp.resolve("bundle.json");
    state = temp.resolve("fetch.state");
  }

  private Result fetchRelyingParty(Path from, String... extra) {
    return fetchAt(PublicationFixture.clock(), from, extra);
  }

  private Result fetchAt(Clock clock, Path from, String... extra) {
    List<String> args = new ArrayList<>(List.of("--from", from.toString(),
        "--trust-roots", trust.toString(), "--state", state.toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--trust-domain")) {
      args.addAll(List.of("--trust-domain", PublicationFixture.AWS_TD));
    }
    if (!args.contains("--issuer")) {
      args.addAll(List.of("--out", out.toString()));
    }
    return fetch(clock, args.toArray(String[]::new));
  }

  @Test
  void relyingParty_fromADirectory_writesTheBundleAsPublished() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    Result result = fetchRelyingParty(dir);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("fetched publication 5 (expires 2026-06-08T12:00:00Z");
    assertThat(Files.readAllBytes(out)).isEqualTo(published.get(AWS_BUNDLE));
    assertThat(Files.readString(state)).isEqualTo("last_sequence=5\n");
  }

  @Test
  void relyingParty_pemFormat_writesTheTrustDomainsRootsOnly() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    Result result = fetchRelyingParty(dir, "--format", "pem");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo(TestPki.pem(fixture.trustedRoots()));
  }

  @Test
  void fromAPublicationsDirectory_takesTheNewestSequence() throws Exception {
    fixture.write(temp.resolve("pubs"), 5);
    fixture.write(temp.resolve("pubs"), 6);

    Result result = fetchRelyingParty(temp.resolve("pubs"));

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readString(state)).isEqualTo("last_sequence=6\n");
  }

  static Stream<Arguments> badPublications() {
    return Stream.of(
        bad("a changed byte in the bundle", f -> flip(f, AWS_BUNDLE),
            "'bundles/aws.example.org.json' does not match its sha-256 in the manifest"),
        bad("a changed byte in the signer's crl", f -> flip(f, "crls/root-2026.crl"),
            "'crls/root-2026.crl' does not match its sha-256"),
        bad("the bundle missing", f -> without(f, AWS_BUNDLE),
            "'bundles/aws.example.org.json' is missing from the publication"),
        bad("manifest.jws missing", f -> without(f, PublicationLayout.SIGNATURE),
            "'manifest.jws' is missing from the publication"),
        bad("a jws by a key the root did not certify", f -> resign(f, strangerSigner()),
            "is not issued by a trusted root"),
        bad("a jws by a revoked publication certificate", FetchCommandTest::revokeSigner,
            "publication certificate (serial"),
        bad("a jws by an expired publication certificate", f -> resign(f, expiredSigner()),
            "publication certificate expired at 2026-06-01T12:01:00Z"),
        bad("a different algorithm header", FetchCommandTest::es384Header,
            "manifest.jws alg 'ES384' does not match the publication key (expected [ES256])"),
        bad("a manifest that differs from the signed payload", FetchCommandTest::bumpSequence,
            "manifest.json differs from the payload signed in manifest.jws"),
        bad("a bundle whose entry lost its x5c, re-signed", FetchCommandTest::bundleWithoutX5c,
            "bundle.keys[0].x5c is missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPublications")
  void badPublication_isRefused_andTheOldFilesStay(String name,
      ThrowingOperator<Map<String, byte[]>> breakIt, String message) throws Exception {
    Path dir = writeTree(temp.resolve("pubs/000000000005"), breakIt.apply(copy(published)));
    Files.writeString(out, "old bundle");
    Files.writeString(state, "last_sequence=4\n");

    Result result = fetchRelyingParty(dir);

    assertRefused(result, message);
    assertThat(Files.readString(out)).isEqualTo("old bundle");
    assertThat(Files.readString(state)).isEqualTo("last_sequence=4\n");
    assertThat(listNames(temp)).containsExactlyInAnyOrder("bundle.json", "fetch.state",
        "pubs", "trust.pem");
  }

  @Test
  void expiredManifest_isRefused() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Clock late = Clock.fixed(PublicationFixture.NEXT_UPDATE.plusSeconds(1), ZoneOffset.UTC);

    assertRefused(fetchAt(late, dir), "manifest 5 expired at 2026-06-08T12:00:00Z");
    assertThat(out).doesNotExist();
  }

  @Test
  void lowerSequenceThanTheLastSeen_isRefusedAsARollback() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Files.writeString(state, "last_sequence=6\n");

    assertRefused(fetchRelyingParty(dir),
        "publication 5 is older than 6, the last one accepted (rollback)");
    assertThat(Files.readString(state)).isEqualTo("last_sequence=6\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void unreadableStateFile_isRefused_andNothingIsWritten() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Files.writeString(state, "sequence: 4\n");

    assertRefused(fetchRelyingParty(dir), "is not one line last_sequence=<n>");
    assertThat(out).doesNotExist();
    assertThat(Files.readString(state)).isEqualTo("sequence: 4\n");
  }

  @Test
  void sameSequenceAgain_isAccepted() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Files.writeString(state, "last_sequence=5\n");

    assertThat(fetchRelyingParty(dir).exit()).isZero();
  }

  @Test
  void trustDomainThePublicationDoesNotHold_isRefused() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    assertRefused(fetchRelyingParty(dir, "--trust-domain", "nowhere.example.org"),
        "trust domain 'nowhere.example.org' is not in publication 5");
  }

  @Test
  void unlistedFileBesideThePublication_isNeverRead() throws Exception {
    Map<String, byte[]> files = copy(published);
    files.put("bundles/evil.example.org.json", files.get(AWS_BUNDLE));
    Path dir = writeTree(temp.resolve("pubs/000000000005"), files);

    assertRefused(fetchRelyingParty(dir, "--trust-domain", "evil.example.org"),
        "trust domain 'evil.example.org' is not in publication 5");
  }

  @Test
  void trustRootsOfAnotherPki_areRefused() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Files.writeString(trust, TestPki.pem(new PublicationFixture().trustedRoots()));

    assertRefused(fetchRelyingParty(dir), "is not issued by a trusted root");
  }

  @Test
  void missingTrustRootsFile_isRefusedByName() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    Files.delete(trust);

    assertRefused(fetchRelyingParty(dir), "'" + trust + "' does not exist");
  }

  @Test
  void badCommandLines_exitTwo() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);
    String[] common = {"--from", dir.toString(), "--trust-roots", trust.toString(),
        "--state", state.toString(), "--trust-domain", PublicationFixture.AWS_TD};

    assertThat(fetch(PublicationFixture.clock(), common).exit()).isEqualTo(2);
    assertThat(fetch(PublicationFixture.clock(), concat(common, "--out", out.toString(),
        "--issuer", "aws-east")).exit()).isEqualTo(2);
    assertThat(fetch(PublicationFixture.clock(), concat(common, "--issuer", "aws-east",
        "--cert-file", "c.pem")).exit()).isEqualTo(2);
    assertThat(fetch(PublicationFixture.clock(), "--from", dir.toString()).exit()).isEqualTo(2);
    Result badTd = fetch(PublicationFixture.clock(), "--from", dir.toString(), "--trust-roots",
        trust.toString(), "--state", state.toString(), "--trust-domain", "../x", "--out", "o");
    assertThat(badTd.exit()).isEqualTo(2);
    assertThat(badTd.err()).contains("--trust-domain '../x' must be");
  }

  static void assertRefused(Result result, String message) {
    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.err()).startsWith("fetch failed: ").contains(message);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.out()).isEmpty();
  }

  /** A test transformation that may throw. */
  @FunctionalInterface
  interface ThrowingOperator<T> {
    T apply(T value) throws Exception;
  }

  private static Arguments bad(String name, ThrowingOperator<Map<String, byte[]>> breakIt,
      String message) {
    return Arguments.of(name, breakIt, message);
  }

  static Map<String, byte[]> copy(Map<String, byte[]> files) {
    Map<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, content) -> copy.put(path, content.clone()));
    return copy;
  }

  private static Map<String, byte[]> flip(Map<String, byte[]> files, String path) {
    files.get(path)[files.get(path).length / 2] ^= 0x01;
    return files;
  }

  private static Map<String, byte[]> without(Map<String, byte[]> files, String path) {
    files.remove(path);
    return files;
  }

  private static PublicationSigner strangerSigner() {
    Issued otherRoot = TestPki.root("Stranger Root", Kind.P256, START,
        Instant.parse("2036-01-01T00:00:00Z"));
    Issued stranger = TestPki.publicationCert(otherRoot, Kind.P256, START,
        Instant.parse("2028-01-01T00:00:00Z"));
    return PublicationSigner.of(stranger.keys().getPrivate(), TestPki.BC,
        List.of(stranger.cert()));
  }

  private static PublicationSigner expiredSigner() {
    Issued expired = TestPki.publicationCert(fixture.root, Kind.P256, START,
        PublicationFixture.ISSUED.plusSeconds(60));
    return PublicationSigner.of(expired.keys().getPrivate(), TestPki.BC,
        List.of(expired.cert()));
  }

  private static Map<String, byte[]> revokeSigner(Map<String, byte[]> files) throws Exception {
    files.put("crls/root-2026.crl", TestPki.crl(fixture.root,
        PublicationFixture.ISSUED.minusSeconds(60), PublicationFixture.NEXT_UPDATE,
        List.of(fixture.legacy.cert(), fixture.publication.cert())));
    return resign(files, fixture.signer());
  }

  private static Map<String, byte[]> es384Header(Map<String, byte[]> files) {
    String jws = new String(files.get(PublicationLayout.SIGNATURE), StandardCharsets.US_ASCII);
    String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))),
        StandardCharsets.UTF_8).replace("\"ES256\"", "\"ES384\"");
    String forged = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + jws.substring(jws.indexOf('.'));
    files.put(PublicationLayout.SIGNATURE, forged.getBytes(StandardCharsets.US_ASCII));
    return files;
  }

  private static Map<String, byte[]> bumpSequence(Map<String, byte[]> files) {
    String json = new String(files.get(PublicationLayout.MANIFEST), StandardCharsets.UTF_8);
    files.put(PublicationLayout.MANIFEST, json.replace("\"sequence\":5", "\"sequence\":9")
        .getBytes(StandardCharsets.UTF_8));
    return files;
  }

  private static Map<String, byte[]> bundleWithoutX5c(Map<String, byte[]> files)
      throws Exception {
    String bundle = new String(files.get(AWS_BUNDLE), StandardCharsets.UTF_8);
    String broken = bundle.replaceAll(",\"x5c\":\\[\"[^\"]*\"\\]", "");
    assertThat(broken).isNotEqualTo(bundle);
    files.put(AWS_BUNDLE, broken.getBytes(StandardCharsets.UTF_8));
    return resign(files, fixture.signer());
  }

  private static String[] concat(String[] first, String... more) {
    return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
  }

  private static List<String> listNames(Path dir) throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).toList();
    }
  }
}
