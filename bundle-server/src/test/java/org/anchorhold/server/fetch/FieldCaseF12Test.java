package org.anchorhold.server.fetch;

import static org.anchorhold.server.fetch.FetchCommandTest.assertRefused;
import static org.anchorhold.server.fetch.FetchFixtures.fetch;
import static org.anchorhold.server.fetch.FetchFixtures.resign;
import static org.anchorhold.server.fetch.FetchFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.server.fetch.FetchFixtures.Result;
import org.anchorhold.server.interop.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("F12 chain versus bundle for SPIRE")
class FieldCaseF12Test {
  private static PublicationFixture fixture;

  @TempDir
  Path temp;
  private Path trust;
  private Path chain;
  private Path bundle;

  @BeforeAll
  static void pki() {
    fixture = new PublicationFixture();
  }

  @BeforeEach
  void files() throws Exception {
    trust = temp.resolve("trust.pem");
    Files.writeString(trust, TestPki.pem(fixture.trustedRoots()));
    chain = temp.resolve("chain.pem");
    bundle = temp.resolve("bundle.pem");
  }

  private Result fetchIssuer(Path from, String issuer, String trustDomain) {
    return fetch(PublicationFixture.clock(), "--from", from.toString(), "--trust-roots",
        trust.toString(), "--state", temp.resolve("state").toString(), "--trust-domain",
        trustDomain, "--issuer", issuer, "--cert-file", chain.toString(), "--bundle-file",
        bundle.toString());
  }

  @Test
  @DisplayName("F12 the chain file holds no root, the bundle file roots only, openssl verifies")
  void issuerFiles_chainWithoutRoots_bundleWithRootsOnly_opensslVerifies() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    Result result = fetchIssuer(dir, "aws-east", PublicationFixture.AWS_TD);

    assertThat(result.exit()).as(result.err()).isZero();
    List<X509Certificate> chainCerts = certs(chain);
    List<X509Certificate> bundleCerts = certs(bundle);
    assertThat(chainCerts).containsExactly(fixture.aws.cert());
    assertThat(chainCerts).noneMatch(c -> c.getIssuerX500Principal()
        .equals(c.getSubjectX500Principal()));
    assertThat(bundleCerts).containsExactly(fixture.root.cert());
    assertThat(Files.readString(bundle)).isEqualTo(TestPki.pem(fixture.trustedRoots()));

    // A certificate the issuer signs: SPIRE's own CA beneath the intermediate.
    Issued spireCa = TestPki.spireCa(fixture.aws, PublicationFixture.AWS_TD,
        Instant.parse("2026-05-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"));
    Path leaf = temp.resolve("spire-ca.pem");
    Files.writeString(leaf, TestPki.pem(List.of(spireCa.cert())));
    String openssl = ExternalTools.require("openssl", "openssl");
    ExternalTools.Run verify = ExternalTools.run(List.of(openssl, "verify", "-attime",
        String.valueOf(PublicationFixture.NOW.getEpochSecond()), "-CAfile", bundle.toString(),
        "-untrusted", chain.toString(), leaf.toString()), temp, 30);
    assertThat(verify.exit()).as(verify.output()).isZero();
    assertThat(verify.output()).contains(": OK");

    // And without the chain file it must not verify: the intermediate is not in the bundle.
    ExternalTools.Run alone = ExternalTools.run(List.of(openssl, "verify", "-attime",
        String.valueOf(PublicationFixture.NOW.getEpochSecond()), "-CAfile", bundle.toString(),
        leaf.toString()), temp, 30);
    assertThat(alone.exit()).isNotZero();
  }

  @Test
  void issuerOfAnotherTrustDomain_isRefused() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    assertRefused(fetchIssuer(dir, "aws-east", PublicationFixture.GCP_TD),
        "issuer 'aws-east' intermediate does not name spiffe://gcp.example.org");
    assertThat(chain).doesNotExist();
    assertThat(bundle).doesNotExist();
  }

  @Test
  void issuerThePublicationDoesNotHold_isRefused() throws Exception {
    Path dir = fixture.write(temp.resolve("pubs"), 5);

    assertRefused(fetchIssuer(dir, "onprem-legacy", PublicationFixture.LEGACY_TD),
        "issuer 'onprem-legacy' is not in publication 5");
  }

  @Test
  void chainRevokedByItsRootsCrl_isRefused_andTheOldFilesStay() throws Exception {
    Map<String, byte[]> files = FetchCommandTest.copy(
        PublicationWriter.render(fixture.input(5), fixture.signer()));
    files.put("crls/root-2026.crl", TestPki.crl(fixture.root,
        PublicationFixture.ISSUED.minusSeconds(60), PublicationFixture.NEXT_UPDATE,
        List.of(fixture.aws.cert())));
    Path dir = writeTree(temp.resolve("pubs/000000000005"), resign(files, fixture.signer()));
    Files.writeString(chain, "old chain");
    Files.writeString(bundle, "old bundle");

    assertRefused(fetchIssuer(dir, "aws-east", PublicationFixture.AWS_TD),
        "issuer 'aws-east' is revoked by its root's crl");
    assertThat(Files.readString(chain)).isEqualTo("old chain");
    assertThat(Files.readString(bundle)).isEqualTo("old bundle");
  }

  @Test
  void chainFileHoldingTheRoot_isRefused() throws Exception {
    Map<String, byte[]> files = FetchCommandTest.copy(
        PublicationWriter.render(fixture.input(5), fixture.signer()));
    files.put("issuers/aws-east/chain.pem",
        TestPki.pem(List.of(fixture.aws.cert(), fixture.root.cert())).getBytes());
    Path dir = writeTree(temp.resolve("pubs/000000000005"), resign(files, fixture.signer()));

    assertRefused(fetchIssuer(dir, "aws-east", PublicationFixture.AWS_TD),
        "issuer 'aws-east' chain holds a self-signed root");
  }

  private static List<X509Certificate> certs(Path pem) throws Exception {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem))).stream()
        .map(X509Certificate.class::cast).toList();
  }
}
