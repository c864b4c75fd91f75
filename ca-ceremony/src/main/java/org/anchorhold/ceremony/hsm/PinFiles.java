package org.anchorhold.ceremony.hsm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.anchorhold.ceremony.state.IoReasons;

/**
 * The rules a PIN from a file or an environment variable meets before it is offered to a token:
 * every wrong PIN uses up one of the token's few login attempts (PKCS#11 CKF_USER_PIN_FINAL_TRY,
 * CKF_USER_PIN_LOCKED), so text that cannot be a PIN is refused before any login.
 * Messages name the file or variable and the rule, never the PIN or any part of it.
 */
public final class PinFiles {
  /** PKCS#11 PINs are short (tokens accept some dozens of characters); a file is at most this. */
  public static final int MAX_BYTES = 256;

  private static final String ONE_LINE = "; it must hold only the PIN, on one line";

  private static final Set<PosixFilePermission> SHARED = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private PinFiles() {}

  /** Checks that a PIN file meets every rule, reading it and wiping what it read. */
  public static void check(Path file) throws HsmException {
    Arrays.fill(read(file), '\0');
  }

  /**
   * Reads the PIN of a file: one line of UTF-8 text, at most {@link #MAX_BYTES} bytes, less one
   * trailing line end (LF, CRLF or CR). The caller must wipe the returned array.
   */
  public static char[] read(Path file) throws HsmException {
    String source = "pin.file '" + file + "'";
    byte[] bytes = bytes(file, source);
    try {
      if (bytes.length > MAX_BYTES) {
        throw new HsmException(source + " is larger than " + MAX_BYTES + " bytes" + ONE_LINE);
      }
      return oneLine(decode(bytes, source), source);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Checks the PIN an environment variable holds as {@link #check} checks a file's. */
  public static void checkVariable(String variable) throws HsmException {
    Arrays.fill(fromVariable(variable, System.getenv(variable)), '\0');
  }

  /** Checks a PIN from an environment variable as a file's; the caller wipes the result. */
  static char[] fromVariable(String variable, String value) throws HsmException {
    String source = "pin.env '" + variable + "'";
    if (value == null || value.isEmpty()) {
      throw new HsmException(source + " is not set or empty");
    }
    if (value.length() > MAX_BYTES) {
      throw new HsmException(source + " is longer than " + MAX_BYTES + " characters"
          + ONE_LINE);
    }
    return oneLine(value.toCharArray(), source);
  }

  /**
   * The warning for a PIN file that group or others may read or change; rehearsals may share
   * one, so it is not refused. Empty where POSIX permissions are unknown.
   */
  public static Optional<String> permissionWarning(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    if (permissions.stream().noneMatch(SHARED::contains)) {
      return Optional.empty();
    }
    return Optional.of("pin.file '" + file + "' can be read or changed by group or others ("
        + PosixFilePermissions.toString(permissions) + "); chmod 600 '" + file
        + "' is recommended, and pin: {console: true} for a real ceremony");
  }

  private static byte[] bytes(Path file, String source) throws HsmException {
    if (!Files.exists(file)) {
      throw new HsmException(source + " does not exist");
    }
    // Not a FIFO or device either: reading one could block or never end.
    if (!Files.isRegularFile(file)) {
      throw new HsmException(source + " is not a file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(MAX_BYTES + 1);
    } catch (AccessDeniedException e) {
      throw new HsmException(source + " cannot be read: permission denied");
    } catch (IOException e) {
      throw new HsmException(source + " cannot be read: " + IoReasons.describe(e));
    }
  }

  private static char[] decode(byte[] bytes, String source) throws HsmException {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      char[] text = new char[chars.remaining()];
      chars.get(text);
      Arrays.fill(chars.array(), '\0');
      return text;
    } catch (CharacterCodingException e) {
      throw new HsmException(source + " is not UTF-8 text");
    }
  }

  /** The text less one trailing LF, CRLF or CR, if it is one non-empty line; wipes the text. */
  private static char[] oneLine(char[] text, String source) throws HsmException {
    try {
      int length = text.length;
      if (length > 0 && text[length - 1] == '\n') {
        length--;
      }
      if (length > 0 && text[length - 1] == '\r') {
        length--;
      }
      for (int i = 0; i < length; i++) {
        if (text[i] == '\n' || text[i] == '\r') {
          throw new HsmException(source + " has more than one line" + ONE_LINE);
        }
      }
      for (int i = 0; i < length; i++) {
        // A tab, NUL, byte-order mark or undecodable byte is never part of a PIN anyone typed:
        // sending it would only cost one of the token's PIN attempts. Only the position is named.
        if (Character.isISOControl(text[i]) || Character.getType(text[i]) == Character.FORMAT
            || text[i] == '\uFFFD') {
          throw new HsmException(source + " holds a control, invisible or undecodable character "
              + "(character " + (i + 1) + ")" + ONE_LINE);
        }
      }
      if (length == 0) {
        throw new HsmException(source + " is empty");
      }
      return Arrays.copyOf(text, length);
    } finally {
      Arrays.fill(text, '\0');
    }
  }
}
