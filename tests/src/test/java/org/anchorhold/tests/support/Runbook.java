package org.anchorhold.tests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The executable parts of a Markdown runbook: fenced {@code sh} blocks are commands, and a fenced
 * block whose info string names a path after its language (```yaml ceremonies/root.yaml) is a file
 * to write before the commands that follow it. Other fenced blocks are for reading only.
 */
public final class Runbook {
  private static final Pattern FENCE = Pattern.compile(
      "(?m)^( *)```([a-z]*)([^\\n]*)\\n(.*?)^\\1```[ ]*$", Pattern.DOTALL);

  /** One executable step, in document order. */
  public sealed interface Step permits Commands, FileToWrite {}

  /** Shell commands to run. */
  public record Commands(String script) implements Step {}

  /** A file the runbook shows in full, to write at its path. */
  public record FileToWrite(String path, String content) implements Step {}

  private Runbook() {}

  /** The steps of a runbook's Markdown text. */
  public static List<Step> steps(String markdown) {
    List<Step> steps = new ArrayList<>();
    Matcher fence = FENCE.matcher(markdown);
    while (fence.find()) {
      String indent = fence.group(1);
      String language = fence.group(2);
      String info = fence.group(3).strip();
      String body = fence.group(4).replaceAll("(?m)^" + indent, "");
      if (language.equals("sh") && info.isEmpty()) {
        steps.add(new Commands(body));
      } else if (!info.isEmpty() && !info.contains(" ")) {
        steps.add(new FileToWrite(info, body));
      }
    }
    return steps;
  }
}
