package org.anchorhold.ceremony.config;

import java.nio.file.Path;
import org.anchorhold.ceremony.hsm.HsmProfile;
import org.anchorhold.ceremony.hsm.PinSource;

/**
 * The HSM profile file: which PKCS#11 module, which token (by label) and where the PIN comes
 * from. Ceremony files name it, so they stay free of anything site- or secret-specific.
 *
 * <pre>
 * module: /usr/lib/softhsm/libsofthsm2.so
 * token-label: anchorhold-root
 * pin:
 *   file: pin        # or env: VARIABLE, or console: true (the default)
 * </pre>
 */
public record HsmProfileFile(String module, String tokenLabel, PinSpec pin) {

  public HsmProfileFile {
    CeremonyFile.checkPath("module", module);
    if (!Path.of(module).isAbsolute()) {
      throw new ConfigProblem("module", "must be an absolute path to the PKCS#11 library");
    }
    ConfigProblem.required("token-label", tokenLabel);
    if (tokenLabel.isEmpty() || tokenLabel.length() > 32) {
      throw new ConfigProblem("token-label", "must be 1 to 32 characters (PKCS#11 §3.2)");
    }
    PrintableText.check("token-label", tokenLabel);
    pin = pin == null ? new PinSpec(true, null, null) : pin;
  }

  /** Where the PIN comes from; exactly one of the three. */
  public record PinSpec(Boolean console, String file, String env) {
    public PinSpec {
      int sources = (Boolean.TRUE.equals(console) ? 1 : 0) + (file != null ? 1 : 0)
          + (env != null ? 1 : 0);
      if (Boolean.FALSE.equals(console) || sources != 1) {
        throw new ConfigProblem("", "must name exactly one of console: true, file, env");
      }
      if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
        throw new ConfigProblem("env", "must be an environment variable name");
      }
      if (file != null) {
        CeremonyFile.checkPath("file", file);
      }
    }
  }

  /** The typed profile, with the PIN file resolved against the profile's directory. */
  public HsmProfile resolve(Path profileDirectory) {
    PinSource source;
    if (pin.file() != null) {
      source = new PinSource.FilePin(profileDirectory.resolve(pin.file()).normalize());
    } else if (pin.env() != null) {
      source = new PinSource.EnvironmentPin(pin.env());
    } else {
      source = new PinSource.ConsolePin();
    }
    return new HsmProfile(Path.of(module), tokenLabel, source);
  }
}
