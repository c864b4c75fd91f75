package org.anchorhold.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.ManifestFile;
import org.anchorhold.publication.PublicationInput;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.PublishedRoot;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.publication.fixtures.TestPki.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A second implementation, in Go with Debian's go-jose v2 and crypto/x509, checks every
 * published bundle against PROFILES.md and verifies every manifest JWS.
 */
class BundleCheckIT {
  private static final String GO_JOSE = "/usr/share/gocode/src/gopkg.in/square/go-jose.v2";
  private static Path bundlecheck;

  @TempDir
  Path temp;

  @BeforeAll
  static void build() throws Exception {
    String go = ExternalTools.require("go", "golang-go");
    if (!Files.isDirectory(Path.of(GO_JOSE))) {
      fail("go-jose v2 is missing at " + GO_JOSE
          + ": install the Debian package golang-gopkg-square-go-jose.v2-dev");
    }
    Path out = Repo.target("go");
    bundlecheck = out.resolve("bundlecheck");
    // GOPATH mode builds a directory outside GOPATH only as ".", from inside it.
    ExternalTools.Run run = ExternalTools.run(List.of(go, "build", "-o", bundlecheck.toString(),
        "."), Repo.root().resolve("tests/go/bundlecheck"), 300,
        "GO111MODULE", "off", "GOPATH", "/usr/share/gocode", "GOCACHE",
        out.resolve("cache").toString());
    assertThat(run.exit()).as("go build: " + run.output()).isZero();
  }

  @ParameterizedTest(name = "root {0}, publication key {1}: go accepts it ({2})")
  @CsvSource({"P256, P256, ES256", "P384, P384, ES384", "RSA3072, RSA2048, RS256",
      "P384, P256, ES256"})
  void goAcceptsEveryPublishedBundleAndTheJws(Kind rootKind, Kind keyKind, String alg)
      throws Exception {
    PublicationFixture fixture = new PublicationFixture(rootKind, keyKind);
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    ExternalTools.Run run = check(dir, fixture);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output().strip()).isEqualTo("OK sequence=5 issued=2026-06-01T12:00:00Z"
        + " files=10 bundles=3 chains=2 alg=" + alg);
  }

  @Test
  void goAcceptsTwoRootsDuringRotation() throws Exception {
    PublicationFixture fixture = new PublicationFixture();
    Issued next = TestPki.root("Anchorhold Test Root 2027", Kind.P384,
        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2047-01-01T00:00:00Z"));
    byte[] nextCrl = TestPki.crl(next, PublicationFixture.ISSUED.minusSeconds(60),
        PublicationFixture.ISSUED.plus(Duration.ofDays(30)), List.of());
    PublicationInput base = fixture.input(8);
    Map<String, List<String>> domains = new LinkedHashMap<>(base.trustDomains());
    domains.put(PublicationFixture.AWS_TD, List.of(PublicationFixture.ROOT_NAME, "root-2027"));
    List<PublishedRoot> roots = new ArrayList<>(base.roots());
    roots.add(new PublishedRoot("root-2027", next.cert(), nextCrl));
    PublicationInput input = new PublicationInput(8, base.issued(), base.refreshHint(), roots,
        domains, base.issuers());
    Files.createDirectories(temp.resolve("pubs"));
    Path dir = new PublicationWriter(temp.resolve("pubs")).write(input, fixture.signer());

    ExternalTools.Run run = check(dir, fixture);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).startsWith("OK sequence=8");
  }

  @Test
  void goRefusesWhatBreaksTheRules() throws Exception {
    PublicationFixture fixture = new PublicationFixture();
    Map<String, byte[]> good = PublicationWriter.render(fixture.input(5), fixture.signer());
    String bundle = "bundles/aws.example.org.json";
    String json = new String(good.get(bundle), StandardCharsets.UTF_8);

    assertRefused(fixture, resigned(fixture, good, bundle,
        json.replace("\"use\":\"x509-svid\"", "\"use\":\"x509-svid\",\"kid\":\"k1\"")),
        "members are [crv,kid,kty,use,x,x5c,y]");
    assertRefused(fixture, resigned(fixture, good, bundle,
        json.replace("\"x509-svid\"", "\"jwt-svid\"")), "use must be x509-svid");
    assertRefused(fixture, resigned(fixture, good, bundle,
        json.replace("\"spiffe_sequence\":5", "\"spiffe_sequence\":4")),
        "spiffe_sequence must equal the manifest sequence 5");
    Map<String, byte[]> tampered = new TreeMap<>(good);
    tampered.put(bundle, json.replace("x509-svid", "x509-svie").getBytes(StandardCharsets.UTF_8));
    assertRefused(fixture, tampered, "does not match its size and sha-256");
    Map<String, byte[]> alg = new TreeMap<>(good);
    alg.put(PublicationLayout.SIGNATURE, es384(good.get(PublicationLayout.SIGNATURE)));
    assertRefused(fixture, alg, "jws alg ES384 does not match the publication key");
  }

  private void assertRefused(PublicationFixture fixture, Map<String, byte[]> files,
      String message) throws Exception {
    Path dir = Files.createTempDirectory(temp, "bad-");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }

    ExternalTools.Run run = check(dir, fixture);

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).startsWith("FAIL: ").contains(message);
  }

  private ExternalTools.Run check(Path dir, PublicationFixture fixture) throws Exception {
    Path trust = temp.resolve("trust.pem");
    Files.writeString(trust, TestPki.pem(fixture.trustedRoots()));
    return ExternalTools.run(List.of(bundlecheck.toString(), "-roots", trust.toString(),
        "-now", PublicationFixture.NOW.toString(), dir.toString()), temp, 60);
  }

  private static Map<String, byte[]> resigned(PublicationFixture fixture,
      Map<String, byte[]> files, String path, String content) throws Exception {
    Map<String, byte[]> copy = new TreeMap<>(files);
    copy.put(path, content.getBytes(StandardCharsets.UTF_8));
    Manifest old = Manifest.parse(copy.get(PublicationLayout.MANIFEST));
    List<ManifestFile> entries = old.files().stream()
        .map(f -> f.path().equals(path) ? ManifestFile.of(path, copy.get(path)) : f).toList();
    byte[] json = new Manifest(old.sequence(), old.issued(), old.expires(), entries).toJson();
    copy.put(PublicationLayout.MANIFEST, json);
    copy.put(PublicationLayout.SIGNATURE,
        fixture.signer().sign(json).getBytes(StandardCharsets.US_ASCII));
    return copy;
  }

  private static byte[] es384(byte[] jws) {
    String compact = new String(jws, StandardCharsets.US_ASCII);
    int dot = compact.indexOf('.');
    String header = new String(Base64.getUrlDecoder().decode(compact.substring(0, dot)),
        StandardCharsets.UTF_8).replace("ES256", "ES384");
    return (Base64.getUrlEncoder().withoutPadding()
        .encodeToString(header.getBytes(StandardCharsets.UTF_8)) + compact.substring(dot))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
