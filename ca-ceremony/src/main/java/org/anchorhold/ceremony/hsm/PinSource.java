package org.anchorhold.ceremony.hsm;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.anchorhold.ceremony.state.IoReasons;

/**
 * Where the user PIN of a token comes from. A PIN is held in a {@code char[]} that the caller
 * wipes, and never appears in a message, a log or an output.
 */
public sealed interface PinSource {

  /** Reads the PIN; the caller must wipe the returned array. */
  char[] read(String tokenLabel) throws HsmException;

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

  /** The PIN is the content of a file, less one trailing newline; for unattended tests. */
  record FilePin(Path file) implements PinSource {
    @Override
    public char[] read(String tokenLabel) throws HsmException {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new HsmException("cannot read the PIN file '" + file + "': it does not exist");
      } catch (java.nio.file.AccessDeniedException e) {
        throw new HsmException("cannot read the PIN file '" + file + "': permission denied");
      } catch (IOException e) {
        throw new HsmException("cannot read the PIN file '" + file + "': " + IoReasons.describe(e));
      }
      try {
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\n') {
          length--;
        }
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        if (length == 0) {
          throw new HsmException("the PIN file '" + file + "' is empty");
        }
        return decode(ByteBuffer.wrap(bytes, 0, length), "the PIN file '" + file + "'");
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** The PIN is the value of an environment variable; for unattended tests. */
  record EnvironmentPin(String variable) implements PinSource {
    @Override
    public char[] read(String tokenLabel) throws HsmException {
      String value = System.getenv(variable);
      if (value == null || value.isEmpty()) {
        throw new HsmException("the PIN variable '" + variable + "' is not set or empty");
      }
      return value.toCharArray();
    }
  }

  private static char[] decode(ByteBuffer bytes, String what) throws HsmException {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      char[] pin = new char[chars.remaining()];
      chars.get(pin);
      Arrays.fill(chars.array(), '\0');
      return pin;
    } catch (CharacterCodingException e) {
      throw new HsmException(what + " is not UTF-8 text");
    }
  }
}
