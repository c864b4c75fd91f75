package org.anchorhold.ceremony.root;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.anchorhold.ceremony.cert.SubjectNames;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.RootCeremonyFile;
import org.anchorhold.ceremony.publish.PublishPlan;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.PlanText;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A root ceremony that passed every check needing no HSM. Validity rules (PROFILES.md, root):
 * 8 to 25 years, a warning past 15, ending in the future; a not-before at most a day from now.
 */
public final class RootPlan implements Plan {
  static final int MIN_YEARS = 8;
  static final int MAX_YEARS = 25;
  static final int WARN_YEARS = 15;

  private final LoadedCeremony loaded;
  private final RootCeremonyFile spec;
  private final X500Name subject;
  private final List<String> warnings;

  private RootPlan(LoadedCeremony loaded, RootCeremonyFile spec, X500Name subject,
      List<String> warnings) {
    this.loaded = loaded;
    this.spec = spec;
    this.subject = subject;
    this.warnings = List.copyOf(warnings);
  }

  /** Checks what depends on the clock and returns the plan, or every problem found. */
  public static RootPlan of(LoadedCeremony loaded, Clock clock) throws ConfigException {
    RootCeremonyFile spec = (RootCeremonyFile) loaded.spec();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = Optional.ofNullable(spec.root().validity().notBefore()).orElse(now);
    Instant notAfter = spec.root().validity().notAfter();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (notBefore.isBefore(now.minus(1, ChronoUnit.DAYS))
        || notBefore.isAfter(now.plus(1, ChronoUnit.DAYS))) {
      problems.add("root.validity.not-before must be within a day of now (" + now + ")");
    }
    if (!notAfter.isAfter(now)) {
      problems.add("root.validity.not-after is in the past");
    } else if (!notAfter.isAfter(notBefore)) {
      problems.add("root.validity.not-after must be after not-before");
    } else if (notAfter.isAfter(years(notBefore, MAX_YEARS))) {
      problems.add("root.validity must be at most " + MAX_YEARS + " years");
    } else if (notAfter.isBefore(years(notBefore, MIN_YEARS))) {
      problems.add("root.validity must be at least " + MIN_YEARS + " years");
    } else if (notAfter.isAfter(years(notBefore, WARN_YEARS))) {
      warnings.add("root.validity is longer than " + WARN_YEARS + " years; " + WARN_YEARS
          + " or fewer is recommended");
    }
    PlanText.officerWarning(spec.officers()).ifPresent(warnings::add);
    if (spec.publication() != null) {
      problems.addAll(PublishPlan.directoryProblems("publication.directory",
          Publisher.directory(loaded, spec.publication())));
      spec.publication().warning("publication").ifPresent(warnings::add);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new RootPlan(loaded, spec, SubjectNames.of(spec.root().subject()), warnings);
  }

  private static Instant years(Instant from, int years) {
    return ZonedDateTime.ofInstant(from, ZoneOffset.UTC).plusYears(years).toInstant();
  }

  @Override
  public String type() {
    return "root";
  }

  @Override
  public List<String> describe() {
    RootCeremonyFile.RootSpec root = spec.root();
    List<String> lines = PlanText.header(spec);
    lines.add("hsm:          token '" + loaded.hsm().tokenLabel() + "' via '"
        + loaded.hsm().module() + "'");
    lines.add("key:          generate " + spec.key().algorithm().configName() + " key '"
        + spec.key().label() + "'" + (spec.key().id() == null ? " with a random ID"
        : " with ID " + spec.key().id()) + "; sensitive, never extractable, sign only");
    lines.add("root:         '" + root.name() + "', subject " + subject);
    lines.add("validity:     " + (root.validity().notBefore() == null ? "signing time"
        : root.validity().notBefore()) + " to " + root.validity().notAfter());
    lines.add("trust domain: " + (root.trustDomain() == null
        ? "none (the root may anchor several trust domains)"
        : "spiffe://" + root.trustDomain() + " in the SAN"));
    lines.add("publication:  generate " + spec.publicationKey().algorithm().configName()
        + " key '" + spec.publicationKey().label() + "' and its end-entity certificate from the"
        + " root");
    if (spec.publication() != null) {
      lines.add("publish:      after the commit, under "
          + Publisher.directory(loaded, spec.publication()));
    }
    lines.add("state:        " + loaded.stateDirectory());
    return lines;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void run(CeremonyContext context) throws CeremonyException {
    new RootCeremony(loaded, spec, subject, context).run();
  }
}
