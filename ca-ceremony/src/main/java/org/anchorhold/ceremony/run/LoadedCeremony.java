package org.anchorhold.ceremony.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anchorhold.ceremony.config.CeremonyFile;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.HsmProfileFile;
import org.anchorhold.ceremony.config.StrictYaml;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmProfile;
import org.anchorhold.ceremony.hsm.PinFiles;
import org.anchorhold.ceremony.hsm.PinSource;
import org.anchorhold.ceremony.state.IoReasons;

/**
 * A ceremony file read strictly, with the HSM profile it names and its paths resolved against the
 * file's directory; the bytes of both files are kept for the audit log.
 */
public record LoadedCeremony(
    Path file,
    byte[] fileBytes,
    CeremonyFile spec,
    Path hsmProfileFile,
    byte[] hsmProfileBytes,
    HsmProfile hsm,
    Path stateDirectory) {

  /** Reads and checks a ceremony file and its HSM profile; touches no HSM and no state. */
  public static LoadedCeremony load(Path file) throws ConfigException {
    CeremonyFile spec = StrictYaml.read(file, CeremonyFile.class);
    Path base = file.toAbsolutePath().getParent();
    Path profileFile = base.resolve(spec.hsm()).normalize();
    HsmProfileFile profile;
    try {
      profile = StrictYaml.read(profileFile, HsmProfileFile.class);
    } catch (ConfigException e) {
      throw new ConfigException("hsm profile " + e.getMessage());
    }
    HsmProfile hsm = profile.resolve(profileFile.getParent());
    if (hsm.pin() instanceof PinSource.FilePin pinFile) {
      checkPinFile(profileFile, pinFile.file());
    }
    if (hsm.pin() instanceof PinSource.EnvironmentPin variable) {
      checkPinVariable(profileFile, variable);
    }
    try {
      return new LoadedCeremony(file, Files.readAllBytes(file), spec, profileFile,
          Files.readAllBytes(profileFile), hsm, base.resolve(spec.state()).normalize());
    } catch (IOException e) {
      throw new ConfigException("cannot read '" + file + "': " + IoReasons.describe(e));
    }
  }

  /** Warnings about the HSM profile an officer should weigh, such as a shared PIN file. */
  public List<String> warnings() {
    return hsm.pin().warning().stream().toList();
  }

  /** As {@link #checkPinFile}, for a PIN read from an environment variable. */
  private static void checkPinVariable(Path profileFile, PinSource.EnvironmentPin variable)
      throws ConfigException {
    try {
      PinFiles.checkVariable(variable.variable());
    } catch (HsmException e) {
      throw new ConfigException("hsm profile '" + profileFile + "': " + e.getMessage());
    }
  }

  /** A PIN file that could not be a PIN would cost a login attempt: refuse it at validation. */
  private static void checkPinFile(Path profileFile, Path pinFile) throws ConfigException {
    try {
      PinFiles.check(pinFile);
    } catch (HsmException e) {
      throw new ConfigException("hsm profile '" + profileFile + "': " + e.getMessage());
    }
  }
}
