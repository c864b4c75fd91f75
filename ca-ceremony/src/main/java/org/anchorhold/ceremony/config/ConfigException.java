package org.anchorhold.ceremony.config;

import java.util.List;

/**
 * A ceremony file or HSM profile is invalid: every problem found, each naming its dotted key and
 * what is allowed. The CLI exits 2 on it.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems, in the order of the file. */
  public List<String> problems() {
    return problems;
  }
}
