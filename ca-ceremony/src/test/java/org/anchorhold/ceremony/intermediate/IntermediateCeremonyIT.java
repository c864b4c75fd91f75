package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.anchorhold.ceremony.support.CsrFixtures;
import org.anchorhold.ceremony.support.Tools;
import org.anchorhold.ceremony.support.Verifiers;
import org.anchorhold.ceremony.support.Workspace;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The intermediate ceremony over SoftHSM2, through the built tool: a batch signed and checked by
 * OpenSSL, the JDK's PKIX validator and Go (spire-sim), name constraints as PROFILES.md measures
 * them, and refusals that sign and record nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntermediateCeremonyIT {
  /** The root ends in 2050 so that F07's 2049/2050 boundary fits inside it. */
  private static final String ROOT_NOT_AFTER = "2050-06-01T00:00:00Z";

  private Workspace workspace;
  private Path issuers;
  private int files;

  @BeforeAll
  void rootCeremony() throws Exception {
    Path directory = Path.of("target", "it", "intermediate-" + System.nanoTime())
        .toAbsolutePath();
    workspace = Workspace.create(directory);
    workspace.root("root-2026", ROOT_NOT_AFTER);
    issuers = directory.resolve("issuers");
  }

  /** An issuer makes its key and CSR with openssl, as a SPIRE operator would. */
  private Path opensslCsr(String name, String keyOptions, String san) {
    return opensslCsr(name, name, keyOptions, san);
  }

  private Path opensslCsr(String directoryName, String name, String keyOptions, String san) {
    Path directory = issuers.resolve(directoryName);
    try {
      Files.createDirectories(directory);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    List<String> command = new ArrayList<>(List.of("openssl", "req", "-new", "-nodes",
        "-keyout", "key.pem", "-out", "csr.pem", "-subj", "/O=Anchorhold IT/CN=" + name));
    command.addAll(List.of(keyOptions.split(" ")));
    if (san != null) {
      command.addAll(List.of("-addext", "subjectAltName=" + san));
    }
    Tools.ok(directory, Map.of(), command);
    return directory.resolve("csr.pem");
  }

  private static String issuer(String name, String trustDomain, Path csr, String notAfter,
      String extra) {
    return "  - name: " + name + "\n"
        + "    trust-domain: " + trustDomain + "\n"
        + "    csr: " + csr + "\n"
        + "    subject: {common-name: " + name + ", organization: Anchorhold IT}\n"
        + "    validity: {not-after: \"" + notAfter + "\"}\n"
        + "    ca-ttl: 24h\n" + extra;
  }

  private static String ceremony(String options, String... issuerEntries) {
    return "ceremony: intermediate\nhsm: ../hsm.yaml\nstate: ../state\n"
        + "officers: [Alice Example, Bob Example]\nroot: root-2026\n"
        + "base-url: https://pki.example.org\n" + options + "issuers:\n"
        + String.join("", issuerEntries);
  }

  private String file() {
    return "intermediate-" + (++files) + ".yaml";
  }

  private JsonNode stateIndex() throws Exception {
    return new ObjectMapper().readTree(workspace.state().resolve("state.json").toFile());
  }

  private JsonNode issued(String issuer) throws Exception {
    JsonNode found = null;
    for (JsonNode record : stateIndex().get("issued")) {
      if (record.get("issuer").asText().equals(issuer)) {
        found = record;
      }
    }
    assertThat(found).as("issued record of " + issuer).isNotNull();
    return found;
  }

  private Path spireFile(String issuer, String name) throws Exception {
    return workspace.state().resolve("issuers").resolve(issuer)
        .resolve(issued(issuer).get("serial").asText()).resolve(name);
  }

  @Test
  @DisplayName("F05 a batch of SPIRE-like CSRs gives intermediates that OpenSSL, the JDK and Go "
      + "accept, with SVIDs beneath them")
  void batch_signsIntermediatesThatEveryVerifierAccepts() throws Exception {
    Path aws = opensslCsr("aws-east", "-newkey ec -pkeyopt ec_paramgen_curve:P-256",
        "URI:spiffe://aws.example.org");
    Path gcp = opensslCsr("gcp-central", "-newkey ec -pkeyopt ec_paramgen_curve:P-384", null);
    Path onprem = opensslCsr("onprem-legacy", "-newkey rsa:2048", null);
    int auditLines = Files.readAllLines(workspace.state().resolve("audit.log")).size();

    Tools.Result result = workspace.run(file(), ceremony("",
        issuer("aws-east", "aws.example.org", aws, "2027-12-01T00:00:00Z", ""),
        issuer("gcp-central", "gcp.example.org", gcp, "2027-12-01T00:00:00Z", ""),
        issuer("onprem-legacy", "legacy.example.org", onprem, "2027-12-01T00:00:00Z",
            "    path-length: 1\n")));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.stderr()).contains("UpstreamAuthority \"disk\"")
        .contains("key '" + "root-2026' (ID").contains("proven to match root 'root-2026'");
    assertThat(Files.readAllLines(workspace.state().resolve("audit.log")))
        .hasSize(auditLines + 1);
    String[][] cases = {{"aws-east", "aws.example.org"}, {"gcp-central", "gcp.example.org"},
        {"onprem-legacy", "legacy.example.org"}};
    for (String[] c : cases) {
      verifiedByEveryone(c[0], c[1]);
    }
    assertThat(issued("onprem-legacy").get("status").asText()).isEqualTo("valid");
    assertThat(Verifiers.certificates(spireFile("onprem-legacy", "chain.pem")).get(0)
        .getBasicConstraints()).isEqualTo(1);
  }

  private void verifiedByEveryone(String issuer, String trustDomain) throws Exception {
    Path chain = spireFile(issuer, "chain.pem");
    Path bundle = spireFile(issuer, "bundle.pem");
    List<X509Certificate> chainCerts = Verifiers.certificates(chain);
    List<X509Certificate> roots = Verifiers.certificates(bundle);
    assertThat(chainCerts).as("F12 chain without the root").hasSize(1);
    assertThat(roots).as("bundle holds the root only").hasSize(1);
    assertThat(roots.get(0).getSubjectX500Principal())
        .isEqualTo(roots.get(0).getIssuerX500Principal());
    assertThat(chainCerts.get(0).getEncoded()).isEqualTo(Verifiers.certificates(
        workspace.state().resolve(issued(issuer).get("certificate").asText())).get(0)
        .getEncoded());

    Tools.Result openssl = Verifiers.openssl(bundle, List.of(), chain);
    assertThat(openssl.exit()).as(openssl.output()).isZero();
    assertThat(Verifiers.jdkPkix(chainCerts, roots)).isEmpty();

    Path out = workspace.directory().resolve("spire-sim").resolve(issuer);
    Tools.Result go = Verifiers.spire(chain, bundle, issuers.resolve(issuer).resolve("key.pem"),
        trustDomain, "spiffe://" + trustDomain + "/workload", out);
    assertThat(go.exit()).as(go.output()).isZero();
    assertThat(go.stdout()).contains("svid chain of 4 links verifies");
    Tools.Result svid = Verifiers.openssl(bundle, List.of(chain, out.resolve("spire-ca.pem")),
        out.resolve("svid.pem"));
    assertThat(svid.exit()).as(svid.output()).isZero();
    assertThat(Verifiers.jdkPkix(Verifiers.certificates(out.resolve("svid-chain.pem")), roots))
        .isEmpty();
  }

  @Test
  @DisplayName("F05 a CSR asking for CA rights, a path length, EKUs, name constraints and a CRL "
      + "URL gets only the profile's extensions")
  void requestedExtensions_areIgnoredAndOnlyTheProfileIsSigned() throws Exception {
    Path csr = opensslCsr("greedy", "-newkey ec -pkeyopt ec_paramgen_curve:P-256 "
        + "-addext basicConstraints=critical,CA:true,pathlen:0 "
        + "-addext keyUsage=critical,digitalSignature,keyCertSign "
        + "-addext extendedKeyUsage=serverAuth,clientAuth "
        + "-addext nameConstraints=critical,permitted;URI:evil.test "
        + "-addext crlDistributionPoints=URI:http://evil.test/greedy.crl", null);

    Tools.Result result = workspace.run(file(), ceremony("",
        issuer("greedy", "aws.example.org", csr, "2027-12-01T00:00:00Z", "")));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.stderr()).contains("warning: issuers[0].csr requests basicConstraints, "
        + "keyUsage, extendedKeyUsage, nameConstraints, cRLDistributionPoints; ignored");
    X509Certificate certificate = Verifiers.certificates(spireFile("greedy", "chain.pem"))
        .get(0);
    assertThat(certificate.getExtendedKeyUsage()).isNull();
    assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(certificate.getKeyUsage()).containsExactly(false, false, false, false, false,
        true, true, false, false);
    Tools.Result text = Tools.ok(workspace.directory(), Map.of(), List.of("openssl", "x509",
        "-in", spireFile("greedy", "chain.pem").toString(), "-noout", "-text"));
    assertThat(text.stdout()).contains("URI:aws.example.org")
        .contains("URI:https://pki.example.org/crls/root-2026.crl")
        .doesNotContain("evil.test").doesNotContain("Extended Key Usage");
  }

  @Test
  void subjectEqualToTheRoots_isRefusedBeforeSigning() throws Exception {
    Path csr = CsrFixtures.ec("secp256r1").subject("").write(issuers.resolve("root-twin"),
        "csr-empty-subject.pem");
    Map<String, String> before = workspace.snapshot();

    Tools.Result result = workspace.run(file(), ceremony("", "  - name: root-twin\n"
        + "    trust-domain: aws.example.org\n    csr: " + csr + "\n"
        + "    subject: {common-name: Anchorhold IT Root root-2026, organization: Anchorhold IT,"
        + " country: US}\n    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n"
        + "    ca-ttl: 24h\n"));

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("intermediate ceremony failed: issuers[0].subject "
        + "must differ from the subject of root 'root-2026'");
    assertThat(workspace.snapshot()).isEqualTo(before);
  }

  static Stream<Arguments> foreignSvids() {
    return Stream.of(
        Arguments.of("spiffe://gcp.example.org/workload", false),
        Arguments.of("spiffe://sub.aws.example.org/workload", true),
        Arguments.of("spiffe://aws.example.org.evil.test/workload", false));
  }

  /**
   * PROFILES.md: OpenSSL 3 and the JDK enforce URI name constraints exactly; Go 1.19 enforces
   * them but also accepts subdomains of the constrained host.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("foreignSvids")
  void svidOutsideTheTrustDomain_isRefusedByOpensslAndTheJdk(String svidId,
      boolean goAcceptsSubdomain) throws Exception {
    Path csr = opensslCsr("aws-nc-" + Math.abs(svidId.hashCode()),
        "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);
    String name = csr.getParent().getFileName().toString();
    Tools.Result result = workspace.run(file(), ceremony("",
        issuer(name, "aws.example.org", csr, "2027-12-01T00:00:00Z", "")));
    assertThat(result.exit()).as(result.output()).isZero();
    Path chain = spireFile(name, "chain.pem");
    Path bundle = spireFile(name, "bundle.pem");
    Path out = workspace.directory().resolve("spire-sim").resolve(name);

    Tools.Result go = Verifiers.spire(chain, bundle, csr.resolveSibling("key.pem"),
        "aws.example.org", svidId, out);

    assertThat(go.exit()).as(go.output()).isEqualTo(goAcceptsSubdomain ? 0 : 3);
    Tools.Result openssl = Verifiers.openssl(bundle, List.of(chain, out.resolve("spire-ca.pem")),
        out.resolve("svid.pem"));
    assertThat(openssl.exit()).as(openssl.output()).isNotZero();
    assertThat(openssl.stdout() + openssl.stderr()).contains("permitted subtree violation");
    assertThat(Verifiers.jdkPkix(Verifiers.certificates(out.resolve("svid-chain.pem")),
        Verifiers.certificates(bundle))).get().asString().containsIgnoringCase("name");
  }

  private static Arguments bad(String fixture, Supplier<byte[]> csr, String message) {
    return Arguments.of(fixture, csr, message);
  }

  private static Supplier<byte[]> pem(Supplier<CsrFixtures> fixture) {
    return () -> fixture.get().pem().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static Stream<Arguments> badCsrs() {
    return Stream.of(
        bad("csr-bad-signature.pem", pem(() -> CsrFixtures.ec("secp256r1").subject("")
            .corruptSignature()), "signature does not verify with the CSR's key"),
        bad("csr-rsa-1024.pem", pem(() -> CsrFixtures.rsa(1024).subject("")),
            "key is RSA 1024 bits; at least 2048 are required"),
        bad("csr-p192.pem", pem(() -> CsrFixtures.ec("secp192r1").subject("")),
            "key is ECDSA on curve P-192"),
        bad("csr-ed25519.pem", pem(() -> CsrFixtures.ed25519().subject("")),
            "key type 1.3.101.112 is not allowed"),
        bad("csr-san-other-trust-domain.pem", pem(() -> CsrFixtures.ec("secp256r1").subject("")
            .uri("spiffe://gcp.example.org")), "which is not spiffe://aws.example.org"),
        bad("csr-san-two-uris.pem", pem(() -> CsrFixtures.ec("secp256r1").subject("")
            .uri("spiffe://aws.example.org").uri("spiffe://aws.example.org")),
            "requests 2 URI SANs"),
        bad("csr-san-spiffe-id-with-path.pem", pem(() -> CsrFixtures.ec("secp256r1")
            .subject("").uri("spiffe://aws.example.org/spire")), "a SPIFFE ID with a path"),
        bad("csr-san-dns.pem", pem(() -> CsrFixtures.ec("secp256r1").subject("")
            .dns("aws.example.org")), "requests a DNS SAN"),
        bad("csr-san-ip.pem", pem(() -> CsrFixtures.ec("secp256r1").subject("")
            .ip("192.0.2.1")), "requests a IP address SAN"),
        bad("not-a-csr-empty.pem", () -> new byte[0], "is empty"),
        bad("not-a-csr-garbage.bin", () -> "garbage\u0001\u0002".getBytes(),
            "is not a PEM or DER certificate request"),
        bad("not-a-csr-private-key.pem", () -> ("-----BEGIN PRIVATE KEY-----\nMAA=\n"
            + "-----END PRIVATE KEY-----\n").getBytes(), "holds a private key (PRIVATE KEY)"),
        bad("not-a-csr-10mb.bin", () -> new byte[10 * 1024 * 1024],
            "is larger than 64 KiB"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCsrs")
  void badCsrInABatch_signsAndRecordsNothing(String fixture, Supplier<byte[]> csr,
      String message) throws Exception {
    Path good = opensslCsr("good-" + fixture.replace('.', '-'), "good-one",
        "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);
    Path badFile = issuers.resolve("bad").resolve(fixture);
    Files.createDirectories(badFile.getParent());
    Files.write(badFile, csr.get());
    Map<String, String> before = workspace.snapshot();

    Tools.Result result = workspace.run(file(), ceremony("",
        issuer("good-one", "aws.example.org", good, "2027-12-01T00:00:00Z", ""),
        issuer("bad-one", "aws.example.org", badFile, "2027-12-01T00:00:00Z", "")));

    assertThat(result.exit()).as(result.output()).isEqualTo(2);
    assertThat(result.stderr().strip()).startsWith("invalid ceremony file: issuers[1].csr '"
        + badFile + "' ").contains(message).doesNotContain("\n");
    assertThat(workspace.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("F07 an intermediate outliving the root is refused and nothing of the batch is "
      + "signed")
  void outlivingTheRoot_isRefusedForTheWholeBatch() throws Exception {
    Path first = opensslCsr("inside-root", "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);
    Path second = opensslCsr("past-root", "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);
    Map<String, String> before = workspace.snapshot();

    Tools.Result result = workspace.run(file(), ceremony("",
        issuer("inside-root", "aws.example.org", first, "2027-12-01T00:00:00Z", ""),
        issuer("past-root", "aws.example.org", second, "2051-01-01T00:00:00Z", "")));

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("intermediate ceremony failed: issuers[1].validity."
        + "not-after 2051-01-01T00:00:00Z ends after root 'root-2026' (" + ROOT_NOT_AFTER
        + "); refused (outliving-root: refuse)");
    assertThat(workspace.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("F07 clamping is said in the transcript; 2049 is UTCTime and 2050 "
      + "GeneralizedTime")
  void outlivingTheRoot_isClampedWhenTheFileSaysSo() throws Exception {
    Path clamped = opensslCsr("clamped", "-newkey ec -pkeyopt ec_paramgen_curve:P-384", null);
    Path last = opensslCsr("last-utctime", "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);

    Tools.Result result = workspace.run(file(), ceremony("outliving-root: clamp\n",
        issuer("clamped", "aws.example.org", clamped, "2051-01-01T00:00:00Z", ""),
        issuer("last-utctime", "aws.example.org", last, "2049-12-31T23:59:59Z", "")));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.stderr()).contains("issuers[0].validity.not-after 2051-01-01T00:00:00Z "
        + "ends after root 'root-2026' (" + ROOT_NOT_AFTER + "); clamped to " + ROOT_NOT_AFTER
        + " (outliving-root: clamp)");
    X509Certificate cut = Verifiers.certificates(spireFile("clamped", "chain.pem")).get(0);
    assertThat(cut.getNotAfter().toInstant()).isEqualTo(Instant.parse(ROOT_NOT_AFTER));
    assertThat(TBSCertificate.getInstance(cut.getTBSCertificate()).getEndDate().toASN1Primitive())
        .isInstanceOf(ASN1GeneralizedTime.class);
    X509Certificate utc = Verifiers.certificates(spireFile("last-utctime", "chain.pem")).get(0);
    assertThat(TBSCertificate.getInstance(utc.getTBSCertificate()).getEndDate().toASN1Primitive())
        .isInstanceOf(ASN1UTCTime.class);
    assertThat(Verifiers.openssl(spireFile("clamped", "bundle.pem"), List.of(),
        spireFile("clamped", "chain.pem")).exit()).isZero();
  }

  @Test
  void secondIntermediateForAnIssuer_isARotationAndAnotherTrustDomainIsRefused()
      throws Exception {
    Path first = opensslCsr("rotating", "-newkey ec -pkeyopt ec_paramgen_curve:P-256", null);
    assertThat(workspace.run(file(), ceremony("",
        issuer("rotating", "aws.example.org", first, "2027-12-01T00:00:00Z", ""))).exit())
        .isZero();
    Path next = opensslCsr("rotating-next", "rotating",
        "-newkey ec -pkeyopt ec_paramgen_curve:P-256",
        null);

    Tools.Result rotation = workspace.run(file(), ceremony("",
        issuer("rotating", "aws.example.org", next, "2028-06-01T00:00:00Z", "")));
    assertThat(rotation.exit()).as(rotation.output()).isZero();
    assertThat(rotation.stderr()).contains("issuer 'rotating' already has live intermediate")
        .contains("the new one overlaps it (rotation)");

    Map<String, String> before = workspace.snapshot();
    Path other = opensslCsr("rotating-other", "rotating",
        "-newkey ec -pkeyopt ec_paramgen_curve:P-256",
        null);
    Tools.Result moved = workspace.run(file(), ceremony("",
        issuer("rotating", "gcp.example.org", other, "2028-06-01T00:00:00Z", "")));
    assertThat(moved.exit()).as(moved.output()).isEqualTo(1);
    assertThat(moved.stderr()).contains("intermediate ceremony failed: issuers[0]: issuer "
        + "'rotating' has trust domain 'aws.example.org' in the state, not 'gcp.example.org'");
    assertThat(workspace.snapshot()).isEqualTo(before);
  }
}
