package org.anchorhold.ceremony.root;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.Planners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Every rule of the root ceremony file and the HSM profile, with its exact message. */
class RootCeremonyFileRulesTest {
  static final Clock NOW = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

  static final String VALID = """
      ceremony: root
      hsm: hsm.yaml
      state: state
      officers: [Alice, Bob]
      key:
        label: root-2026
        algorithm: ecdsa-p384
      root:
        name: root-2026
        subject:
          common-name: Example Root CA 2026
          organization: Example
          country: US
        validity:
          not-after: "2041-12-01T00:00:00Z"
      """;

  @TempDir
  Path directory;

  @BeforeEach
  void profile() throws Exception {
    Files.writeString(directory.resolve("hsm.yaml"),
        "module: /usr/lib/softhsm/libsofthsm2.so\ntoken-label: root\npin:\n  file: pin\n");
    Files.writeString(directory.resolve("pin"), "12345678\n");
  }

  private Plan plan(String yaml) throws Exception {
    Path file = directory.resolve("root.yaml");
    Files.writeString(file, yaml);
    return Planners.plan(LoadedCeremony.load(file), NOW);
  }

  private String problem(String yaml) {
    try {
      plan(yaml);
    } catch (ConfigException e) {
      return e.getMessage().replace("'" + directory.resolve("root.yaml") + "': ", "");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted:\n" + yaml);
  }

  @Test
  void validFile_plansWithoutWarnings() throws Exception {
    Plan plan = plan(VALID);
    assertThat(plan.type()).isEqualTo("root");
    assertThat(plan.warnings()).isEmpty();
    assertThat(plan.describe()).anySatisfy(line -> assertThat(line)
        .contains("root:         'root-2026', subject C=US,O=Example,CN=Example Root CA 2026"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/rules/root-ceremony.psv", delimiter = '|',
      quoteCharacter = '\'')
  void invalidFile_isRefusedNamingTheKey(String rule, String from, String to, String message) {
    String yaml = VALID.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
    if (message.equals("TRAILING")) {
      assertThat(problem(VALID + "---\nceremony: root\n"))
          .isEqualTo("has content after the first document (line 17)");
      return;
    }
    if (rule.equals("missing ceremony")) {
      yaml = VALID.replace("ceremony: root\n", "");
      message = message.replace("(line 16)", "(line 15)");
    }
    assertThat(yaml).as("fixture for " + rule).isNotEqualTo(VALID);
    message = message.replace("${TYPES}", org.anchorhold.ceremony.config.CeremonyFile.TYPES);
    assertThat(problem(yaml)).as(rule).isEqualTo(message);
  }

  @Test
  void emptyFile_isRefused() {
    assertThat(problem("")).isEqualTo("'" + directory.resolve("root.yaml") + "' is empty");
  }

  @Test
  void binaryFile_isRefused() throws Exception {
    Path file = directory.resolve("root.yaml");
    Files.write(file, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
    assertThatThrownBy(() -> LoadedCeremony.load(file))
        .hasMessage("'" + file + "' is binary, not YAML text");
  }

  @Test
  void nonUtf8File_isRefused() throws Exception {
    Path file = directory.resolve("root.yaml");
    Files.write(file, "ceremony: r\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> LoadedCeremony.load(file))
        .hasMessage("'" + file + "' is not UTF-8 text");
  }

  @Test
  void validityPastFifteenYears_isAWarningRecommendingFifteen() throws Exception {
    Plan plan = plan(VALID.replace("2041-12-01T00:00:00Z", "2046-12-01T00:00:00Z"));
    assertThat(plan.warnings()).containsExactly(
        "root.validity is longer than 15 years; 15 or fewer is recommended");
  }

  @Test
  void singleOfficer_isAWarning() throws Exception {
    Plan plan = plan(VALID.replace("officers: [Alice, Bob]", "officers: [Alice]"));
    assertThat(plan.warnings()).containsExactly(
        "officers names one person; a witnessed ceremony needs at least two");
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/rules/hsm-profile.psv", delimiter = '|',
      quoteCharacter = '\'')
  void invalidHsmProfile_isRefusedNamingTheKey(String rule, String profile, String message)
      throws Exception {
    Files.writeString(directory.resolve("hsm.yaml"), profile.replace("\\n", "\n") + "\n");
    assertThat(problem(VALID)).as(rule).isEqualTo("hsm profile '"
        + directory.resolve("hsm.yaml") + "': " + message);
  }
}
