package org.anchorhold.ceremony.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.support.Tools;
import org.anchorhold.ceremony.support.Verifiers;
import org.anchorhold.ceremony.support.Workspace;
import org.anchorhold.publication.PublicationSource;
import org.anchorhold.publication.PublicationVerifier;
import org.anchorhold.publication.VerifiedPublication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Publication over SoftHSM2 through the built tool: a root ceremony with its publication key, an
 * intermediate ceremony for two issuers whose CSRs openssl made, a crl ceremony, then publish
 * ceremonies and ceremonies with a publication section, each publication verified as a relying
 * party would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishCeremonyIT {
  private static final String PUBLICATION =
      "publication: {directory: ../publications, refresh-hint: 600}\n";
  private static final String PUBLISH = "ceremony: publish\nhsm: ../hsm.yaml\nstate: ../state\n"
      + "officers: [Alice Example, Bob Example]\n" + PUBLICATION;

  private Workspace workspace;
  private Path publications;
  private Tools.Result root;
  private Tools.Result intermediate;
  private Tools.Result publishWithoutCrl;
  private Map<String, String> stateWithoutCrl;
  private Map<String, String> stateAfterRefusal;
  private Tools.Result firstPublish;
  private Map<String, String> firstDirectory;
  private Tools.Result secondPublish;
  private Tools.Result rotation;
  private Tools.Result crlWithPublication;
  private X509Certificate rootCertificate;

  @BeforeAll
  void ceremonies() throws Exception {
    Path directory = Path.of("target", "it", "publish-" + System.nanoTime()).toAbsolutePath();
    workspace = Workspace.create(directory);
    publications = directory.resolve("publications");
    root = workspace.run("root.yaml", "ceremony: root\nhsm: ../hsm.yaml\nstate: ../state\n"
        + "officers: [Alice Example, Bob Example]\n"
        + "key: {label: root-2026, algorithm: ecdsa-p384}\n"
        + "root:\n  name: root-2026\n"
        + "  subject: {common-name: Anchorhold IT Root, organization: Anchorhold IT,"
        + " country: US}\n"
        + "  validity: {not-after: \"2040-01-01T00:00:00Z\"}\n" + PUBLICATION);
    assertThat(root.exit()).as(root.output()).isZero();
    rootCertificate = Verifiers.certificates(
        workspace.state().resolve("roots/root-2026.pem")).get(0);

    intermediate = workspace.run("intermediate.yaml", intermediate(
        issuer("aws-east", "aws.example.org", csr("aws-east", "aws.example.org")),
        issuer("gcp-central", "gcp.example.org", csr("gcp-central", "gcp.example.org")))
        + PUBLICATION);
    assertThat(intermediate.exit()).as(intermediate.output()).isZero();

    stateWithoutCrl = workspace.snapshot();
    publishWithoutCrl = workspace.run("publish.yaml", PUBLISH);
    stateAfterRefusal = workspace.snapshot();

    Tools.Result crl = workspace.run("crl.yaml", crl(""));
    assertThat(crl.exit()).as(crl.output()).isZero();
    firstPublish = workspace.ceremony("run", "--yes", "ceremonies/publish.yaml");
    assertThat(firstPublish.exit()).as(firstPublish.output()).isZero();
    firstDirectory = files(publications.resolve("000000000001"));
    secondPublish = workspace.ceremony("run", "--yes", "ceremonies/publish.yaml");
    assertThat(secondPublish.exit()).as(secondPublish.output()).isZero();

    rotation = workspace.run("rotation.yaml", intermediate(
        issuer("aws-east", "aws.example.org", csr("aws-east-2", "aws.example.org")))
        + PUBLICATION);
    assertThat(rotation.exit()).as(rotation.output()).isZero();
    crlWithPublication = workspace.run("crl-publish.yaml", crl(PUBLICATION));
    assertThat(crlWithPublication.exit()).as(crlWithPublication.output()).isZero();
  }

  private static String intermediate(String... issuers) {
    return "ceremony: intermediate\nhsm: ../hsm.yaml\nstate: ../state\n"
        + "officers: [Alice Example, Bob Example]\nroot: root-2026\n"
        + "base-url: https://pki.example.org\nissuers:\n" + String.join("", issuers);
  }

  private static String issuer(String name, String trustDomain, Path csr) {
    return "  - name: " + name + "\n    trust-domain: " + trustDomain + "\n    csr: " + csr
        + "\n    subject: {common-name: " + name + ", organization: Anchorhold IT}\n"
        + "    validity: {not-after: \"2030-01-01T00:00:00Z\"}\n    ca-ttl: 24h\n";
  }

  /** An issuer makes its key and CSR with openssl, as a SPIRE operator would. */
  private Path csr(String directoryName, String trustDomain) throws IOException {
    Path directory = workspace.directory().resolve("issuers").resolve(directoryName);
    Files.createDirectories(directory);
    Tools.ok(directory, Map.of(), List.of("openssl", "req", "-new", "-nodes", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "key.pem", "-out", "csr.pem",
        "-subj", "/O=Anchorhold IT/CN=" + directoryName.replace("-2", ""),
        "-addext", "subjectAltName=URI:spiffe://" + trustDomain));
    return directory.resolve("csr.pem");
  }

  private static String crl(String extra) {
    return "ceremony: crl\nhsm: ../hsm.yaml\nstate: ../state\n"
        + "officers: [Alice Example, Bob Example]\n"
        + "crl: {root: root-2026, validity-days: 30, renewal-margin-days: 10}\n" + extra;
  }

  private static Map<String, String> files(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        files.put(directory.relativize(path).toString(), Files.isRegularFile(path)
            ? Pem.sha256Hex(Files.readAllBytes(path)) + " " + Files.getLastModifiedTime(path)
            : "directory");
      }
    }
    return files;
  }

  private VerifiedPublication verified(String sequenceDirectory) throws Exception {
    return new PublicationVerifier(List.of(rootCertificate), Clock.systemUTC())
        .verifyAll(PublicationSource.directory(publications.resolve(sequenceDirectory)));
  }

  private JsonNode stateIndex() throws IOException {
    return new ObjectMapper().readTree(workspace.state().resolve("state.json").toFile());
  }

  @Test
  void rootCeremony_recordsThePublicationKeyAndCertificate_andHasNothingToPublishYet()
      throws Exception {
    JsonNode record = stateIndex().get("roots").get(0);
    assertThat(record.get("publication-key-label").asText()).isEqualTo("root-2026-publication");
    assertThat(record.get("publication-certificate").asText())
        .isEqualTo("roots/root-2026-publication.pem");
    Path pem = workspace.state().resolve("roots/root-2026-publication.pem");
    assertThat(Pem.sha256Hex(Verifiers.certificates(pem).get(0).getEncoded()))
        .isEqualTo(record.get("publication-sha256").asText());
    assertThat(root.stderr()).contains("no trust domain yet").contains("nothing published");
  }

  @Test
  void publicationCertificate_isAnEndEntityForSigningOnly_insideTheRoot() throws Exception {
    Path pem = workspace.state().resolve("roots/root-2026-publication.pem");
    X509Certificate certificate = Verifiers.certificates(pem).get(0);
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getKeyUsage()).containsExactly(true, false, false, false, false,
        false, false, false, false);
    assertThat(certificate.getCriticalExtensionOIDs()).containsExactly("2.5.29.15");
    assertThat(certificate.getExtendedKeyUsage()).isNull();
    assertThat(certificate.getSerialNumber().bitLength()).isBetween(100, 128);
    assertThat(certificate.getNotBefore()).isAfterOrEqualTo(rootCertificate.getNotBefore());
    assertThat(certificate.getNotAfter()).isBeforeOrEqualTo(rootCertificate.getNotAfter());
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=root-2026 publication,O=Anchorhold IT,C=US");
    certificate.verify(rootCertificate.getPublicKey());
    Tools.Result openssl = Tools.run(workspace.directory(), Map.of(), List.of("openssl",
        "verify", "-x509_strict", "-CAfile",
        workspace.state().resolve("roots/root-2026.pem").toString(), pem.toString()));
    assertThat(openssl.exit()).as(openssl.output()).isZero();
  }

  @Test
  void publicationKey_isSensitiveNeverExtractableAndSignOnly_perPkcs11Tool() {
    Tools.Result objects = Tools.run(workspace.directory(),
        Map.of("SOFTHSM2_CONF", workspace.environment().get("SOFTHSM2_CONF"),
            "ANCHORHOLD_TEST_PIN", "246810"),
        List.of("pkcs11-tool", "--module", "/usr/lib/softhsm/libsofthsm2.so",
            "--token-label", "anchorhold-root", "--login", "--pin", "env:ANCHORHOLD_TEST_PIN",
            "--list-objects", "--type", "privkey", "--label", "root-2026-publication"));
    assertThat(objects.exit()).as(objects.output()).isZero();
    assertThat(objects.stdout()).contains("Private Key Object; EC", "label:      "
        + "root-2026-publication", "Usage:      sign\n",
        "Access:     sensitive, always sensitive, never extractable, local");
    Tools.Result certificates = Tools.run(workspace.directory(),
        Map.of("SOFTHSM2_CONF", workspace.environment().get("SOFTHSM2_CONF")),
        List.of("pkcs11-tool", "--module", "/usr/lib/softhsm/libsofthsm2.so",
            "--token-label", "anchorhold-root", "--list-objects", "--type", "cert"));
    assertThat(certificates.stdout()).contains("label:      root-2026-publication");
  }

  @Test
  void intermediateCeremony_withoutACrl_recordsAndSaysWhyItDidNotPublish() {
    assertThat(intermediate.stderr()).contains("not published: root 'root-2026' has no CRL yet;"
        + " relying parties see this change after the first crl ceremony publishes");
  }

  @Test
  void publish_beforeAnyCrl_failsWithTheReason_andChangesNothing() {
    assertThat(publishWithoutCrl.exit()).isEqualTo(1);
    assertThat(publishWithoutCrl.stderr()).contains("publish ceremony failed: root 'root-2026'"
        + " has no CRL; run a crl ceremony first");
    assertThat(stateAfterRefusal).isEqualTo(stateWithoutCrl);
    assertThat(firstPublish.stderr()).doesNotContain("000000000000");
  }

  @Test
  void firstPublication_verifiesAgainstTheRoot_andHoldsBundlesRootsCrlsAndChains()
      throws Exception {
    VerifiedPublication publication = verified("000000000001");
    assertThat(publication.manifest().sequence()).isEqualTo(1);
    assertThat(publication.files().keySet()).contains("bundles/aws.example.org.json",
        "bundles/aws.example.org.pem", "bundles/gcp.example.org.json",
        "bundles/gcp.example.org.pem", "roots/root-2026.crt", "crls/root-2026.crl",
        "issuers/aws-east/chain.pem", "issuers/gcp-central/chain.pem");
    assertThat(publication.signer().getEncoded()).isEqualTo(Verifiers.certificates(
        workspace.state().resolve("roots/root-2026-publication.pem")).get(0).getEncoded());
    JsonNode bundle = new ObjectMapper().readTree(
        publication.files().get("bundles/aws.example.org.json"));
    assertThat(bundle.get("spiffe_sequence").asLong()).isEqualTo(1);
    assertThat(bundle.get("spiffe_refresh_hint").asLong()).isEqualTo(600);
    assertThat(bundle.get("keys")).hasSize(1);
    assertThat(publication.files().get("crls/root-2026.crl")).isEqualTo(
        readState("crls/root-2026/1.crl"));
  }

  @Test
  void publishTranscript_printsEveryFileHashAndTheJws() throws Exception {
    Path directory = publications.resolve("000000000001");
    String manifestHash = Pem.sha256Hex(Files.readAllBytes(directory.resolve("manifest.json")));
    String jws = Files.readString(directory.resolve("manifest.jws"));
    assertThat(firstPublish.stderr()).contains(manifestHash + "  manifest.json")
        .contains(jws)
        .contains("proven to match its certificate (a challenge signed in the HSM verifies")
        .contains("recorded publication sequence 1");
  }

  @Test
  void publishingAgain_givesSequence2_andLeavesTheFirstDirectoryUntouched() throws Exception {
    assertThat(files(publications.resolve("000000000001"))).isEqualTo(firstDirectory);
    VerifiedPublication second = verified("000000000002");
    assertThat(second.manifest().sequence()).isEqualTo(2);
    JsonNode bundle = new ObjectMapper().readTree(
        second.files().get("bundles/gcp.example.org.json"));
    assertThat(bundle.get("spiffe_sequence").asLong()).isEqualTo(2);
  }

  @Test
  void intermediateCeremonyWithPublication_publishesItsRotationAsTheNextSequence()
      throws Exception {
    assertThat(rotation.stderr()).contains("recorded publication sequence 3");
    VerifiedPublication third = verified("000000000003");
    JsonNode issued = null;
    for (JsonNode record : stateIndex().get("issued")) {
      if (record.get("issuer").asText().equals("aws-east")) {
        issued = record;
      }
    }
    byte[] newest = Verifiers.certificates(workspace.state().resolve(
        issued.get("certificate").asText())).get(0).getEncoded();
    List<X509Certificate> chain = Verifiers.certificates(
        Files.writeString(workspace.directory().resolve("chain-3.pem"), new String(
            third.files().get("issuers/aws-east/chain.pem"), StandardCharsets.US_ASCII)));
    assertThat(chain).hasSize(1);
    assertThat(chain.get(0).getEncoded()).isEqualTo(newest);
  }

  @Test
  void state_recordsTheLastSequence_andTheAuditLogAPublicationEntryPerPublication()
      throws Exception {
    assertThat(stateIndex().get("publication-sequence").asLong()).isEqualTo(4);
    List<String> audit = Files.readAllLines(workspace.state().resolve("audit.log"));
    assertThat(audit.stream().filter(l -> l.contains("\"event\":\"publication\""))).hasSize(4);
    assertThat(audit.get(audit.size() - 1)).contains("publications/000000000004/manifest.jws");
  }

  @Test
  void crlCeremonyWithPublication_publishesItsNewCrl() throws Exception {
    assertThat(crlWithPublication.stderr()).contains("recorded publication sequence 4");
    VerifiedPublication fourth = verified("000000000004");
    assertThat(fourth.files().get("crls/root-2026.crl"))
        .isEqualTo(readState("crls/root-2026/2.crl"));
  }

  @Test
  @DisplayName("a publications directory that has a higher sequence than the state wins")
  void nextSequence_isAboveBothTheStateAndTheDirectory() throws Exception {
    Path directory = workspace.directory().resolve("sequence-check");
    Files.createDirectories(directory.resolve("000000000041"));
    State state = State.empty().withPublicationSequence(7);
    assertThat(Publisher.nextSequence(state, directory)).isEqualTo(42);
    assertThat(Publisher.nextSequence(state.withPublicationSequence(50), directory))
        .isEqualTo(51);
    assertThat(Publisher.nextSequence(state, directory.resolve("absent"))).isEqualTo(8);
  }

  @Test
  void crlCeremony_whoseNextPublicationNameIsTaken_isRefusedBeforeTheHsmOpens() throws Exception {
    Path taken = publications.resolve("000000000005");
    Files.writeString(taken, "not a publication");
    try {
      Map<String, String> before = files(workspace.state());

      Tools.Result refused = workspace.run("crl-taken.yaml", crl(PUBLICATION));

      assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
      assertThat(refused.stderr()).contains("crl ceremony failed: '" + taken + "', the name of "
          + "the next publication, is taken by something that is not a publication; move it "
          + "out of '" + publications + "' first").doesNotContain("logged in");
      assertThat(files(workspace.state())).isEqualTo(before);
    } finally {
      Files.delete(taken);
    }
  }

  private byte[] readState(String file) throws IOException {
    return Files.readAllBytes(workspace.state().resolve(file));
  }
}
