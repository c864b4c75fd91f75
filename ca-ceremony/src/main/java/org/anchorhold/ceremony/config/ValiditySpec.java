package org.anchorhold.ceremony.config;

import java.time.Instant;

/**
 * A validity period in whole UTC seconds. Without {@code not-before} the period starts at the
 * moment of signing.
 */
public record ValiditySpec(Instant notBefore, Instant notAfter) {

  public ValiditySpec {
    ConfigProblem.required("not-after", notAfter);
    if (notAfter.getNano() != 0 || (notBefore != null && notBefore.getNano() != 0)) {
      throw new ConfigProblem("", "times must be whole seconds (RFC 5280 §4.1.2.5)");
    }
    if (notBefore != null && !notAfter.isAfter(notBefore)) {
      throw new ConfigProblem("not-after", "must be after not-before");
    }
  }
}
