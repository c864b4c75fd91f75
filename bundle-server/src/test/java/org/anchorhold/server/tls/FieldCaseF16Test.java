package org.anchorhold.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.cli.StartupException;
import org.anchorhold.server.testing.Fixtures;
import org.anchorhold.server.testing.TestPki;
import org.anchorhold.server.testing.TlsFixtures;
import org.anchorhold.server.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("F16 TLS identity of the endpoint")
class FieldCaseF16Test {
  @TempDir
  Path tmp;
  private TlsFixtures tls;
  private Path publications;

  @BeforeEach
  void setUp() throws Exception {
    tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    publications = Files.createDirectory(tmp.resolve("publications"));
    Fixtures.writeFake(publications, 1, false);
  }

  private static TlsIdentity identity(List<X509Certificate> chain, TestPki.Issued keyOf) {
    return new TlsIdentity(chain, keyOf.keys().getPrivate());
  }

  private void assertRefused(TlsIdentity identity, String serverName, String message) {
    assertThatThrownBy(() -> TlsIdentityCheck.check(identity, serverName, Instant.now()))
        .isInstanceOf(TlsIdentityException.class).hasMessage(message);
  }

  @Test
  void fullChainForTheName_passes() throws Exception {
    TlsIdentityCheck.check(identity(List.of(tls.leaf.cert(), tls.intermediate.cert()),
        tls.leaf), "localhost", Instant.now());
    TlsIdentityCheck.check(identity(List.of(tls.leaf.cert(), tls.intermediate.cert(),
        tls.root.cert()), tls.leaf), "127.0.0.1", Instant.now());
  }

  @Test
  void keyOfAnotherCertificate_isRefused() {
    assertThatThrownBy(() -> TlsIdentityCheck.check(
        identity(List.of(tls.leaf.cert(), tls.intermediate.cert()), tls.intermediate),
        null, Instant.now()))
        .isInstanceOf(TlsIdentityException.class)
        .hasMessage("tls key does not match the certificate 'CN=localhost'");
  }

  @Test
  void expiredCertificate_isRefusedWithItsDate() {
    Instant now = Instant.now();
    TestPki.Issued old = TestPki.leaf("old", tls.intermediate, List.of("localhost"),
        now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    assertThatThrownBy(() -> TlsIdentityCheck.check(
        identity(List.of(old.cert(), tls.intermediate.cert()), old), null, now))
        .isInstanceOf(TlsIdentityException.class)
        .hasMessageStartingWith("tls certificate 'CN=old' expired at ");
  }

  @Test
  void sanNotNamingTheHost_isRefusedListingWhatItNames() {
    TestPki.Issued other = TestPki.leaf("other", tls.intermediate,
        List.of("other.example.org", "10.0.0.1"));
    assertRefused(identity(List.of(other.cert(), tls.intermediate.cert()), other),
        "bundles.example.org", "tls certificate subjectAltName does not name "
            + "'bundles.example.org'; it names: other.example.org, 10.0.0.1");
  }

  @Test
  void noSan_isRefusedEvenWhenTheCommonNameMatches() {
    TestPki.Issued bare = TestPki.leaf("bundles.example.org", tls.intermediate, List.of());
    assertRefused(identity(List.of(bare.cert(), tls.intermediate.cert()), bare),
        "bundles.example.org", "tls certificate has no subjectAltName; clients ignore the "
            + "common name, so it must name 'bundles.example.org' as a dNSName");
  }

  @Test
  void wildcard_matchesOneLabelOnly() {
    assertThat(TlsIdentityCheck.dnsMatches("*.example.org", "bundles.example.org")).isTrue();
    assertThat(TlsIdentityCheck.dnsMatches("*.example.org", "a.b.example.org")).isFalse();
    assertThat(TlsIdentityCheck.dnsMatches("*.example.org", "example.org")).isFalse();
    assertThat(TlsIdentityCheck.dnsMatches("*.org", "example.org")).isFalse();
    assertThat(TlsIdentityCheck.dnsMatches("Bundles.Example.org.", "bundles.example.org"))
        .isTrue();
  }

  @Test
  void chainMissingItsIntermediate_isRefused() {
    assertRefused(identity(List.of(tls.leaf.cert()), tls.leaf), null,
        "tls chain is incomplete: the issuer 'CN=TLS Test Issuing CA' of 'CN=localhost' is "
            + "not in the certificate file; append the intermediate (or the private root)");
  }

  @Test
  void chainOutOfOrder_isRefused() {
    assertRefused(identity(List.of(tls.leaf.cert(), tls.root.cert(), tls.intermediate.cert()),
        tls.leaf), null, "tls chain is out of order: certificate 2 'CN=TLS Test Root' did not "
            + "issue certificate 1 'CN=localhost'");
  }

  @Test
  void start_withMismatchedKey_failsSayingSo() throws Exception {
    TestPki.writePem(tls.keyFile(), tls.intermediate.keys().getPrivate());

    assertThatThrownBy(() -> tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30)))
        .isInstanceOf(StartupException.class)
        .hasMessage("tls key does not match the certificate 'CN=localhost'");
  }

  @Test
  void start_withEncryptedOrMissingKey_failsSayingSo() throws Exception {
    Files.writeString(tls.keyFile(), "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiZ\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))).isInstanceOf(StartupException.class)
        .hasMessageStartingWith("tls key file '");

    Files.delete(tls.keyFile());
    assertThatThrownBy(() -> tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))).isInstanceOf(StartupException.class)
        .hasMessageStartingWith("tls key file '").hasMessageContaining("cannot be read");
  }

  @Test
  void server_sendsTheFullChain() throws Exception {
    try (RunningServer server = tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))) {
      X509Certificate[] chain = tls.handshake(server.http().address("https"));

      assertThat(chain).containsExactly(tls.leaf.cert(), tls.intermediate.cert());
    }
  }

  @Test
  void server_opensslVerifiesTheChainAgainstTheRootAlone() throws Exception {
    Tools.require("openssl", "openssl");
    try (RunningServer server = tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))) {
      InetSocketAddress address = server.http().address("https");
      Tools.Result result = Tools.run(List.of("openssl", "s_client", "-connect",
          "127.0.0.1:" + address.getPort(), "-servername", "localhost", "-CAfile",
          tls.rootFile().toString(), "-verify_hostname", "localhost", "-verify_return_error"),
          "", 30);

      assertThat(result.output()).contains("Verify return code: 0 (ok)");
    }
  }

  @Test
  void server_refusesTls11AndNonAeadSuites_acceptsTls12Gcm() throws Exception {
    Tools.require("openssl", "openssl");
    try (RunningServer server = tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))) {
      String connect = "127.0.0.1:" + server.http().address("https").getPort();

      Tools.Result tls11 = Tools.run(List.of("openssl", "s_client", "-connect", connect,
          "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"), "", 30);
      Tools.Result cbc = Tools.run(List.of("openssl", "s_client", "-connect", connect,
          "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA"), "", 30);
      Tools.Result gcm = Tools.run(List.of("openssl", "s_client", "-connect", connect,
          "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"), "", 30);

      assertThat(tls11.exitCode()).as(tls11.output()).isNotZero();
      assertThat(cbc.exitCode()).as(cbc.output()).isNotZero();
      assertThat(gcm.exitCode()).as(gcm.output()).isZero();
      assertThat(gcm.output()).contains("ECDHE-ECDSA-AES128-GCM-SHA256");
    }
  }

  @Test
  void reload_newCertificateFiles_areServedToNewConnections() throws Exception {
    try (RunningServer server = tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))) {
      TestPki.Issued next = TestPki.leaf("localhost", tls.intermediate,
          List.of("localhost"));
      TestPki.writePem(tls.certFile(), next.cert(), tls.intermediate.cert());
      TestPki.writePem(tls.keyFile(), next.keys().getPrivate());
      Files.setLastModifiedTime(tls.certFile(),
          java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));

      assertThat(server.tlsReloader().reloadIfChanged()).isTrue();
      assertThat(tls.handshake(server.http().address("https"))[0]).isEqualTo(next.cert());
    }
  }

  @Test
  void reload_ofAMismatchedPair_keepsTheCurrentIdentity() throws Exception {
    try (RunningServer server = tls.start(publications, Fixtures.fakeLoader(),
        Duration.ofSeconds(30))) {
      TestPki.writePem(tls.keyFile(), tls.root.keys().getPrivate());
      Files.setLastModifiedTime(tls.keyFile(),
          java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));

      assertThat(server.tlsReloader().reloadIfChanged()).isFalse();
      assertThat(tls.handshake(server.http().address("https"))[0]).isEqualTo(tls.leaf.cert());
    }
  }
}
