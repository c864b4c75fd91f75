package org.anchorhold.ceremony.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Asks the officers present to confirm a step before the HSM acts. Only the word {@code yes}
 * continues; with {@code --yes} every confirmation is given in advance (rehearsals and tests).
 */
public final class Witness {
  private final BufferedReader in;
  private final PrintWriter out;
  private final boolean preconfirmed;

  public Witness(BufferedReader in, PrintWriter out, boolean preconfirmed) {
    this.in = in;
    this.out = out;
    this.preconfirmed = preconfirmed;
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
    String answer;
    try {
      answer = in == null ? null : in.readLine();
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null) {
      throw new CeremonyException("no confirmation could be read; witnesses confirm on the "
          + "console, or --yes gives every confirmation in advance");
    }
    if (!answer.strip().equals("yes")) {
      throw new CeremonyException("the witnesses did not confirm: " + question);
    }
  }
}
