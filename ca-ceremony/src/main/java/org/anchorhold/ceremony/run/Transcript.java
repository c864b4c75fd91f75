package org.anchorhold.ceremony.run;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.anchorhold.ceremony.config.PrintableText;

/**
 * The ceremony transcript on stderr: one line per step with its UTC time, and every output's PEM
 * and SHA-256 fingerprint, so the printed transcript is the ceremony's paper record. It never
 * receives a PIN. Steps and warnings show control, format and separator characters by code point
 * ({@link PrintableText#escaped}): a path typed on the command line or a name from an issuer's
 * CSR could otherwise end a line early and forge the next one.
 */
public final class Transcript {
  private final PrintWriter out;
  private final Clock clock;

  public Transcript(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** One step, as a line. */
  public void step(String message) {
    out.println(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + "  "
        + PrintableText.escaped(message));
    out.flush();
  }

  /** An output: its path, fingerprint and PEM text. */
  public void output(String path, String fingerprint, String pem) {
    step("wrote " + path);
    out.println("    SHA-256 fingerprint: " + fingerprint);
    out.print(pem);
    out.flush();
  }

  /** A block of text printed as it is, indented by four spaces, such as a configuration. */
  public void block(String text) {
    text.lines().forEach(line -> out.println("    " + PrintableText.escaped(line)));
    out.flush();
  }

  /** A warning about legal but risky input. */
  public void warning(String message) {
    out.println("warning: " + PrintableText.escaped(message));
    out.flush();
  }
}
