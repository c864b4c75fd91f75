package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.ItWorkspace;
import org.anchorhold.ceremony.testsupport.TestStates;
import org.anchorhold.ceremony.testsupport.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crl and revoke ceremonies over SoftHSM2, run as the built tool: a root from the root
 * ceremony, three intermediates from the intermediate ceremony, a CRL, the revocation of
 * onprem-legacy, and the result checked by OpenSSL and the JDK's PKIX validator, which we did
 * not write.
 */
class CrlCeremonyIT {
  private static ItWorkspace workspace;
  private static RootRecord root;
  private static X509Certificate rootCertificate;
  private static X509Certificate aws;
  private static X509Certificate gcp;
  private static X509Certificate legacy;
  private static Path revokeFile;

  @BeforeAll
  static void ceremonies() throws Exception {
    workspace = ItWorkspace.create("crl-ceremony");
    root = workspace.root("root-2026");
    rootCertificate = workspace.rootCertificate(root);
    List<X509Certificate> issued = workspace.issue(root, List.of(
        List.of("aws-east", "aws.example.org"), List.of("gcp-central", "gcp.example.org"),
        List.of("onprem-legacy", "legacy.example.org")));
    aws = issued.get(0);
    gcp = issued.get(1);
    legacy = issued.get(2);
    Path crlFile = workspace.ceremony("crl.yaml", ItWorkspace.head("crl")
        + "crl:\n  root: root-2026\n  validity-days: 90\n  renewal-margin-days: 30\n");
    ItWorkspace.Result first = workspace.tool("run", "--yes", crlFile.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    revokeFile = workspace.ceremony("revoke.yaml", ItWorkspace.head("revoke")
        + "revoke:\n  - issuer: onprem-legacy\n    reason: cessationOfOperation\n");
    ItWorkspace.Result revoked = workspace.tool("run", "--yes", revokeFile.toString());
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.err()).contains("recorded 1 revocation(s)", "wrote "
        + workspace.state().resolve("crls/root-2026/2.crl"));
  }

  private static Path crl(int number) {
    return workspace.state().resolve("crls/root-2026/" + number + ".crl");
  }

  private static Path pem(String name, X509Certificate certificate) throws Exception {
    Path file = workspace.directory().resolve(name + ".pem");
    if (!Files.exists(file)) {
      Files.write(file, TestStates.pem(certificate));
    }
    return file;
  }

  @Test
  void everyCrl_verifiesWithOpensslAgainstTheRoot() throws Exception {
    List<Path> crls;
    try (Stream<Path> files = Files.list(workspace.state().resolve("crls/root-2026"))) {
      crls = files.filter(f -> f.toString().endsWith(".crl")).sorted().toList();
    }
    assertThat(crls).hasSize(2);
    for (Path crl : crls) {
      Tools.Output output = Tools.openssl("crl", "-inform", "DER", "-in", crl.toString(),
          "-CAfile", pem("root", rootCertificate).toString(), "-noout");
      assertThat(output.exit()).as(output.text()).isZero();
      assertThat(output.text()).contains("verify OK");
    }
    Tools.Output pemCrl = Tools.openssl("crl", "-in", workspace.state()
        .resolve("crls/root-2026/2.pem").toString(), "-CAfile", pem("root", rootCertificate)
        .toString(), "-noout", "-text");
    assertThat(pemCrl.text()).contains("verify OK", "Cessation Of Operation",
        "X509v3 CRL Number: \n                2", "Version 2");
  }

  @Test
  void opensslCrlCheck_acceptsLiveIntermediates_andRefusesTheRevokedOne() throws Exception {
    Path crlPem = workspace.state().resolve("crls/root-2026/2.pem");
    for (var live : List.of(pem("aws", aws), pem("gcp", gcp))) {
      Tools.Output ok = Tools.openssl("verify", "-crl_check", "-CAfile",
          pem("root", rootCertificate).toString(), "-CRLfile", crlPem.toString(),
          live.toString());
      assertThat(ok.exit()).as(ok.text()).isZero();
      assertThat(ok.text()).contains(": OK");
    }
    Tools.Output revoked = Tools.openssl("verify", "-crl_check", "-CAfile",
        pem("root", rootCertificate).toString(), "-CRLfile", crlPem.toString(),
        pem("legacy", legacy).toString());
    assertThat(revoked.exit()).isNotZero();
    assertThat(revoked.text()).contains("certificate revoked");
  }

  @Test
  void jdkPkixValidator_withTheCrl_acceptsLiveIntermediates_andRefusesTheRevokedOne()
      throws Exception {
    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
        .generateCRL(new ByteArrayInputStream(Files.readAllBytes(crl(2))));
    validate(aws, crl);
    validate(gcp, crl);
    assertThatThrownBy(() -> validate(legacy, crl))
        .isInstanceOf(CertPathValidatorException.class)
        .satisfies(e -> assertThat(((CertPathValidatorException) e).getReason())
            .isEqualTo(CertPathValidatorException.BasicReason.REVOKED))
        .hasMessageContaining("CESSATION_OF_OPERATION");
  }

  private static void validate(X509Certificate certificate, X509CRL crl) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(rootCertificate,
        null)));
    parameters.setRevocationEnabled(true);
    parameters.addCertStore(CertStore.getInstance("Collection",
        new CollectionCertStoreParameters(List.of(crl))));
    CertPathValidator.getInstance("PKIX").validate(
        factory.generateCertPath(List.of(certificate)), parameters);
  }

  @Test
  void revokedRecord_andAudit_holdTheRevocation() throws Exception {
    State state = StateDirectory.snapshot(workspace.state());
    IssuedRecord record = state.issuedBySerial(legacy.getSerialNumber().toString(16))
        .orElseThrow();
    assertThat(record.status()).isEqualTo(IssuedRecord.REVOKED);
    assertThat(record.reason()).isEqualTo("cessationOfOperation");
    assertThat(state.crlsOf("root-2026")).extracting(c -> c.number().intValue())
        .containsExactly(1, 2);
    assertThat(record.revokedAt())
        .isEqualTo(state.latestCrl("root-2026").orElseThrow().thisUpdate());
    List<String> audit = AuditLog.verify(workspace.state().resolve(AuditLog.FILE));
    assertThat(audit.get(audit.size() - 1)).contains("\"event\":\"revoke ceremony\"",
        "\"crl-number\":\"2\"", "cessationOfOperation");
  }

  @Test
  void refusals_leaveTheStateUnchanged_withOneLineErrors() throws Exception {
    byte[] index = Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX));
    byte[] audit = Files.readAllBytes(workspace.state().resolve(AuditLog.FILE));

    ItWorkspace.Result again = workspace.tool("run", "--yes", revokeFile.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("is already revoked (cessationOfOperation");

    String rootSerial = rootCertificate.getSerialNumber().toString(16);
    Path revokeRoot = workspace.ceremony("revoke-root.yaml", ItWorkspace.head("revoke")
        + "revoke:\n  - serial: '" + rootSerial + "'\n    reason: keyCompromise\n");
    ItWorkspace.Result rootRefused = workspace.tool("run", "--yes", revokeRoot.toString());
    assertThat(rootRefused.exit()).isEqualTo(2);
    assertThat(rootRefused.err()).contains("serial " + rootSerial + " is root 'root-2026'");

    Path unknown = workspace.ceremony("revoke-unknown.yaml", ItWorkspace.head("revoke")
        + "revoke:\n  - serial: 'abcdef'\n    reason: keyCompromise\n");
    ItWorkspace.Result unknownRefused = workspace.tool("run", "--yes", unknown.toString());
    assertThat(unknownRefused.exit()).isEqualTo(2);
    assertThat(unknownRefused.err()).contains("serial abcdef is not a certificate in the state");

    Path ahead = workspace.ceremony("crl-ahead.yaml", ItWorkspace.head("crl")
        + "crl:\n  root: root-2026\n  this-update: \""
        + Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit
            .SECONDS) + "\"\n");
    ItWorkspace.Result aheadRefused = workspace.tool("run", "--yes", ahead.toString());
    assertThat(aheadRefused.exit()).isEqualTo(2);
    assertThat(aheadRefused.err()).contains("is more than 5 minutes after now");

    assertThat(Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX)))
        .isEqualTo(index);
    assertThat(Files.readAllBytes(workspace.state().resolve(AuditLog.FILE))).isEqualTo(audit);
    assertThat(crl(3)).doesNotExist();
  }

  @Test
  void revokedIssuerOrKey_isNeverCertifiedAgain_andNothingIsRecorded() throws Exception {
    byte[] index = Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX));
    String notAfter = java.time.Instant.now().plus(java.time.Duration.ofDays(300))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String issuer = "  - name: %s\n    trust-domain: legacy.example.org\n    csr: %s\n"
        + "    subject: {common-name: %s, organization: Anchorhold IT}\n"
        + "    validity: {not-after: \"" + notAfter + "\"}\n    ca-ttl: 24h\n";
    String head = ItWorkspace.head("intermediate") + "root: root-2026\n"
        + "base-url: https://pki.example.org\nissuers:\n";

    Path sameKeyNewName = workspace.ceremony("reissue-key.yaml", head + issuer.formatted(
        "onprem-legacy-2", "../issuers/onprem-legacy/csr.pem", "onprem-legacy"));
    ItWorkspace.Result keyRefused = workspace.tool("run", "--yes", sameKeyNewName.toString());
    assertThat(keyRefused.exit()).as(keyRefused.err()).isEqualTo(1);
    assertThat(keyRefused.err()).contains("the CSR's key was certified in intermediate "
        + legacy.getSerialNumber().toString(16), "revoked (cessationOfOperation); a revoked key "
        + "is never certified again");

    Path newKey = workspace.directory().resolve("issuers/onprem-legacy/new-csr.pem");
    assertThat(new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout",
        workspace.directory().resolve("issuers/onprem-legacy/new-key.pem").toString(),
        "-subj", "/O=Anchorhold IT/CN=onprem-legacy", "-addext",
        "subjectAltName=URI:spiffe://legacy.example.org", "-out", newKey.toString())
        .redirectErrorStream(true).start().waitFor()).isZero();
    Path sameName = workspace.ceremony("reissue-name.yaml", head + issuer.formatted(
        "onprem-legacy", "../issuers/onprem-legacy/new-csr.pem", "onprem-legacy"));
    ItWorkspace.Result nameRefused = workspace.tool("run", "--yes", sameName.toString());
    assertThat(nameRefused.exit()).as(nameRefused.err()).isEqualTo(1);
    assertThat(nameRefused.err()).contains("issuer 'onprem-legacy' was revoked "
        + "(cessationOfOperation)", "a revoked issuer is not certified again");

    assertThat(Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX)))
        .isEqualTo(index);
  }

  @Test
  void liveKey_isNeverCertifiedForAnotherTrustDomain_andNothingIsRecorded() throws Exception {
    byte[] index = Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX));
    Path issuerDirectory = workspace.directory().resolve("issuers/aws-east");
    Path csr = issuerDirectory.resolve("other-domain-csr.pem");
    assertThat(new ProcessBuilder("openssl", "req", "-new", "-key",
        issuerDirectory.resolve("key.pem").toString(), "-subj", "/O=Anchorhold IT/CN=aws-other",
        "-out", csr.toString()).redirectErrorStream(true).start().waitFor()).isZero();
    String notAfter = java.time.Instant.now().plus(java.time.Duration.ofDays(300))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    Path file = workspace.ceremony("other-domain.yaml", ItWorkspace.head("intermediate")
        + "root: root-2026\nbase-url: https://pki.example.org\nissuers:\n"
        + "  - name: aws-other\n    trust-domain: other.example.org\n"
        + "    csr: ../issuers/aws-east/other-domain-csr.pem\n"
        + "    subject: {common-name: aws-other, organization: Anchorhold IT}\n"
        + "    validity: {not-after: \"" + notAfter + "\"}\n    ca-ttl: 24h\n");

    ItWorkspace.Result refused = workspace.tool("run", "--yes", file.toString());

    assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("the CSR's key is certified for trust domain "
        + "'aws.example.org' in intermediate " + aws.getSerialNumber().toString(16)
        + " of issuer 'aws-east'; a key serves one trust domain");
    assertThat(Files.readAllBytes(workspace.state().resolve(StateDirectory.INDEX)))
        .isEqualTo(index);
  }

  @Test
  void revocationUndoneInTheIndex_isRefusedByTheCrlAndRevokeCeremonies_andNothingIsWritten()
      throws Exception {
    Path index = workspace.state().resolve(StateDirectory.INDEX);
    byte[] original = Files.readAllBytes(index);
    String serial = legacy.getSerialNumber().toString(16);
    try {
      TestStates.editIndex(workspace.state(), TestStates.unrevoked(serial));
      Map<String, String> before = TestStates.hashes(workspace.state());
      String refusal = "serial " + serial + " is revoked on CRL 2 of root 'root-2026' ('"
          + crl(2) + "') but the index records it as valid: the index or the CRL file was "
          + "changed; restore the state from its backup";

      ItWorkspace.Result crlRefused = workspace.tool("run", "--yes", workspace.directory()
          .resolve("ceremonies/crl.yaml").toString());
      Path revokeGcp = workspace.ceremony("revoke-gcp.yaml", ItWorkspace.head("revoke")
          + "revoke:\n  - issuer: gcp-central\n    reason: superseded\n");
      ItWorkspace.Result revokeRefused = workspace.tool("run", "--yes", revokeGcp.toString());
      ItWorkspace.Result status = workspace.tool("status", "--check",
          workspace.state().toString());

      assertThat(crlRefused.exit()).as(crlRefused.err()).isEqualTo(1);
      assertThat(crlRefused.err()).contains("crl ceremony failed: " + refusal)
          .doesNotContain("logged in");
      assertThat(revokeRefused.exit()).as(revokeRefused.err()).isEqualTo(1);
      assertThat(revokeRefused.err()).contains("revoke ceremony failed: " + refusal)
          .doesNotContain("logged in");
      assertThat(status.exit()).isEqualTo(1);
      assertThat(status.out()).contains("warning: " + refusal);
      assertThat(TestStates.hashes(workspace.state())).isEqualTo(before);
    } finally {
      Files.write(index, original);
    }
  }

  @Test
  void crlFileSwapped_isRefusedByTheCrlCeremony_andFailsStatusCheck() throws Exception {
    byte[] original = Files.readAllBytes(crl(2));
    try {
      Files.copy(crl(1), crl(2), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Map<String, String> before = TestStates.hashes(workspace.state());
      String changed = "'" + crl(2) + "' (CRL 2 of root 'root-2026') does not match its "
          + "recorded SHA-256";

      ItWorkspace.Result refused = workspace.tool("run", "--yes", workspace.directory()
          .resolve("ceremonies/crl.yaml").toString());
      ItWorkspace.Result status = workspace.tool("status", "--check",
          workspace.state().toString());

      assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err()).contains("crl ceremony failed: " + changed + ": the index or the "
          + "CRL file was changed; "
          + "restore the state from its backup");
      assertThat(status.exit()).isEqualTo(1);
      assertThat(status.out()).contains("warning: " + changed + "; the file or the index was "
          + "changed: restore the state from its backup");
      assertThat(TestStates.hashes(workspace.state())).isEqualTo(before);
    } finally {
      Files.write(crl(2), original);
    }
  }

  @Test
  void existingOutputOfTheNextCrl_isRefusedBeforeTheHsmOpens() throws Exception {
    Path taken = workspace.state().resolve("crls/root-2026/3.pem");
    try {
      Files.writeString(taken, "left by hand");
      Map<String, String> before = TestStates.hashes(workspace.state());

      ItWorkspace.Result refused = workspace.tool("run", "--yes", workspace.directory()
          .resolve("ceremonies/crl.yaml").toString());

      assertThat(refused.exit()).as(refused.err()).isEqualTo(1);
      assertThat(refused.err()).contains("crl ceremony failed: '" + taken + "' already exists; "
          + "the state never overwrites").doesNotContain("logged in");
      assertThat(TestStates.hashes(workspace.state())).isEqualTo(before);
    } finally {
      Files.deleteIfExists(taken);
    }
  }

  @Test
  void status_reportsTheCrlAndItsDueDate_andCheckPasses() throws Exception {
    ItWorkspace.Result status = workspace.tool("status", "--check",
        workspace.state().toString());
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    Instant nextUpdate = StateDirectory.snapshot(workspace.state()).latestCrl("root-2026")
        .orElseThrow().nextUpdate();
    assertThat(status.out()).contains("crl   number 2", "nextUpdate " + nextUpdate,
        "next crl ceremony due by " + nextUpdate.minus(Duration.ofDays(30)),
        "intermediate onprem-legacy", "revoked at", "no warnings");
  }
}
