package org.anchorhold.ceremony.config;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Names of expected value types as an officer reads them in an error message. */
final class TypeNames {
  private TypeNames() {}

  static String of(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Instant.class) {
      return "a UTC time such as 2046-12-31T00:00:00Z";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    return "a " + type.getSimpleName();
  }
}
