package org.anchorhold.ceremony.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntermediateCeremonyFileTest {
  private static final String ISSUER = ""
      + "    name: aws-east\n"
      + "    trust-domain: aws.example.org\n"
      + "    csr: ../issuers/aws-east/csr.pem\n"
      + "    subject: {common-name: aws-east, organization: Example}\n"
      + "    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n"
      + "    ca-ttl: 24h\n";

  private static final String VALID = ""
      + "ceremony: intermediate\n"
      + "hsm: ../hsm.yaml\n"
      + "state: ../state\n"
      + "officers: [Alice, Bob]\n"
      + "root: root-2026\n"
      + "base-url: https://pki.example.org\n"
      + "issuers:\n"
      + "  -\n" + ISSUER;

  @TempDir
  Path directory;

  private CeremonyFile read(String yaml) throws Exception {
    Path file = directory.resolve("intermediate.yaml");
    Files.writeString(file, yaml);
    return StrictYaml.read(file, CeremonyFile.class);
  }

  /** The message without the file name before it and the line number after it. */
  private String problem(String yaml) {
    try {
      read(yaml);
    } catch (ConfigException e) {
      String message = e.getMessage();
      message = message.substring(message.indexOf("': ") + 3);
      return message.replaceAll(" \\(line \\d+\\)$", "");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no problem found in:\n" + yaml);
  }

  private static Arguments rule(String from, String to, String message) {
    return Arguments.of(from, to, message);
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("root: root-2026\n", "root: Root 2026\n", "root must be 1 to 63 lowercase letters, "
            + "digits or '-', starting with a letter or digit"),
        rule("root: root-2026\n", "", "root is required"),
        rule("base-url: https://pki.example.org\n", "", "base-url is required"),
        rule("https://pki.example.org", "https://pki.example.org/",
            "base-url must be an absolute http or https URL with a host and no query, fragment, "
            + "user information or trailing '/', such as https://pki.example.org"),
        rule("https://pki.example.org", "ftp://pki.example.org",
            "base-url must be an absolute http or https URL with a host and no query, fragment, "
            + "user information or trailing '/', such as https://pki.example.org"),
        rule("https://pki.example.org", "https://pki.example.org/pki?x=1",
            "base-url must be an absolute http or https URL with a host and no query, fragment, "
            + "user information or trailing '/', such as https://pki.example.org"),
        rule("root: root-2026\n", "root: root-2026\noutliving-root: extend\n",
            "outliving-root must be one of refuse, clamp"),
        rule("root: root-2026\n", "root: root-2026\nrsa-minimum-bits: 1024\n",
            "rsa-minimum-bits must be from 2048 to 16384"),
        rule("  -\n" + ISSUER, "  []\n", "issuers must list 1 to 1000 issuers"),
        rule("  -\n" + ISSUER, "  -\n" + ISSUER + "  -\n" + ISSUER.replace("csr.pem", "b.pem"),
            "issuers must not name issuer 'aws-east' twice"),
        rule("  -\n" + ISSUER, "  -\n" + ISSUER + "  -\n" + ISSUER.replace("name: aws-east",
            "name: aws-west"), "issuers must not use csr '../issuers/aws-east/csr.pem' twice"),
        rule("name: aws-east", "name: AWS_East", "issuers[0].name must be 1 to 63 lowercase "
            + "letters, digits or '-', starting with a letter or digit"),
        rule("trust-domain: aws.example.org", "trust-domain: spiffe://aws.example.org",
            "issuers[0].trust-domain must be a bare trust domain name such as example.org, "
            + "without spiffe://"),
        rule("trust-domain: aws.example.org", "trust-domain: AWS.example.org",
            "issuers[0].trust-domain must be a SPIFFE trust domain name: lowercase letters, "
            + "digits, '.', '-' and '_', at most 255 characters"),
        rule("trust-domain: aws.example.org", "trust-domain: aws.example.org:443",
            "issuers[0].trust-domain must be a SPIFFE trust domain name: lowercase letters, "
            + "digits, '.', '-' and '_', at most 255 characters"),
        rule("trust-domain: aws.example.org", "trust-domain: aws..example.org",
            "issuers[0].trust-domain must not start or end with '.' or hold empty labels"),
        rule("    csr: ../issuers/aws-east/csr.pem\n", "", "issuers[0].csr is required"),
        rule("    subject: {common-name: aws-east, organization: Example}\n", "",
            "issuers[0].subject is required"),
        rule("    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n", "",
            "issuers[0].validity is required"),
        rule("ca-ttl: 24h", "ca-ttl: 1 day", "issuers[0].ca-ttl must be a whole number and one "
            + "unit of s, m, h or d, such as 24h"),
        rule("ca-ttl: 24h", "ca-ttl: 0h", "issuers[0].ca-ttl must be a whole number and one "
            + "unit of s, m, h or d, such as 24h"),
        rule("    ca-ttl: 24h\n", "", "issuers[0].ca-ttl is required"),
        rule("ca-ttl: 24h", "ca-ttl: 24h\n    path-length: 0", "issuers[0].path-length must be "
            + "from 1 to 8, or absent; 0 would forbid the SPIRE CA beneath the intermediate"),
        rule("ca-ttl: 24h", "ca-ttl: 24h\n    path-lenght: 1",
            "unknown key 'issuers[0].path-lenght'; did you mean 'path-length'? (allowed: ca-ttl, "
            + "csr, name, path-length, subject, trust-domain, validity)"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("rules")
  void invalidField_isRefusedWithItsMessage(String from, String to, String message) {
    assertThat(VALID).contains(from);
    assertThat(problem(VALID.replace(from, to))).isEqualTo(message);
  }

  @Test
  void validFile_hasItsDefaults() throws Exception {
    IntermediateCeremonyFile file = (IntermediateCeremonyFile) read(VALID);
    assertThat(file.clampToRoot()).isFalse();
    assertThat(file.rsaMinimumBits()).isEqualTo(2048);
    assertThat(file.crlUrl()).isEqualTo("https://pki.example.org/crls/root-2026.crl");
    assertThat(file.issuers().get(0).pathLength()).isNull();
    assertThat(file.issuers().get(0).caTtlDuration()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void unknownCeremonyType_namesBothTypes() {
    assertThat(problem(VALID.replace("ceremony: intermediate", "ceremony: intermediates")))
        .isEqualTo("ceremony must be one of " + CeremonyFile.TYPES);
  }
}
