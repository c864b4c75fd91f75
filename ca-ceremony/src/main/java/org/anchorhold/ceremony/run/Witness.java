package org.anchorhold.ceremony.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.anchorhold.ceremony.config.PrintableText;

/**
 * Asks the officers present to confirm a step before the HSM acts. Only the word {@code yes}
 * continues; with {@code --yes} every confirmation is given in advance (rehearsals and tests).
 * Answers are read a byte at a time, so a script answering several ceremonies on one stream
 * gives each ceremony exactly its own lines.
 */
public final class Witness {
  private final InputStream in;
  private final PrintWriter out;
  private final boolean preconfirmed;
  private final PrintWriter answers;

  public Witness(InputStream in, PrintWriter out, boolean preconfirmed) {
    this(in, out, preconfirmed, null);
  }

  /**
   * A witness whose typed answers are also written to {@code answers}: a copy of the transcript
   * kept in a file, which the terminal's echo of the answer never reaches.
   */
  public Witness(InputStream in, PrintWriter out, boolean preconfirmed, PrintWriter answers) {
    this.in = in;
    this.out = out;
    this.preconfirmed = preconfirmed;
    this.answers = answers;
  }

  /** Returns when the witnesses typed yes; throws otherwise. */
  public void confirm(String question) throws CeremonyException {
    if (preconfirmed) {
      out.println("confirmed (--yes): " + question);
      out.flush();
      return;
    }
    out.print(question + " Type yes to continue: ");
    out.flush();
    String answer = readLine();
    if (answers != null) {
      answers.println(answer == null ? "(no answer)" : PrintableText.escaped(answer.strip()));
      answers.flush();
    }
    if (answer == null) {
      throw new CeremonyException("no confirmation could be read; witnesses confirm on the "
          + "console, or --yes gives every confirmation in advance");
    }
    if (!answer.strip().equals("yes")) {
      throw new CeremonyException("the witnesses did not confirm: " + question);
    }
  }

  private String readLine() {
    if (in == null) {
      return null;
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
        if (line.size() < 256) {
          line.write(b);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
