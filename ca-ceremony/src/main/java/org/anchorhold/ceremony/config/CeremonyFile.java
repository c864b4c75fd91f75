package org.anchorhold.ceremony.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One reviewable ceremony file; its {@code ceremony} key says which ceremony it describes. It names
 * an HSM profile and a state directory but holds no secret.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "ceremony")
@JsonSubTypes({@JsonSubTypes.Type(value = RootCeremonyFile.class, name = "root"),
    @JsonSubTypes.Type(value = IntermediateCeremonyFile.class, name = "intermediate"),
    @JsonSubTypes.Type(value = RevokeCeremonyFile.class, name = "revoke"),
    @JsonSubTypes.Type(value = CrlCeremonyFile.class, name = "crl"),
    @JsonSubTypes.Type(value = PublishCeremonyFile.class, name = "publish")})
public sealed interface CeremonyFile permits RootCeremonyFile, IntermediateCeremonyFile,
    RevokeCeremonyFile, CrlCeremonyFile, PublishCeremonyFile {
  /** The ceremony types, for messages. */
  String TYPES = "root, intermediate, revoke, crl, publish";

  /** The HSM profile file, relative to the ceremony file. */
  String hsm();

  /** The CA state directory, relative to the ceremony file. */
  String state();

  /** The officers present, as they sign the ceremony log. */
  List<String> officers();

  /** The ceremony type as written in the file. */
  String type();

  /** Where the ceremony publishes, or null when it does not. */
  PublicationSpec publication();

  /** Checks the officers list shared by every ceremony. */
  static List<String> checkOfficers(List<String> officers) {
    ConfigProblem.required("officers", officers);
    if (officers.isEmpty()) {
      throw new ConfigProblem("officers", "must name at least one officer");
    }
    for (int i = 0; i < officers.size(); i++) {
      String key = "officers[" + i + "]";
      String officer = officers.get(i);
      if (officer == null || officer.isBlank() || officer.length() > 128) {
        throw new ConfigProblem(key, "must be a name of 1 to 128 characters");
      }
      // The plan and transcript print the names: PrintableText keeps them to one honest line.
      PrintableText.checkTrimmed(key, officer);
    }
    if (officers.stream().distinct().count() != officers.size()) {
      throw new ConfigProblem("officers", "must not name an officer twice");
    }
    return List.copyOf(officers);
  }

  /** Checks a relative or absolute path field; plans print it, so it must be printable. */
  static String checkPath(String field, String path) {
    ConfigProblem.required(field, path);
    if (path.isBlank()) {
      throw new ConfigProblem(field, "must be a file system path");
    }
    return PrintableText.check(field, path);
  }
}
