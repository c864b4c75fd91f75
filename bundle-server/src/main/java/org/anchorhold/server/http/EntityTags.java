package org.anchorhold.server.http;

/**
 * If-None-Match evaluation per RFC 9110 §13.1.2: {@code *} matches any current entity, and a
 * list matches when any member is weakly equal to the entity's tag (§8.8.3.2).
 */
final class EntityTags {
  private EntityTags() {}

  /**
   * Whether {@code header} (the If-None-Match value) names {@code etag}.
   *
   * @param etag the quoted strong tag of the entity
   */
  static boolean noneMatchHits(String header, String etag) {
    String value = header.trim();
    if (value.equals("*")) {
      return true;
    }
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
        continue;
      }
      if (value.startsWith("W/", i)) {
        i += 2;
      }
      if (i >= value.length() || value.charAt(i) != '"') {
        return false;
      }
      int close = value.indexOf('"', i + 1);
      if (close < 0) {
        return false;
      }
      if (value.regionMatches(i, etag, 0, etag.length()) && close + 1 - i == etag.length()) {
        return true;
      }
      i = close + 1;
    }
    return false;
  }
}
