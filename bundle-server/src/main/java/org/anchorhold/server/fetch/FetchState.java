package org.anchorhold.server.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last publication sequence a fetch accepted, kept in a one-line file
 * ({@code last_sequence=42}) so a host cannot roll a relying party back to an older one.
 */
final class FetchState {
  private static final Pattern LINE = Pattern.compile("last_sequence=([0-9]{1,12})\n");

  private FetchState() {}

  /** The last sequence seen, or empty when the file does not exist yet. */
  static OptionalLong read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    Matcher matcher = LINE.matcher(text);
    if (!matcher.matches()) {
      throw new IOException("state file '" + file + "' is not one line last_sequence=<n>");
    }
    return OptionalLong.of(Long.parseLong(matcher.group(1)));
  }

  /** The file's content for a sequence. */
  static byte[] render(long sequence) {
    return ("last_sequence=" + sequence + "\n").getBytes(StandardCharsets.US_ASCII);
  }
}
