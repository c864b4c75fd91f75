package org.anchorhold.ceremony.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.PrintableText;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.Planners;
import org.anchorhold.ceremony.run.Transcript;
import org.anchorhold.ceremony.run.Witness;
import org.anchorhold.ceremony.state.IoReasons;
import org.anchorhold.ceremony.state.StateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ceremony run FILE}: validate, then run the ceremony with witness confirmations. */
@Command(name = "run", description = "Run a ceremony file on the HSM.")
final class RunCommand implements Callable<Integer>, ClockAware {
  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "the ceremony file")
  private Path file;

  @Option(names = "--yes", description = "give every witness confirmation in advance")
  private boolean yes;

  @Option(names = "--transcript", paramLabel = "FILE", description = "also write the transcript, "
      + "prompts and answers to FILE, a new file (the terminal stays free for a console PIN)")
  private Path transcriptFile;

  @Option(names = "--verbose", description = "print the stack trace of a failure")
  private boolean verbose;

  private Clock clock = Clock.systemUTC();

  @Override
  public void setClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter terminal = spec.commandLine().getErr();
    LoadedCeremony loaded;
    try {
      loaded = LoadedCeremony.load(file);
    } catch (ConfigException e) {
      return invalid(terminal, e);
    }
    if (transcriptFile == null) {
      return run(loaded, terminal, null);
    }
    TranscriptCopy copy;
    try {
      copy = TranscriptCopy.create(transcriptTarget(loaded), terminal);
    } catch (IOException e) {
      terminal.println("invalid command line: " + PrintableText.escaped(e.getMessage()));
      return ExitCodes.USAGE;
    }
    int code = run(loaded, copy.both(), copy.fileOnly());
    try {
      copy.close();
    } catch (IOException e) {
      terminal.println(PrintableText.escaped("the transcript '" + transcriptFile + "' could not "
          + "be synced to disk: " + IoReasons.reason(e) + "; the ceremony's own outcome stands "
          + "(exit " + code + ")"));
      return code == ExitCodes.OK ? ExitCodes.FAILED : code;
    }
    return code;
  }

  /**
   * The transcript's path, once it is known to lie outside what the ceremony writes: a copy
   * inside the state or the publications would be a file no record names, or could take a name
   * the ceremony needs.
   */
  private Path transcriptTarget(LoadedCeremony loaded) throws IOException {
    if (transcriptFile.toString().isEmpty()) {
      throw new IOException("--transcript needs a file name");
    }
    Path target = real(transcriptFile.toAbsolutePath().normalize());
    List<Path> written = new ArrayList<>(List.of(loaded.stateDirectory()));
    if (loaded.spec().publication() != null) {
      written.add(Publisher.directory(loaded, loaded.spec().publication()));
    }
    for (Path directory : written) {
      if (target.startsWith(real(directory.toAbsolutePath().normalize()))) {
        throw new IOException("the transcript '" + transcriptFile + "' would be inside '"
            + directory + "', which the ceremony writes; keep it outside the state and the "
            + "publications");
      }
    }
    return transcriptFile;
  }

  /** The path with its nearest existing ancestor's symbolic links resolved. */
  private static Path real(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
  }

  /** The ceremony, with {@code answers} receiving the witnesses' typed answers when not null. */
  private int run(LoadedCeremony loaded, PrintWriter err, PrintWriter answers) {
    Plan plan;
    try {
      plan = Planners.plan(loaded, clock);
    } catch (ConfigException e) {
      return invalid(err, e);
    } catch (StateException e) {
      // The state is at fault, not the file: exit 1, so no officer sets out to edit the file.
      return failed(err, loaded.spec().type(), e);
    }
    Transcript transcript = new Transcript(err, clock);
    transcript.step(plan.type() + " ceremony '" + file + "'");
    plan.describe().forEach(line -> transcript.step("plan  " + line));
    plan.warnings().forEach(transcript::warning);
    loaded.warnings().forEach(transcript::warning);
    try {
      // Unbuffered standard input: System.in reads ahead up to 8 KiB, which would swallow the
      // answers meant for the next command of a script sharing the same input.
      InputStream console = new FileInputStream(FileDescriptor.in);
      plan.run(new CeremonyContext(clock, transcript, new Witness(console, err, yes, answers)));
    } catch (CeremonyException e) {
      return failed(err, plan.type(), e);
    }
    transcript.step(plan.type() + " ceremony done");
    return ExitCodes.OK;
  }

  /** A problem of the ceremony file or what it names: exit 2. */
  static int invalid(PrintWriter err, ConfigException e) {
    err.println("invalid ceremony file: " + PrintableText.escaped(e.getMessage()));
    return ExitCodes.USAGE;
  }

  private int failed(PrintWriter err, String type, Exception e) {
    err.println(type + " ceremony failed: " + PrintableText.escaped(e.getMessage()));
    if (verbose) {
      e.printStackTrace(err);
    }
    return ExitCodes.FAILED;
  }
}
