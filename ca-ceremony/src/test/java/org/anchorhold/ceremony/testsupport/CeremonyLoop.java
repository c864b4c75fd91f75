package org.anchorhold.ceremony.testsupport;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import org.anchorhold.ceremony.cli.CeremonyCommand;

/**
 * Runs one ceremony file again and again in one warm JVM, for the crash test: a SIGKILL at a
 * random moment then lands anywhere in a ceremony (HSM session, signing, each write of the
 * commit) in proportion to how long each step takes, rather than mostly in JVM start-up. Prints
 * {@code cycle N MILLIS} after each ceremony; stops after {@code MAX_CYCLES} or on a failure.
 */
public final class CeremonyLoop {
  static final int MAX_CYCLES = 500;

  private CeremonyLoop() {}

  public static void main(String[] args) {
    for (int cycle = 1; cycle <= MAX_CYCLES; cycle++) {
      long start = System.nanoTime();
      int code = CeremonyCommand.commandLine(new PrintWriter(Writer.nullWriter()),
          new PrintWriter(Writer.nullWriter()), Clock.systemUTC())
          .execute("run", "--yes", args[0]);
      if (code != 0) {
        System.out.println("cycle " + cycle + " failed with exit code " + code);
        System.exit(code);
      }
      System.out.println("cycle " + cycle + " " + (System.nanoTime() - start) / 1_000_000);
      System.out.flush();
    }
  }
}
