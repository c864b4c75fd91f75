package org.anchorhold.ceremony.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.anchorhold.ceremony.config.ConfigException;
import org.anchorhold.ceremony.config.HsmProfileFile;
import org.anchorhold.ceremony.config.StrictYaml;
import java.security.cert.X509Certificate;
import org.anchorhold.ceremony.cert.PemFiles;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.hsm.HsmProfile;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAttributePolicy;
import org.anchorhold.ceremony.hsm.PinFiles;
import org.anchorhold.ceremony.hsm.PinSource;
import org.anchorhold.ceremony.hsm.TokenObject;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Constants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ceremony hsm check PROFILE}: what a security officer checks before a ceremony. */
@Command(name = "hsm", description = "Inspect the HSM.", subcommands = HsmCommand.Check.class)
final class HsmCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: check");
  }

  /** Finds the token by label, logs in, lists mechanisms and every object with its attributes. */
  @Command(name = "check", description = "Find the token, log in, list mechanisms and keys.")
  static final class Check implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROFILE", description = "the HSM profile file")
    private Path profileFile;

    @Option(names = "--key", paramLabel = "LABEL",
        description = "also find this CA key with its certificate and prove they match")
    private String keyLabel;

    @Option(names = "--certificate", paramLabel = "PEM",
        description = "with --key: prove the key matches this certificate instead (F04)")
    private Path certificateFile;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      HsmProfile profile;
      try {
        profile = StrictYaml.read(profileFile, HsmProfileFile.class)
            .resolve(profileFile.toAbsolutePath().getParent());
      } catch (ConfigException e) {
        err.println("invalid hsm profile: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      if (certificateFile != null && keyLabel == null) {
        err.println("invalid command line: --certificate needs --key");
        return ExitCodes.USAGE;
      }
      if (profile.pin() instanceof PinSource.FilePin pin) {
        try {
          PinFiles.check(pin.file());
        } catch (HsmException e) {
          err.println("invalid hsm profile: '" + profileFile + "': " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      profile.pin().warning().ifPresent(w -> err.println("warning: " + w));
      try (HsmSession hsm = HsmSession.open(profile)) {
        report(out, hsm);
        if (keyLabel != null) {
          checkKey(out, hsm);
        }
        return ExitCodes.OK;
      } catch (HsmException e) {
        err.println("hsm check failed: " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }

    private void checkKey(PrintWriter out, HsmSession hsm) throws HsmException {
      HsmKey key = hsm.findKey(keyLabel);
      X509Certificate certificate = certificateFile == null
          ? key.certificate() : PemFiles.certificate(certificateFile);
      KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey()).orElseThrow(() ->
          new HsmException("the certificate of key '" + keyLabel + "' has no CA key type"));
      hsm.requireMatches(key, certificate, algorithm);
      out.println("key:        '" + keyLabel + "' (ID " + key.idHex() + ") found with its "
          + "certificate; a signature by the HSM key verifies with "
          + (certificateFile == null ? "the certificate stored beside it" : "'"
          + certificateFile + "'"));
    }

    private static void report(PrintWriter out, HsmSession hsm) throws HsmException {
      out.println("module:     " + hsm.profile().module());
      out.println("token:      '" + hsm.token().label() + "' in slot " + hsm.token().slotId()
          + " (" + hsm.token().manufacturer() + " " + hsm.token().model() + ", serial "
          + hsm.token().serial() + ")");
      out.println("login:      ok (one attempt)");
      List<Long> mechanisms = hsm.mechanisms();
      out.println("signing and key generation mechanisms:");
      for (long mechanism : mechanisms) {
        if (Pkcs11Constants.MECHANISMS.containsKey(mechanism)) {
          out.println("  " + Pkcs11Constants.mechanismName(mechanism));
        }
      }
      out.println("(" + mechanisms.size() + " mechanisms offered in all)");
      List<TokenObject> objects = hsm.objects();
      out.println("objects:    " + objects.size());
      for (TokenObject object : objects) {
        out.println("  " + object.objectClass() + " '" + object.label() + "' id "
            + object.idHex() + (object.keyType().isEmpty() ? "" : " " + object.keyType()));
        if (!object.flags().isEmpty()) {
          out.println("    " + object.flags().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" ")));
          out.println("    policy: " + verdict(object.flags()));
        }
      }
    }

    private static String verdict(Map<String, Boolean> flags) {
      List<String> wrong = KeyAttributePolicy.REQUIRED.entrySet().stream()
          .filter(e -> !e.getValue().equals(flags.get(e.getKey())))
          .map(e -> e.getKey() + " must be " + e.getValue())
          .toList();
      return wrong.isEmpty() ? "meets the CA key policy" : "BREAKS the CA key policy: "
          + String.join(", ", wrong);
    }
  }
}
