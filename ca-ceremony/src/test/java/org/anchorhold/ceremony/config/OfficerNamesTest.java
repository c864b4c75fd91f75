package org.anchorhold.ceremony.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Officer names in every ceremony type: the plan and transcript print them, so a name that
 * could forge a line, redraw the terminal or reorder text is refused with its exact message.
 */
class OfficerNamesTest {
  private static final String HEAD = "hsm: ../hsm.yaml\nstate: ../state\n";

  /** A valid file of each type, less its officers line. */
  private static final List<String> TYPES = List.of(
      "ceremony: root\n" + HEAD + "key: {label: root-2026, algorithm: ecdsa-p384}\n"
          + "root:\n  name: root-2026\n  subject: {common-name: Example Root}\n"
          + "  validity: {not-after: \"2041-12-01T00:00:00Z\"}\n",
      "ceremony: intermediate\n" + HEAD + "root: root-2026\nbase-url: https://pki.example.org\n"
          + "issuers:\n  - name: aws-east\n    trust-domain: aws.example.org\n"
          + "    csr: csr.pem\n    subject: {common-name: aws-east}\n"
          + "    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n    ca-ttl: 24h\n",
      "ceremony: revoke\n" + HEAD + "revoke: [{issuer: aws-east, reason: superseded}]\n",
      "ceremony: crl\n" + HEAD + "crl: {root: root-2026}\n",
      "ceremony: publish\n" + HEAD + "publication: {directory: ../publications}\n");

  /** Each second officer, as YAML writes it, with the exact message. */
  private static final List<List<String>> NAMES = List.of(
      List.of("newline forging a plan line",
          "\"Bob (witness)\\n2026-12-04T09:00:00Z  plan  revoked:      0 entries\"",
          "officers[1] must not contain control characters (U+000A at character 14)"),
      List.of("carriage return", "\"Bob\\rMallory\"",
          "officers[1] must not contain control characters (U+000D at character 4)"),
      List.of("tab", "\"Bob\\tAudit\"",
          "officers[1] must not contain control characters (U+0009 at character 4)"),
      List.of("escape clearing the screen", "\"Bob \\e[2J\"",
          "officers[1] must not contain control characters (U+001B at character 5)"),
      List.of("delete", "\"Bob\\x7f\"",
          "officers[1] must not contain control characters (U+007F at character 4)"),
      List.of("C1 next line", "\"Bob\\NAudit\"",
          "officers[1] must not contain control characters (U+0085 at character 4)"),
      List.of("right-to-left override", "\"Bob \\u202Essentiw\"",
          "officers[1] must not contain invisible format characters such as bidi or "
              + "zero-width ones (U+202E at character 5)"),
      List.of("bidi isolate", "\"Bob \\u2067Audit\"",
          "officers[1] must not contain invisible format characters such as bidi or "
              + "zero-width ones (U+2067 at character 5)"),
      List.of("zero-width space", "\"Al\\u200Bice\"",
          "officers[1] must not contain invisible format characters such as bidi or "
              + "zero-width ones (U+200B at character 3)"),
      List.of("character past the BMP before an override", "\"\\U0001F512\\u202E\"",
          "officers[1] must not contain invisible format characters such as bidi or "
              + "zero-width ones (U+202E at character 2)"),
      List.of("line separator", "\"Bob\\LAudit\"",
          "officers[1] must not contain line or paragraph separators (U+2028 at character 4)"),
      List.of("paragraph separator", "\"Bob\\PAudit\"",
          "officers[1] must not contain line or paragraph separators (U+2029 at character 4)"),
      List.of("leading space", "\" Bob\"", "officers[1] must not begin or end with whitespace"),
      List.of("trailing ideographic space", "\"Bob\\u3000\"",
          "officers[1] must not begin or end with whitespace"),
      List.of("trailing no-break space", "\"Bob\\_\"",
          "officers[1] must not begin or end with whitespace"),
      List.of("only a combining mark", "\"\u0301\"", "officers[1] must hold a letter or a digit"),
      List.of("only braille blanks", "\"\u2800\u2800\"",
          "officers[1] must hold a letter or a digit"),
      List.of("private-use character", "\"Bob\uE000\"",
          "officers[1] must not contain unassigned, private-use or unpaired surrogate "
              + "characters, which print as nothing anyone can read back (U+E000 at character 4)"),
      List.of("blank", "\"   \"", "officers[1] must be a name of 1 to 128 characters"),
      List.of("too long", "\"" + "B".repeat(129) + "\"",
          "officers[1] must be a name of 1 to 128 characters"),
      List.of("missing", "null", "officers[1] must be a name of 1 to 128 characters"));

  @TempDir
  Path directory;

  static Stream<Arguments> namesInEveryType() {
    return TYPES.stream().flatMap(type -> NAMES.stream().map(name -> Arguments.of(
        type.substring("ceremony: ".length(), type.indexOf('\n')) + ", " + name.get(0),
        type, name.get(1), name.get(2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namesInEveryType")
  void officerName_thatCouldForgeThePrintedPlan_isRefused(String rule, String file,
      String officer, String message) throws Exception {
    Path path = directory.resolve("ceremony.yaml");
    Files.writeString(path, file + "officers: [\"Alice Ops\", " + officer + "]\n");

    assertThat(problem(path)).as(rule).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void namesInAnyScript_withInnerSpacesAndPunctuation_areAccepted(String type, String file)
      throws Exception {
    Path path = directory.resolve("ceremony.yaml");
    Files.writeString(path, file + "officers: [\"Zoë O'Brien (security officer)\", "
        + "\"Smith, John\", \"李雷 (witness)\", \"مريم\"]\n");

    assertThat(StrictYaml.read(path, CeremonyFile.class).officers()).containsExactly(
        "Zoë O'Brien (security officer)", "Smith, John", "李雷 (witness)", "مريم");
  }

  static Stream<Arguments> types() {
    return TYPES.stream().map(type -> Arguments.of(
        type.substring("ceremony: ".length(), type.indexOf('\n')), type));
  }

  private static String problem(Path file) {
    try {
      StrictYaml.read(file, CeremonyFile.class);
    } catch (ConfigException e) {
      return e.getMessage().replace("'" + file + "': ", "");
    }
    throw new AssertionError("accepted " + file);
  }
}
