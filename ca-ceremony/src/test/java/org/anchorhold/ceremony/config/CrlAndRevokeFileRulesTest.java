package org.anchorhold.ceremony.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the crl and revoke ceremony files, each with its exact message. */
class CrlAndRevokeFileRulesTest {
  private static final String HEAD = "hsm: ../hsm.yaml\nstate: ../state\n"
      + "officers: [Alice, Bob]\n";

  static Stream<Arguments> crlRules() {
    return Stream.of(
        Arguments.of("validity over a year",
            "validity-days: 366",
            "crl.validity-days must be 1 to 365 (Baseline Requirements §4.9.7)"),
        Arguments.of("validity zero",
            "validity-days: 0",
            "crl.validity-days must be 1 to 365 (Baseline Requirements §4.9.7)"),
        Arguments.of("margin equal window",
            "{validity-days: 30, renewal-margin-days: 30}",
            "crl.renewal-margin-days must be at least 1 and less than validity-days (30)"),
        Arguments.of("default margin over a short window",
            "validity-days: 30",
            "crl.renewal-margin-days (default 30) must be at least 1 and less than "
                + "validity-days (30); set it"),
        Arguments.of("margin zero",
            "renewal-margin-days: 0",
            "crl.renewal-margin-days must be at least 1 and less than validity-days (90)"),
        Arguments.of("margin over default",
            "renewal-margin-days: 91",
            "crl.renewal-margin-days must be at least 1 and less than validity-days (90)"),
        Arguments.of("root name invalid",
            "root: Root_A",
            "crl.root must be the name of a root in the state"),
        Arguments.of("this-update fraction",
            "this-update: '2026-12-01T00:00:00.5Z'",
            "crl.this-update must be whole seconds (RFC 5280 §5.1.2.4)"),
        Arguments.of("validity as text",
            "validity-days: '90'",
            "crl.validity-days must be a whole number"),
        Arguments.of("misspelt key",
            "valdity-days: 90",
            "unknown key 'crl.valdity-days'; did you mean 'validity-days'?"),
        Arguments.of("blank published crl",
            "published-crl: ' '",
            "crl.published-crl must be a file system path"));
  }

  static Stream<Arguments> revokeRules() {
    return Stream.of(
        Arguments.of("empty list",
            "revoke: []",
            "revoke must name at least one certificate"),
        Arguments.of("both names",
            "revoke: [{issuer: a, serial: '0a', reason: superseded}]",
            "revoke[0] must name exactly one of issuer or serial"),
        Arguments.of("no name",
            "revoke: [{reason: superseded}]",
            "revoke[0] must name exactly one of issuer or serial"),
        Arguments.of("hold is refused",
            "revoke: [{issuer: a, reason: certificateHold}]",
            "revoke[0].reason must be one of unspecified, keyCompromise, cACompromise, "
                + "affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn "
                + "(RFC 5280 §5.3.1)"),
        Arguments.of("reason missing",
            "revoke: [{issuer: a}]",
            "revoke[0].reason is required"),
        Arguments.of("serial not hex",
            "revoke: [{serial: xyz, reason: superseded}]",
            "revoke[0].serial must be a positive hexadecimal serial number of at most 20 octets"),
        Arguments.of("serial zero",
            "revoke: [{serial: '00', reason: superseded}]",
            "revoke[0].serial must be a positive hexadecimal serial number of at most 20 octets"),
        Arguments.of("serial 21 octets",
            "revoke: [{serial: '0102030405060708090a0b0c0d0e0f101112131415', reason: superseded}]",
            "revoke[0].serial must be a positive hexadecimal serial number of at most 20 octets"),
        Arguments.of("issuer invalid",
            "revoke: [{issuer: Bad Name, reason: superseded}]",
            "revoke[0].issuer must be an issuer name such as aws-east"),
        Arguments.of("invalidity fraction",
            "revoke: [{issuer: a, reason: keyCompromise, "
                + "invalidity-date: '2026-01-01T00:00:00.1Z'}]",
            "revoke[0].invalidity-date must be whole seconds (RFC 5280 §5.3.2)"),
        Arguments.of("named twice",
            "revoke: [{issuer: a, reason: superseded}, {issuer: a, reason: keyCompromise}]",
            "revoke[1] names issuer 'a' a second time"),
        Arguments.of("same serial twice",
            "revoke: [{serial: '0A', reason: superseded}, {serial: 'a', reason: superseded}]",
            "revoke[1] names serial a a second time"),
        Arguments.of("crl root set",
            "revoke: [{issuer: a, reason: superseded}]\ncrl: {root: r}",
            "crl.root must not be set: the CRL is signed by the root of the revoked certificates"),
        Arguments.of("crl this-update set",
            "revoke: [{issuer: a, reason: superseded}]\ncrl: {this-update: '2026-01-01T00:00:00Z'}",
            "crl.this-update must not be set: a revocation's CRL is dated at the revocation"));
  }

  @TempDir
  Path directory;

  private Object read(String yaml) throws Exception {
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, yaml);
    return StrictYaml.read(file, CeremonyFile.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("crlRules")
  void crlFile_ruleIsEnforcedWithItsMessage(String rule, String setting, String message) {
    String root = setting.startsWith("root:") ? "" : "root: root-2026, ";
    String body = setting.startsWith("{") ? setting.substring(1, setting.length() - 1) : setting;
    assertThatThrownBy(() -> read("ceremony: crl\n" + HEAD + "crl: {" + root + body + "}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void crlFile_withoutRoot_namesTheMissingKey() {
    assertThatThrownBy(() -> read("ceremony: crl\n" + HEAD + "crl: {validity-days: 60}\n"))
        .hasMessageContaining("crl.root is required");
    assertThatThrownBy(() -> read("ceremony: crl\n" + HEAD))
        .hasMessageContaining("crl is required");
  }

  @Test
  void crlFile_defaults_areNinetyDaysAndThirtyDaysMargin() throws Exception {
    CrlCeremonyFile file = (CrlCeremonyFile) read("ceremony: crl\n" + HEAD
        + "crl: {root: root-2026}\n");
    assertThat(file.crl().validityDays()).isEqualTo(90);
    assertThat(file.crl().renewalMarginDays()).isEqualTo(30);
    assertThat(file.crl().recoverFromPublished()).isFalse();
    assertThat(file.crl().publishedCrl()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("revokeRules")
  void revokeFile_ruleIsEnforcedWithItsMessage(String rule, String body, String message) {
    assertThatThrownBy(() -> read("ceremony: revoke\n" + HEAD + body
        + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void revokeFile_serial_isNormalisedToLowercaseWithoutColonsOrLeadingZeros() throws Exception {
    RevokeCeremonyFile file = (RevokeCeremonyFile) read("ceremony: revoke\n" + HEAD
        + "revoke: [{serial: '00:AB:0c', reason: keyCompromise}]\n");
    assertThat(file.revoke().get(0).serial()).isEqualTo("ab0c");
    assertThat(file.crl().validityDays()).isEqualTo(90);
  }

  @Test
  void unknownCeremonyType_listsTheTypes() {
    assertThatThrownBy(() -> read("ceremony: crll\n" + HEAD))
        .hasMessageContaining("ceremony must be one of root, intermediate, revoke, crl");
  }
}
