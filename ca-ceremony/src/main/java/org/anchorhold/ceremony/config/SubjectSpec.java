package org.anchorhold.ceremony.config;

/**
 * A distinguished name as a ceremony file writes it. Encoded in the order C, O, OU, CN with
 * PrintableString for the country and UTF8String for the rest (RFC 5280 §4.1.2.4).
 */
public record SubjectSpec(
    String commonName, String organization, String organizationalUnit, String country) {

  public SubjectSpec {
    commonName = text("common-name", ConfigProblem.required("common-name", commonName));
    organization = organization == null ? null : text("organization", organization);
    organizationalUnit =
        organizationalUnit == null ? null : text("organizational-unit", organizationalUnit);
    if (country != null && !country.matches("[A-Z]{2}")) {
      throw new ConfigProblem("country", "must be two capital letters (ISO 3166), such as US");
    }
  }

  private static String text(String field, String value) {
    if (value.isBlank() || value.length() > 64) {
      throw new ConfigProblem(field, "must be 1 to 64 characters (RFC 5280 ub-common-name)");
    }
    return PrintableText.checkTrimmed(field, value);
  }
}
