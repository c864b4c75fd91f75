package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Planners;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.support.CsrFixtures;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntermediatePlanTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path directory;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(directory.resolve("hsm.yaml"),
        "module: /usr/lib/softhsm/libsofthsm2.so\ntoken-label: anchorhold-root\n");
    Files.writeString(directory.resolve("csr.pem"), CsrFixtures.ec("secp256r1")
        .subject("CN=aws-east")
        .extension(Extension.basicConstraints, true, new BasicConstraints(0).getEncoded())
        .pem());
  }

  private Plan plan(String validity, String caTtl, String officers) throws Exception {
    Path file = directory.resolve("intermediate.yaml");
    Files.writeString(file, "ceremony: intermediate\nhsm: hsm.yaml\nstate: state\n"
        + "officers: " + officers + "\nroot: root-2026\nbase-url: https://pki.example.org\n"
        + "issuers:\n  - name: aws-east\n    trust-domain: aws.example.org\n"
        + "    csr: csr.pem\n    subject: {common-name: aws-east}\n"
        + "    validity: " + validity + "\n    ca-ttl: " + caTtl + "\n");
    return Planners.plan(LoadedCeremony.load(file), CLOCK);
  }

  @Test
  void intermediateShorterThanSixCaTtls_isAWarningWithTheRecommendedLifetime()
      throws Exception {
    Plan plan = plan("{not-after: \"2027-01-01T00:00:00Z\"}", "168h", "[Alice, Bob]");
    assertThat(plan.warnings()).contains("issuers[0].validity (30 days) is less than 6 times "
        + "ca-ttl 168h; SPIRE caps its CA at the intermediate's notAfter and rotates at a sixth "
        + "of its lifetime, so at least 42 days is recommended");
  }

  @Test
  void ignoredRequestedExtensionsAndALoneOfficer_areWarnings() throws Exception {
    Plan plan = plan("{not-after: \"2027-12-01T00:00:00Z\"}", "24h", "[Alice]");
    assertThat(plan.warnings()).containsExactly(
        "issuers[0].csr requests basicConstraints; ignored: every extension of the "
        + "intermediate comes from the profile",
        "officers names one person; a witnessed ceremony needs at least two");
    assertThat(plan.describe()).anySatisfy(line -> assertThat(line).startsWith(
        "issuer:       'aws-east' spiffe://aws.example.org, ECDSA P-256 key"));
    assertThat(plan.describe()).contains(
        "crl url:      https://pki.example.org/crls/root-2026.crl");
  }

  @Test
  void longIntermediate_isAWarning() throws Exception {
    assertThat(plan("{not-after: \"2035-01-01T00:00:00Z\"}", "24h", "[Alice, Bob]").warnings())
        .contains("issuers[0].validity is longer than 5 years; a shorter intermediate "
            + "limits what a leaked issuer key can do");
  }

  @Test
  void validityInThePast_isRefused() {
    assertThatThrownBy(() -> plan("{not-after: \"2026-11-30T00:00:00Z\"}", "24h",
        "[Alice, Bob]"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("issuers[0].validity.not-after is in the past");
  }

  @Test
  void notBeforeFarFromNow_isRefused() {
    assertThatThrownBy(() -> plan("{not-before: \"2026-12-05T00:00:00Z\", not-after: "
        + "\"2027-12-01T00:00:00Z\"}", "24h", "[Alice, Bob]"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("issuers[0].validity.not-before must be within a day of now "
            + "(2026-12-01T12:00:00Z)");
  }

  @Test
  void missingCsrFile_isRefusedNamingTheKey() throws Exception {
    Files.delete(directory.resolve("csr.pem"));
    assertThatThrownBy(() -> plan("{not-after: \"2027-12-01T00:00:00Z\"}", "24h",
        "[Alice, Bob]"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("issuers[0].csr '" + directory.resolve("csr.pem")
            + "' is not a readable file");
  }

  @Test
  void oneKeyInTwoCsrs_isRefusedForTheSecondIssuer() throws Exception {
    Files.copy(directory.resolve("csr.pem"), directory.resolve("copy.pem"));
    Path file = directory.resolve("intermediate.yaml");
    Files.writeString(file, "ceremony: intermediate\nhsm: hsm.yaml\nstate: state\n"
        + "officers: [Alice, Bob]\nroot: root-2026\nbase-url: https://pki.example.org\n"
        + "issuers:\n"
        + "  - {name: aws-east, trust-domain: aws.example.org, csr: csr.pem,\n"
        + "     subject: {common-name: aws-east},\n"
        + "     validity: {not-after: \"2027-12-01T00:00:00Z\"}, ca-ttl: 24h}\n"
        + "  - {name: gcp-central, trust-domain: gcp.example.org, csr: copy.pem,\n"
        + "     subject: {common-name: aws-east},\n"
        + "     validity: {not-after: \"2027-12-01T00:00:00Z\"}, ca-ttl: 24h}\n");

    assertThatThrownBy(() -> Planners.plan(LoadedCeremony.load(file), CLOCK))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("issuers[1].csr requests a certificate for the key of "
            + "issuers[0].csr");
  }
}
