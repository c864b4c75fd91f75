package org.anchorhold.ceremony.testsupport;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.Planners;
import org.anchorhold.ceremony.run.Transcript;
import org.anchorhold.ceremony.run.Witness;

/**
 * Ceremony files beside a {@link SoftwareCa} state whose HSM profile names a module that does
 * not exist: a ceremony that reached the HSM would fail with a PKCS#11 error, so a test that sees
 * another refusal proves it came before the HSM was opened.
 */
public final class OfflineCeremonies {
  /** The transcript line every ceremony prints once it is logged in to the token. */
  public static final String LOGGED_IN = "logged in";

  private final Path directory;
  private final Clock clock;
  private final StringWriter transcript = new StringWriter();

  /** Writes {@code hsm.yaml} in {@code directory}, the parent of the state {@code state}. */
  public OfflineCeremonies(Path directory, Clock clock) throws Exception {
    this.directory = directory;
    this.clock = clock;
    Files.writeString(directory.resolve("hsm.yaml"), "module: "
        + directory.resolve("no-such-module.so") + "\ntoken-label: anchorhold-root\n");
  }

  /** Writes a ceremony file with the shared head (hsm, state, two officers) and this body. */
  public Path file(String name, String type, String body) throws Exception {
    Path file = directory.resolve(name);
    Files.writeString(file, "ceremony: " + type + "\nhsm: hsm.yaml\nstate: state\n"
        + "officers: [Alice, Bob]\n" + body);
    return file;
  }

  /** Loads and plans a ceremony file as {@code ceremony run} does. */
  public Plan plan(Path file) throws Exception {
    return Planners.plan(LoadedCeremony.load(file), clock);
  }

  /** Runs a plan with the witness's answer given, the transcript kept. */
  public void run(Plan plan) throws CeremonyException {
    PrintWriter out = new PrintWriter(transcript, true);
    plan.run(new CeremonyContext(clock, new Transcript(out, clock),
        new Witness(InputStream.nullInputStream(), out, true)));
  }

  /** What the runs printed. */
  public String transcript() {
    return transcript.toString();
  }
}
