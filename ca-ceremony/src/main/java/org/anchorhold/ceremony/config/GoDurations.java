package org.anchorhold.ceremony.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lifetimes written as SPIRE writes them ({@code 24h}, {@code 90m}), plus days ({@code 7d}): a
 * positive whole number and one unit of s, m, h or d.
 */
public final class GoDurations {
  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

  private GoDurations() {}

  /** The duration, or a problem naming the field. */
  public static Duration parse(String field, String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new ConfigProblem(field, "must be a whole number and one unit of s, m, h or d, "
          + "such as 24h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
