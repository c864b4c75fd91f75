package org.anchorhold.ceremony.config;

import java.util.Locale;

/**
 * Free text of a ceremony file or HSM profile that plans, transcripts and certificates show to
 * the officers, checked so it prints as exactly what it says, on one line.
 *
 * <p>Refused are ISO controls (C0 with tab, CR, LF and ESC, DEL and C1: they end lines and
 * drive terminals), Unicode format characters (bidi embeddings, overrides and isolates of
 * Unicode TR #9, zero-width characters: they reorder or hide text) and line and paragraph
 * separators. A value holding one could forge a line of the witnessed plan or transcript. The
 * message names the character by code point and never prints it.
 */
public final class PrintableText {
  private PrintableText() {}

  /** Returns the text if it holds no control, format or separator character; throws if not. */
  public static String check(String field, String text) {
    int position = 1;
    for (int i = 0; i < text.length(); position++) {
      int c = text.codePointAt(i);
      String kind = refusedKind(c);
      if (kind != null) {
        throw new ConfigProblem(field, "must not contain " + kind + " ("
            + String.format(Locale.ROOT, "U+%04X", c) + " at character " + position + ")");
      }
      i += Character.charCount(c);
    }
    return text;
  }

  /**
   * As {@link #check}, and the text must neither begin nor end with whitespace of any kind (a
   * no-break space too, which {@link String#strip} keeps), and must hold a letter or a digit, so
   * that it cannot print as blank.
   */
  public static String checkTrimmed(String field, String text) {
    check(field, text);
    if (!text.isEmpty() && (isSpace(text.codePointAt(0))
        || isSpace(text.codePointBefore(text.length())))) {
      throw new ConfigProblem(field, "must not begin or end with whitespace");
    }
    if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
      throw new ConfigProblem(field, "must hold a letter or a digit");
    }
    return text;
  }

  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * The text with every character {@link #check} refuses shown by code point ({@code <U+001B>}
   * for an escape), for a message that must name a key of the file as it was written, or a
   * record of what was typed.
   */
  public static String escaped(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (refusedKind(c) == null) {
        shown.appendCodePoint(c);
      } else {
        shown.append(String.format(Locale.ROOT, "<U+%04X>", c));
      }
    });
    return shown.toString();
  }

  private static String refusedKind(int c) {
    if (Character.isISOControl(c)) {
      return "control characters";
    }
    return switch (Character.getType(c)) {
      case Character.FORMAT -> "invisible format characters such as bidi or zero-width ones";
      case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE ->
          "unassigned, private-use or unpaired surrogate characters, which print as nothing "
              + "anyone can read back";
      case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
          "line or paragraph separators";
      default -> null;
    };
  }
}
