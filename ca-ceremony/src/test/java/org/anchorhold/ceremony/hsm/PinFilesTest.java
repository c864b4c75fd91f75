package org.anchorhold.ceremony.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a PIN file or variable must be before its PIN is offered to a token: each refusal saves
 * a login attempt, and no message holds the PIN or a part of it.
 */
class PinFilesTest {
  private static final String PIN = "52841739";

  @TempDir
  Path directory;

  private Path pinFile(byte[] content) throws Exception {
    Path file = directory.resolve("pin");
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("no line end", PIN),
        Arguments.of("LF", PIN + "\n"),
        Arguments.of("CRLF", PIN + "\r\n"),
        Arguments.of("CR", PIN + "\r"),
        Arguments.of("256 bytes with LF", "7".repeat(255) + "\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void oneLine_isReadLessItsLineEnd(String rule, String content) throws Exception {
    char[] pin = PinFiles.read(pinFile(utf8(content)));

    assertThat(new String(pin)).isEqualTo(content.strip());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("two lines", utf8(PIN + "\n" + PIN + "\n"),
            "has more than one line; it must hold only the PIN, on one line"),
        Arguments.of("a blank second line", utf8(PIN + "\n\n"),
            "has more than one line; it must hold only the PIN, on one line"),
        Arguments.of("a line end first", utf8("\n" + PIN),
            "has more than one line; it must hold only the PIN, on one line"),
        Arguments.of("a CR inside", utf8(PIN + "\r" + PIN),
            "has more than one line; it must hold only the PIN, on one line"),
        Arguments.of("5 MB", utf8(PIN.repeat(5 * 1024 * 1024 / PIN.length())),
            "is larger than 256 bytes; it must hold only the PIN, on one line"),
        Arguments.of("257 bytes", utf8("7".repeat(257)),
            "is larger than 256 bytes; it must hold only the PIN, on one line"),
        Arguments.of("empty", new byte[0], "is empty"),
        Arguments.of("a line end alone", utf8("\n"), "is empty"),
        Arguments.of("CRLF alone", utf8("\r\n"), "is empty"),
        Arguments.of("Latin-1", "5284173\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
            "is not UTF-8 text"),
        Arguments.of("a NUL", utf8("5284\u00001739\n"), "holds a control, invisible or "
            + "undecodable character (character 5); it must hold only the PIN, on one line"),
        Arguments.of("a tab", utf8(PIN + "\t\n"), "holds a control, invisible or "
            + "undecodable character (character 9); it must hold only the PIN, on one line"),
        Arguments.of("a byte-order mark", utf8("\uFEFF" + PIN + "\n"), "holds a control, "
            + "invisible or undecodable character (character 1); it must hold only the PIN, on "
            + "one line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void fileThatCannotHoldAPin_isRefusedNamingTheRuleAndNeverThePin(String rule,
      byte[] content, String message) throws Exception {
    Path file = pinFile(content);

    assertThatThrownBy(() -> PinFiles.read(file)).as(rule)
        .isInstanceOf(HsmException.class)
        .hasMessage("pin.file '" + file + "' " + message)
        .hasNoCause()
        .message().doesNotContain(PIN).doesNotContain("5284");
  }

  @Test
  void directory_isRefusedAsNotAFile() throws Exception {
    Path file = Files.createDirectory(directory.resolve("pin"));

    assertThatThrownBy(() -> PinFiles.read(file))
        .hasMessage("pin.file '" + file + "' is not a file");
  }

  @Test
  void missingFile_isRefused() {
    Path file = directory.resolve("absent");

    assertThatThrownBy(() -> PinFiles.read(file))
        .hasMessage("pin.file '" + file + "' does not exist");
  }

  @Test
  void filePinSource_appliesTheSameRules() throws Exception {
    Path file = pinFile(utf8(PIN + "\n" + PIN));

    assertThatThrownBy(() -> new PinSource.FilePin(file).read("root"))
        .hasMessage("pin.file '" + file + "' has more than one line; it must hold only the PIN, "
            + "on one line");
  }

  @Test
  void fileReadableByGroupAndOthers_isAWarningRecommendingChmod600() throws Exception {
    Path file = pinFile(utf8(PIN + "\n"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(new PinSource.FilePin(file).warning()).contains("pin.file '" + file
        + "' can be read or changed by group or others (rw-r--r--); chmod 600 '" + file
        + "' is recommended, and pin: {console: true} for a real ceremony");
    assertThat(new String(PinFiles.read(file))).isEqualTo(PIN);
  }

  @Test
  void fileWritableByGroup_isAWarning() throws Exception {
    Path file = pinFile(utf8(PIN + "\n"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

    assertThat(PinFiles.permissionWarning(file)).isPresent();
  }

  @Test
  void fileForItsOwnerAlone_hasNoWarning() throws Exception {
    Path file = pinFile(utf8(PIN + "\n"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

    assertThat(PinFiles.permissionWarning(file)).isEmpty();
  }

  static Stream<Arguments> refusedVariables() {
    return Stream.of(
        Arguments.of("unset", null, "is not set or empty"),
        Arguments.of("empty", "", "is not set or empty"),
        Arguments.of("two lines", PIN + "\n" + PIN,
            "has more than one line; it must hold only the PIN, on one line"),
        Arguments.of("a line end alone", "\n", "is empty"),
        Arguments.of("257 characters", "7".repeat(257),
            "is longer than 256 characters; it must hold only the PIN, on one line"),
        Arguments.of("bytes the JVM could not decode", "5284\uFFFD1739", "holds a control, "
            + "invisible or undecodable character (character 5); it must hold only the PIN, on "
            + "one line"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedVariables")
  void variableThatCannotHoldAPin_isRefusedNamingTheVariable(String rule, String value,
      String message) {
    assertThatThrownBy(() -> PinFiles.fromVariable("ANCHORHOLD_PIN", value)).as(rule)
        .hasMessage("pin.env 'ANCHORHOLD_PIN' " + message);
  }

  @Test
  void variableWithOneLineEnd_isReadLessIt() throws Exception {
    assertThat(new String(PinFiles.fromVariable("ANCHORHOLD_PIN", PIN + "\n"))).isEqualTo(PIN);
  }
}
