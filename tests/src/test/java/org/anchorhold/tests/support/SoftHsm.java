package org.anchorhold.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A SoftHSM2 token directory made with the project's own script, and the environment that points
 * the PKCS#11 module at it.
 */
public final class SoftHsm {
  /** The module Debian's softhsm2 package installs. */
  public static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";

  private final Path directory;

  private SoftHsm(Path directory) {
    this.directory = directory;
  }

  /** A token directory under {@code parent}/hsm; no token yet. */
  public static SoftHsm in(Path parent) {
    if (!Files.isRegularFile(Path.of(MODULE))) {
      throw new AssertionError(MODULE + " is missing: apt-get install -y softhsm2 opensc");
    }
    return new SoftHsm(parent.resolve("hsm"));
  }

  /** Creates a token with this label whose user PIN is the content of {@code pinFile}. */
  public SoftHsm token(String label, Path pinFile) {
    Command.of(Repo.file("hsm-config/softhsm-token.sh").toString(), directory.toString(), label,
        pinFile.toString()).ok();
    return this;
  }

  /**
   * Initialises the free slot as a second token with a label that is already taken, which
   * SoftHSM2 allows (field case F01); the project's script refuses to do this on purpose.
   */
  public SoftHsm duplicateToken(String label, Path pinFile) {
    String slots = Command.of("pkcs11-tool", "--module", MODULE, "-L").env(environment()).ok()
        .stdout();
    java.util.regex.Matcher free = java.util.regex.Pattern
        .compile("Slot \\d+ \\((0x[0-9a-f]+)\\): [^\\n]*\\n  token state:   uninitialized")
        .matcher(slots);
    if (!free.find()) {
      throw new AssertionError("no free SoftHSM2 slot in:\n" + slots);
    }
    long slot = Long.decode(free.group(1));
    pkcs11Tool(pinFile, "--slot", Long.toString(slot), "--init-token", "--label", label,
        "--so-pin", "env:ANCHORHOLD_TEST_PIN");
    java.util.Set<String> before = slotIds(slots, label);
    java.util.Set<String> after = slotIds(Command.of("pkcs11-tool", "--module", MODULE, "-L")
        .env(environment()).ok().stdout(), label);
    after.removeAll(before);
    if (after.size() != 1) {
      throw new AssertionError("expected one new slot after initialising, found " + after);
    }
    // SoftHSM2 moves the new token to a new slot number; log in as SO there to set the PIN.
    Command.of("pkcs11-tool", "--module", MODULE, "--slot", after.iterator().next(), "--login",
        "--login-type", "so", "--so-pin", "env:ANCHORHOLD_TEST_PIN", "--init-pin", "--pin",
        "env:ANCHORHOLD_TEST_PIN").env(environment()).env("ANCHORHOLD_TEST_PIN", pin(pinFile))
        .ok();
    return this;
  }

  /** The ids of the slots whose token has this label. */
  private static java.util.Set<String> slotIds(String listing, String label) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.regex.Matcher slot = java.util.regex.Pattern
        .compile("Slot \\d+ \\((0x[0-9a-f]+)\\)[^\\n]*\\n  token label        : "
            + java.util.regex.Pattern.quote(label) + "\\n").matcher(listing);
    while (slot.find()) {
      ids.add(Long.toString(Long.decode(slot.group(1))));
    }
    return ids;
  }

  private static String pin(Path pinFile) {
    try {
      return Files.readString(pinFile).strip();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + pinFile, e);
    }
  }

  /** The SoftHSM2 configuration file. */
  public Path config() {
    return directory.resolve("softhsm2.conf");
  }

  /** The directory holding the tokens. */
  public Path tokens() {
    return directory.resolve("tokens");
  }

  /** SOFTHSM2_CONF for a subprocess. */
  public Map<String, String> environment() {
    return Map.of("SOFTHSM2_CONF", config().toString());
  }

  /** Runs pkcs11-tool on this token directory, reading the PIN from a file via the env. */
  public Command.Result pkcs11Tool(Path pinFile, String... arguments) {
    String pin = pin(pinFile);
    String[] argv = new String[arguments.length + 3];
    argv[0] = "pkcs11-tool";
    argv[1] = "--module";
    argv[2] = MODULE;
    System.arraycopy(arguments, 0, argv, 3, arguments.length);
    return Command.of(argv).env(environment()).env("ANCHORHOLD_TEST_PIN", pin).ok();
  }
}
