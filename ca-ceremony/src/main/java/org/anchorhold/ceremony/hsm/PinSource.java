package org.anchorhold.ceremony.hsm;

import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the user PIN of a token comes from. A PIN is held in a {@code char[]} that the caller
 * wipes, and never appears in a message, a log or an output.
 */
public sealed interface PinSource {

  /** Reads the PIN; the caller must wipe the returned array. */
  char[] read(String tokenLabel) throws HsmException;

  /** A warning about where the PIN is kept, such as a PIN file others can read. */
  default Optional<String> warning() {
    return Optional.empty();
  }

  /** The PIN is typed on the console without echo. */
  record ConsolePin() implements PinSource {
    @Override
    public char[] read(String tokenLabel) throws HsmException {
      Console console = System.console();
      if (console == null) {
        throw new HsmException("no console to read the PIN of token '" + tokenLabel
            + "' from; name a pin file or environment variable in the HSM profile");
      }
      char[] pin = console.readPassword("PIN for token '%s': ", tokenLabel);
      if (pin == null || pin.length == 0) {
        throw new HsmException("no PIN was entered for token '" + tokenLabel + "'");
      }
      return pin;
    }
  }

  /** The PIN is the one line of a file (see {@link PinFiles}); for unattended tests. */
  record FilePin(Path file) implements PinSource {
    @Override
    public char[] read(String tokenLabel) throws HsmException {
      return PinFiles.read(file);
    }

    @Override
    public Optional<String> warning() {
      return PinFiles.permissionWarning(file);
    }
  }

  /** The PIN is the value of an environment variable, one line; for unattended tests. */
  record EnvironmentPin(String variable) implements PinSource {
    @Override
    public char[] read(String tokenLabel) throws HsmException {
      return PinFiles.fromVariable(variable, System.getenv(variable));
    }
  }
}
