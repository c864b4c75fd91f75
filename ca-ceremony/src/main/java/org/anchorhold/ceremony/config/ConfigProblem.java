package org.anchorhold.ceremony.config;

/**
 * Thrown by a record's constructor when one of its fields is invalid; the parser adds the dotted
 * path of the record, so the message reads {@code key.curve must be one of P-256, P-384}.
 */
public final class ConfigProblem extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public ConfigProblem(String field, String problem) {
    super(problem);
    this.field = field;
  }

  /** The field of the record that is wrong, relative to the record. */
  public String field() {
    return field;
  }

  /** Requires a value to be present. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new ConfigProblem(field, "is required");
    }
    return value;
  }
}
