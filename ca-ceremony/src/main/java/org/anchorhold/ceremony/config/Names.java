package org.anchorhold.ceremony.config;

/**
 * Names of roots and issuers in the state and the publication: they become file and URL path
 * segments, so only lowercase letters, digits and '-' are allowed.
 */
public final class Names {
  private Names() {}

  /** Returns the name if it is valid, or throws naming the field. */
  public static String check(String field, String name) {
    if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new ConfigProblem(field,
          "must be 1 to 63 lowercase letters, digits or '-', starting with a letter or digit");
    }
    return name;
  }
}
