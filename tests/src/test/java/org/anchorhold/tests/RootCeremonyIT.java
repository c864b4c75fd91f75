package org.anchorhold.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.anchorhold.tests.support.Ceremony;
import org.anchorhold.tests.support.Command;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root ceremony on SoftHSM2, run as an officer runs it, and its outputs checked by tools we
 * did not write: OpenSSL, GnuTLS certtool, the JDK and pkcs11-tool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootCeremonyIT {
  private Path directory;
  private Ceremony ceremony;
  private Command.Result result;
  private Path rootPem;

  @BeforeAll
  void runRootCeremony(@TempDir Path workspace) {
    directory = workspace;
    ceremony = Ceremony.workspace(directory);
    ceremony.rootCeremony("ceremonies/root.yaml", "root-1", "root-1", "2041-01-01T00:00:00Z");
    assertThat(ceremony.run("validate", "ceremonies/root.yaml").exitCode()).isZero();
    result = ceremony.run("run", "--yes", "ceremonies/root.yaml");
    assertThat(result.exitCode()).as(result.output()).isZero();
    rootPem = directory.resolve("state/roots/root-1.pem");
  }

  @Test
  void root_isAcceptedByOpensslStrictVerification() {
    Command.Result verify = Command.of("openssl", "verify", "-x509_strict", "-check_ss_sig",
        "-CAfile", rootPem.toString(), rootPem.toString()).run();
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.stdout()).contains(": OK");
  }

  @Test
  void root_hasExactlyTheProfileExtensions() {
    String text = Command.of("openssl", "x509", "-in", rootPem.toString(), "-noout", "-text")
        .ok().stdout();
    assertThat(text).contains("X509v3 Basic Constraints: critical", "CA:TRUE",
        "X509v3 Key Usage: critical", "Certificate Sign, CRL Sign",
        "X509v3 Subject Key Identifier", "ecdsa-with-SHA384", "NIST CURVE: P-384");
    assertThat(text).doesNotContain("pathlen", "Extended Key Usage", "Subject Alternative Name",
        "Digital Signature");
  }

  @Test
  void root_isVerifiedByGnutlsCerttool() {
    Command.Result verify = Command.of("certtool", "--verify", "--load-ca-certificate",
        rootPem.toString(), "--infile", rootPem.toString()).run();
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("Verified");
  }

  @Test
  void root_isSelfSignedCaForTheJdk() throws Exception {
    X509Certificate root = certificate(rootPem);
    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
    assertThat(root.getKeyUsage()).containsExactly(
        false, false, false, false, false, true, true, false, false);
    assertThat(root.getExtendedKeyUsage()).isNull();
    assertThat(root.getIssuerX500Principal().getEncoded())
        .isEqualTo(root.getSubjectX500Principal().getEncoded());
    assertThat(root.getSerialNumber().signum()).isPositive();
    assertThat(root.getSerialNumber().toByteArray().length).isLessThanOrEqualTo(20);
  }

  @Test
  void transcript_printsTheRootPemAndItsFingerprint() throws Exception {
    byte[] der = certificate(rootPem).getEncoded();
    String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    assertThat(result.stderr()).contains("SHA-256 fingerprint: " + fingerprint);
    assertThat(result.stderr()).contains(Files.readString(rootPem).strip());
  }

  @Test
  void privateKey_isSensitiveNeverExtractableAndSignOnly_perPkcs11Tool() {
    String objects = ceremony.hsm().pkcs11Tool(ceremony.pinFile(), "--token-label",
        "anchorhold-root", "--login", "--pin", "env:ANCHORHOLD_TEST_PIN", "--list-objects")
        .stdout();
    String privateKey = objects.substring(objects.indexOf("Private Key Object"));
    privateKey = privateKey.substring(0, privateKey.indexOf("\n", privateKey.indexOf("Access")));
    assertThat(privateKey).contains("label:      root-1", "Usage:      sign\n",
        "Access:     sensitive, always sensitive, never extractable, local");
    assertThat(objects).contains("Certificate Object; type = X.509 cert");
  }

  @Test
  void secondJvm_findsTheKeyAndItsCertificateAgain() {
    Command.Result check = ceremony.run("hsm", "check", "hsm.yaml", "--key", "root-1",
        "--certificate", "state/roots/root-1.pem");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.stdout()).contains("key:        'root-1'", "found with its certificate",
        "policy: meets the CA key policy");
  }

  @Test
  void stateDirectory_holdsIndexAuditLogAndRoot_withAChainedAuditEntry() throws Exception {
    Path state = directory.resolve("state");
    assertThat(state.resolve("state.json")).exists();
    List<String> audit = Files.readAllLines(state.resolve("audit.log"));
    assertThat(audit).hasSize(1);
    assertThat(audit.get(0)).contains("\"seq\":1", "\"prev\":\"" + "0".repeat(64) + "\"",
        "\"event\":\"root ceremony\"", "Alice Example (security officer)",
        "\"roots/root-1.pem\":\"" + sha256(Files.readAllBytes(rootPem)) + "\"");
  }

  @Test
  void pin_appearsInNoOutputNoStateFileAndNoTranscript() throws Exception {
    assertThat(result.output()).doesNotContain(Ceremony.PIN);
    try (Stream<Path> files = Files.walk(directory.resolve("state"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain(Ceremony.PIN);
      }
    }
  }

  static X509Certificate certificate(Path pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
