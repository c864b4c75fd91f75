package org.anchorhold.ceremony.intermediate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.anchorhold.ceremony.cert.SubjectNames;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile.IssuerSpec;
import org.anchorhold.ceremony.csr.CheckedCsr;
import org.anchorhold.ceremony.csr.CsrChecks;
import org.anchorhold.ceremony.csr.CsrException;
import org.anchorhold.ceremony.csr.CsrReader;
import org.anchorhold.ceremony.publish.PublishPlan;
import org.anchorhold.ceremony.publish.Publisher;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.PlanText;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * An intermediate ceremony that passed every check needing no HSM and no state: the clock checks
 * of each issuer's validity and every CSR check. Warnings: an intermediate shorter than
 * {@value #TTL_MULTIPLE} times the issuer's CA TTL (SPIRE caps its CA at our notAfter and rotates
 * at a sixth of its lifetime), one longer than {@value #WARN_YEARS} years, requested extensions
 * that the profile ignores, and a single officer.
 */
public final class IntermediatePlan implements Plan {
  static final int TTL_MULTIPLE = 6;
  static final int WARN_YEARS = 5;

  private final LoadedCeremony loaded;
  private final IntermediateCeremonyFile spec;
  private final List<IssuerRequest> issuers;
  private final List<String> warnings;

  private IntermediatePlan(LoadedCeremony loaded, IntermediateCeremonyFile spec,
      List<IssuerRequest> issuers, List<String> warnings) {
    this.loaded = loaded;
    this.spec = spec;
    this.issuers = List.copyOf(issuers);
    this.warnings = List.copyOf(warnings);
  }

  /** Checks the clock and every CSR; returns the plan, or every problem found. */
  public static IntermediatePlan of(LoadedCeremony loaded, Clock clock) throws ConfigException {
    IntermediateCeremonyFile spec = (IntermediateCeremonyFile) loaded.spec();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    Path base = loaded.file().toAbsolutePath().getParent();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<IssuerRequest> issuers = new ArrayList<>();
    // The CSR checks are independent signature verifications: run them side by side, then
    // report in file order.
    List<Object> checked = IntStream.range(0, spec.issuers().size()).parallel()
        .mapToObj(i -> checkCsr(spec, i, base)).toList();
    Map<ByteBuffer, String> keyOwners = new HashMap<>();
    for (int i = 0; i < spec.issuers().size(); i++) {
      String key = "issuers[" + i + "]";
      problems.addAll(validity(key, spec.issuers().get(i), now, warnings));
      if (checked.get(i) instanceof IssuerRequest request) {
        String other = keyOwners.putIfAbsent(ByteBuffer.wrap(request.csr().encodedKey()), key);
        if (other != null) {
          problems.add(key + ".csr requests a certificate for the key of " + other + ".csr; "
              + "each issuer, and each trust domain, has a key of its own");
        }
        if (!request.csr().ignoredExtensions().isEmpty()) {
          warnings.add(key + ".csr requests " + String.join(", ",
              request.csr().ignoredExtensions()) + "; ignored: every extension of the "
              + "intermediate comes from the profile");
        }
        issuers.add(request);
      } else {
        problems.add((String) checked.get(i));
      }
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
    return new IntermediatePlan(loaded, spec, issuers, warnings);
  }

  /** The checked request of issuer i, or the problem with its CSR. */
  private static Object checkCsr(IntermediateCeremonyFile spec, int i, Path base) {
    IssuerSpec issuer = spec.issuers().get(i);
    Path csrFile = base.resolve(issuer.csr()).normalize();
    X500Name subject = SubjectNames.of(issuer.subject());
    try {
      byte[] bytes = readCsr(csrFile);
      CheckedCsr csr = new CsrChecks(issuer.trustDomain(), subject, spec.rsaMinimumBits())
          .check(CsrReader.parse(bytes));
      return new IssuerRequest(i, issuer, csrFile, bytes, csr, subject);
    } catch (CsrException e) {
      return "issuers[" + i + "].csr '" + csrFile + "' " + e.getMessage();
    }
  }

  private static byte[] readCsr(Path file) throws CsrException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new CsrException("is not a readable file");
      }
      if (Files.size(file) > CsrReader.MAX_BYTES) {
        throw new CsrException("is larger than 64 KiB; a CSR is a few kilobytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CsrException("cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  private static List<String> validity(String key, IssuerSpec issuer, Instant now,
      List<String> warnings) {
    Instant notBefore = Optional.ofNullable(issuer.validity().notBefore()).orElse(now);
    Instant notAfter = issuer.validity().notAfter();
    if (notBefore.isBefore(now.minus(1, ChronoUnit.DAYS))
        || notBefore.isAfter(now.plus(1, ChronoUnit.DAYS))) {
      return List.of(key + ".validity.not-before must be within a day of now (" + now + ")");
    }
    if (!notAfter.isAfter(now)) {
      return List.of(key + ".validity.not-after is in the past");
    }
    if (!notAfter.isAfter(notBefore)) {
      return List.of(key + ".validity.not-after must be after not-before");
    }
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration ttl = issuer.caTtlDuration();
    if (lifetime.compareTo(ttl.multipliedBy(TTL_MULTIPLE)) < 0) {
      warnings.add(key + ".validity (" + human(lifetime) + ") is less than " + TTL_MULTIPLE
          + " times ca-ttl " + issuer.caTtl() + "; SPIRE caps its CA at the intermediate's "
          + "notAfter and rotates at a sixth of its lifetime, so at least "
          + human(ttl.multipliedBy(TTL_MULTIPLE)) + " is recommended");
    }
    if (lifetime.compareTo(Duration.ofDays(365L * WARN_YEARS)) > 0) {
      warnings.add(key + ".validity is longer than " + WARN_YEARS + " years; a shorter "
          + "intermediate limits what a leaked issuer key can do");
    }
    return List.of();
  }

  private static String human(Duration duration) {
    long hours = duration.toHours();
    return hours >= 48 ? duration.toDays() + " days" : hours + " hours";
  }

  @Override
  public String type() {
    return "intermediate";
  }

  @Override
  public List<String> describe() {
    List<String> lines = PlanText.header(spec);
    lines.add("hsm:          token '" + loaded.hsm().tokenLabel() + "' via '"
        + loaded.hsm().module() + "'");
    lines.add("root:         '" + spec.root() + "' (its key and certificate from the state)");
    lines.add("crl url:      " + spec.crlUrl());
    lines.add("past root:    " + (spec.clampToRoot()
        ? "clamp: a notAfter past the root's is cut back to it"
        : "refuse: a notAfter past the root's fails the ceremony"));
    lines.add("state:        " + loaded.stateDirectory());
    for (IssuerRequest issuer : issuers) {
      IssuerSpec spec = issuer.spec();
      lines.add("issuer:       '" + spec.name() + "' spiffe://" + spec.trustDomain() + ", "
          + issuer.csr().keyDescription() + " key from '" + issuer.csrFile() + "', subject "
          + issuer.subject() + ", " + (spec.validity().notBefore() == null ? "signing time"
          : spec.validity().notBefore()) + " to " + spec.validity().notAfter() + ", path length "
          + (spec.pathLength() == null ? "absent" : spec.pathLength()) + ", ca-ttl "
          + spec.caTtl());
    }
    return lines;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void run(CeremonyContext context) throws CeremonyException {
    new IntermediateCeremony(loaded, spec, issuers, context).run();
  }
}
