package org.anchorhold.ceremony.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicationSpecTest {
  private static final String PUBLISH = ""
      + "ceremony: publish\n"
      + "hsm: ../hsm.yaml\n"
      + "state: ../state\n"
      + "officers: [Alice, Bob]\n";

  private static final String ROOT = ""
      + "ceremony: root\n"
      + "hsm: ../hsm.yaml\n"
      + "state: ../state\n"
      + "officers: [Alice, Bob]\n"
      + "key: {label: root-2026, algorithm: ecdsa-p384}\n"
      + "root:\n"
      + "  name: root-2026\n"
      + "  subject: {common-name: Example Root, organization: Example, country: US}\n"
      + "  validity: {not-after: \"2040-01-01T00:00:00Z\"}\n";

  @TempDir
  Path directory;

  private CeremonyFile read(String yaml) throws Exception {
    Path file = directory.resolve("ceremony.yaml");
    Files.writeString(file, yaml);
    return StrictYaml.read(file, CeremonyFile.class);
  }

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

  @Test
  void publishFile_withoutRefreshHint_defaultsTo300Seconds() throws Exception {
    PublishCeremonyFile file = (PublishCeremonyFile) read(PUBLISH
        + "publication: {directory: ../publications}\n");
    assertThat(file.publication()).isEqualTo(new PublicationSpec("../publications", 300));
    assertThat(file.publication().warning("publication")).isEmpty();
  }

  @Test
  void publishFile_withoutPublication_isRefused() {
    assertThat(problem(PUBLISH)).isEqualTo("publication is required");
  }

  @Test
  void publication_withoutDirectory_isRefused() {
    assertThat(problem(PUBLISH + "publication: {refresh-hint: 300}\n"))
        .isEqualTo("publication.directory is required");
  }

  @ParameterizedTest
  @CsvSource({"0", "-5", "2592001"})
  void refreshHint_outside1To30Days_isRefusedWithTheRange(String hint) {
    assertThat(problem(PUBLISH + "publication: {directory: p, refresh-hint: " + hint + "}\n"))
        .isEqualTo("publication.refresh-hint must be from 1 to 2592000 seconds (30 days)");
  }

  @Test
  void refreshHint_notAnInteger_isRefused() {
    assertThat(problem(PUBLISH + "publication: {directory: p, refresh-hint: 5m}\n"))
        .startsWith("publication.refresh-hint must be ");
  }

  @ParameterizedTest
  @CsvSource({"1", "86400", "2592000"})
  void refreshHint_atTheBounds_isAccepted(int hint) throws Exception {
    PublishCeremonyFile file = (PublishCeremonyFile) read(PUBLISH
        + "publication: {directory: p, refresh-hint: " + hint + "}\n");
    assertThat(file.publication().refreshHint()).isEqualTo(hint);
    assertThat(file.publication().warning("publication").isPresent()).isEqualTo(hint > 86400);
  }

  @Test
  void refreshHint_aboveOneDay_isWarnedAbout() throws Exception {
    PublishCeremonyFile file = (PublishCeremonyFile) read(PUBLISH
        + "publication: {directory: p, refresh-hint: 86401}\n");
    assertThat(file.publication().warning("publication")).contains("publication.refresh-hint "
        + "86401 is longer than a day (86400); relying parties would keep a revoked root that"
        + " long; 300 is recommended");
  }

  @Test
  void publication_unknownKey_isRefusedWithItsPath() {
    assertThat(problem(PUBLISH + "publication: {directory: p, refresh: 300}\n"))
        .isEqualTo("unknown key 'publication.refresh' (allowed: directory, refresh-hint)");
  }

  @Test
  void rootFile_withoutPublicationKey_getsTheDefaultLabelAndP256() throws Exception {
    RootCeremonyFile file = (RootCeremonyFile) read(ROOT);
    assertThat(file.publicationKey())
        .isEqualTo(new PublicationKeySpec("root-2026-publication", KeyAlgorithm.ECDSA_P256));
    assertThat(file.publication()).isNull();
  }

  @Test
  void rootFile_publicationKeyAndPublication_areRead() throws Exception {
    RootCeremonyFile file = (RootCeremonyFile) read(ROOT
        + "publication-key: {label: pub-1, algorithm: ecdsa-p384}\n"
        + "publication: {directory: ../publications, refresh-hint: 60}\n");
    assertThat(file.publicationKey())
        .isEqualTo(new PublicationKeySpec("pub-1", KeyAlgorithm.ECDSA_P384));
    assertThat(file.publication()).isEqualTo(new PublicationSpec("../publications", 60));
  }

  @Test
  void rootFile_publicationKeyWithoutAlgorithm_usesP256() throws Exception {
    RootCeremonyFile file = (RootCeremonyFile) read(ROOT + "publication-key: {label: pub-1}\n");
    assertThat(file.publicationKey().algorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
  }

  @Test
  void rootFile_publicationKeyLabelOfTheRootKey_isRefused() {
    assertThat(problem(ROOT + "publication-key: {label: root-2026}\n"))
        .isEqualTo("publication-key.label must differ from key.label");
  }

  @Test
  void rootFile_publicationKeyBadLabel_isRefused() {
    assertThat(problem(ROOT + "publication-key: {label: \"pub key\"}\n"))
        .isEqualTo("publication-key.label must be 1 to 64 letters, digits, '.', '_' or '-', "
            + "starting with a letter or digit");
  }

  @Test
  void rootFile_defaultPublicationLabelTooLong_isRefused() {
    String label = "k".repeat(60);
    assertThat(problem(ROOT.replace("label: root-2026", "label: " + label)))
        .isEqualTo("publication-key.label must be given: the default '" + label
            + "-publication' is longer than 64 characters");
  }
}
