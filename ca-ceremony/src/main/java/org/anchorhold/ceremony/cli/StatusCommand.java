package org.anchorhold.ceremony.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.anchorhold.ceremony.crl.CrlContinuity;
import org.anchorhold.ceremony.state.AuditAnchor;
import org.anchorhold.ceremony.state.RecordedFiles;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.ceremony.state.StrayFiles;
import org.anchorhold.ceremony.status.PublicationLag;
import org.anchorhold.ceremony.status.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ceremony status STATE}: roots, intermediates, CRL numbers and due dates, and warnings,
 * among them every file the index records that is missing or changed and every serial a latest
 * CRL revokes that the index no longer does; {@code --check} exits 1 on any warning, for
 * monitoring. Reads the state without locking it.
 */
@Command(name = "status", description = "Report roots, intermediates, CRL due dates and warnings.")
final class StatusCommand implements Callable<Integer>, ClockAware {
  /** Exit code of --check when there is a warning. */
  static final int WARNING = 1;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "STATE", description = "the CA state directory")
  private Path state;

  @Option(names = "--check", description = "exit 1 when there is any warning")
  private boolean check;

  @Option(names = "--json", description = "print the report as JSON")
  private boolean json;

  @Option(names = "--intermediate-warn-days", paramLabel = "DAYS", defaultValue = "30",
      description = "warn when a valid intermediate ends within DAYS (default ${DEFAULT-VALUE})")
  private int intermediateDays;

  @Option(names = "--root-warn-days", paramLabel = "DAYS", defaultValue = "365",
      description = "warn when a root ends within DAYS (default ${DEFAULT-VALUE})")
  private int rootDays;

  private Clock clock = Clock.systemUTC();

  @Override
  public void setClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (intermediateDays < 0 || rootDays < 0) {
      err.println("status failed: --intermediate-warn-days and --root-warn-days must not be "
          + "negative");
      return ExitCodes.USAGE;
    }
    StatusReport report;
    try {
      StateDirectory.Snapshot snapshot = StateDirectory.read(state);
      report = StatusReport.of(snapshot.state(),
          Instant.now(clock).truncatedTo(ChronoUnit.SECONDS),
          new StatusReport.Thresholds(Duration.ofDays(intermediateDays),
              Duration.ofDays(rootDays)))
          .withWarning(PublicationLag.of(snapshot.audit()))
          .withWarning(AuditAnchor.warning(state, snapshot))
          .withWarning(StrayFiles.warning(state, snapshot.state()));
      // The latest CRLs are compared with the index only once every recorded file is as recorded,
      // so a changed file is reported once.
      List<String> changed = RecordedFiles.warnings(state, snapshot.state());
      if (changed.isEmpty()) {
        changed = CrlContinuity.warnings(state, snapshot.state());
      }
      for (String warning : changed) {
        report = report.withWarning(Optional.of(warning));
      }
    } catch (StateException e) {
      err.println("status failed: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    if (json) {
      out.println(new ObjectMapper().registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report));
    } else {
      report.lines().forEach(out::println);
    }
    out.flush();
    return check && !report.warnings().isEmpty() ? WARNING : ExitCodes.OK;
  }
}
