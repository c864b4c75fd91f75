package org.anchorhold.server.http;

/**
 * If-None-Match evaluation per RFC 9110 §13.1.2: {@code *} matches any current entity, and a
 * list matches when any member is weakly equal to the entity's tag (§8.8.3.2).
 */
final class EntityTags {
  private EntityTags() {}

  /**
   * Whether {@code header} (the If-None-Match value) names {@code etag}. A malformed list
   * names nothing, so the full answer is sent.
   *
   * @param etag the quoted strong tag of the entity
   */
  static boolean noneMatchHits(String header, String etag) {
    String value = header.trim();
    if (value.equals("*")) {
      return true;
    }
    boolean hit = false;
    int i = 0;
    while (i < value.length()) {
      i = skipSeparators(value, i);
      if (i >= value.length()) {
        break;
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
      hit |= close + 1 - i == etag.length() && value.regionMatches(i, etag, 0, etag.length());
      i = close + 1;
      if (i < value.length() && !isSeparator(value.charAt(i))) {
        return false;
      }
    }
    return hit;
  }

  private static int skipSeparators(String value, int from) {
    int i = from;
    while (i < value.length() && isSeparator(value.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSeparator(char c) {
    return c == ',' || c == ' ' || c == '\t';
  }
}
