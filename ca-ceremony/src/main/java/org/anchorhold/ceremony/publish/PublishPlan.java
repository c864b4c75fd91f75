package org.anchorhold.ceremony.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.PublicationSpec;
import org.anchorhold.ceremony.config.PublishCeremonyFile;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.run.CeremonyContext;
import org.anchorhold.ceremony.run.CeremonyException;
import org.anchorhold.ceremony.run.LoadedCeremony;
import org.anchorhold.ceremony.run.Plan;
import org.anchorhold.ceremony.run.PlanText;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;

/**
 * A publish ceremony that passed every check needing no HSM: the state directory exists and the
 * publications directory exists or its parent does.
 */
public final class PublishPlan implements Plan {
  private final LoadedCeremony loaded;
  private final PublishCeremonyFile spec;
  private final Path directory;
  private final List<String> warnings;

  private PublishPlan(LoadedCeremony loaded, PublishCeremonyFile spec, Path directory,
      List<String> warnings) {
    this.loaded = loaded;
    this.spec = spec;
    this.directory = directory;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Checks the directories and returns the plan; throws every problem of the file, or else the
   * state directory's.
   */
  public static PublishPlan of(LoadedCeremony loaded) throws ConfigException, StateException {
    PublishCeremonyFile spec = (PublishCeremonyFile) loaded.spec();
    Path directory = Publisher.directory(loaded, spec.publication());
    List<String> problems = directoryProblems("publication.directory", directory);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    if (!Files.isDirectory(loaded.stateDirectory())) {
      throw new StateException("state '" + loaded.stateDirectory() + "' is not a directory; a "
          + "root ceremony creates it");
    }
    List<String> warnings = new ArrayList<>();
    spec.publication().warning("publication").ifPresent(warnings::add);
    PlanText.officerWarning(spec.officers()).ifPresent(warnings::add);
    return new PublishPlan(loaded, spec, directory, warnings);
  }

  /** The problems of a publications directory: it must be one, or its parent must exist. */
  /**
   * The problems and warnings of a ceremony file's optional {@code publication:} section, for
   * the plans of ceremonies that publish at their end; throws on a problem.
   */
  public static List<String> publicationWarnings(LoadedCeremony loaded, PublicationSpec spec)
      throws ConfigException {
    if (spec == null) {
      return List.of();
    }
    List<String> problems = directoryProblems("publication.directory",
        Publisher.directory(loaded, spec));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return spec.warning("publication").stream().toList();
  }

  public static List<String> directoryProblems(String key, Path directory) {
    if (Files.isDirectory(directory)) {
      return List.of();
    }
    if (Files.exists(directory)) {
      return List.of(key + " '" + directory + "' is not a directory");
    }
    Path parent = directory.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return List.of(key + " '" + directory + "' does not exist and neither does its parent");
    }
    return List.of();
  }

  @Override
  public String type() {
    return "publish";
  }

  @Override
  public List<String> describe() {
    PublicationSpec publication = spec.publication();
    List<String> lines = PlanText.header(spec);
    lines.add("hsm:          token '" + loaded.hsm().tokenLabel() + "' via '"
        + loaded.hsm().module() + "'");
    lines.add("publication:  a new sequence under " + directory + ", refresh hint "
        + publication.refreshHint() + " s, signed by the newest live root's publication key");
    lines.add("state:        " + loaded.stateDirectory());
    return lines;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public void run(CeremonyContext context) throws CeremonyException {
    try (StateDirectory state = StateDirectory.open(loaded.stateDirectory())) {
      context.transcript().step(state.openedLine());
      state.warnings().forEach(context.transcript()::warning);
      Publisher.checkNextNameFree(spec.publication(), loaded, state.state());
      context.witness().confirm("Sign a new publication under " + directory + " with the "
          + "publication key on token '" + loaded.hsm().tokenLabel() + "'?");
      try (HsmSession hsm = HsmSession.open(loaded.hsm())) {
        context.transcript().step(hsm.openedLine());
        Publisher.publish(spec.publication(), loaded, hsm, state, context);
      }
    } catch (HsmException | StateException e) {
      throw new CeremonyException(e.getMessage(), e);
    }
  }
}
