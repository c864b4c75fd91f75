package org.anchorhold.ceremony.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every file the index records is still the file it recorded: each root certificate
 * and publication certificate, each issued intermediate and each CRL is a regular file inside the
 * state, reached through no symbolic link, whose content has the SHA-256 the index holds. A file
 * swapped for another, changed by a byte or deleted is found here, before anything relies on it.
 */
public final class RecordedFiles {
  /** How many problems {@link #warnings} names before it counts the rest. */
  private static final int NAMED = 5;

  /** What a warning tells the officer to do. */
  private static final String RESTORE = "; the file or the index was changed: restore the state "
      + "from its backup";

  private RecordedFiles() {}

  /** How a file holds the DER object whose SHA-256 the index records. */
  public enum Encoding {
    /** The DER bytes themselves, as CRL files are stored. */
    DER,
    /** One certificate in PEM exactly as the state writes it, and nothing else. */
    PEM_CERTIFICATE
  }

  /**
   * A recorded file that is not as the index recorded it.
   *
   * @param path the file, resolved against the state directory
   * @param what the record naming it, such as {@code CRL 2 of root 'root-2026'}
   * @param problem what is wrong, such as {@code is missing}
   */
  public record Problem(Path path, String what, String problem) {
    /** {@code '<path>' (<what>) <problem>}, for a message. */
    public String describe() {
      return "'" + path + "' (" + what + ") " + problem;
    }
  }

  /** Every recorded file that is missing or changed, in the order of the index. */
  public static List<Problem> check(Path directory, State state) {
    List<Problem> problems = new ArrayList<>();
    for (RootRecord root : state.roots()) {
      String name = "root '" + root.name() + "'";
      check(directory, root.certificate(), root.sha256(), Encoding.PEM_CERTIFICATE, name)
          .ifPresent(problems::add);
      if (root.publicationCertificate() != null) {
        check(directory, root.publicationCertificate(), root.publicationSha256(),
            Encoding.PEM_CERTIFICATE, "publication certificate of " + name)
            .ifPresent(problems::add);
      }
    }
    for (IssuedRecord issued : state.issued()) {
      check(directory, issued.certificate(), issued.sha256(), Encoding.PEM_CERTIFICATE,
          "intermediate " + issued.serial() + " of issuer '" + issued.issuer() + "'")
          .ifPresent(problems::add);
    }
    for (CrlRecord crl : state.crls()) {
      check(directory, crl.file(), crl.sha256(), Encoding.DER,
          "CRL " + crl.number() + " of root '" + crl.root() + "'").ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * Status warnings for the problems: one per file for the first few, then one counting the
   * rest. Empty when every recorded file is as recorded.
   */
  public static List<String> warnings(Path directory, State state) {
    List<Problem> problems = check(directory, state);
    List<String> warnings = new ArrayList<>();
    for (Problem problem : problems.subList(0, Math.min(NAMED, problems.size()))) {
      warnings.add(problem.describe() + RESTORE);
    }
    if (problems.size() > NAMED) {
      warnings.add((problems.size() - NAMED) + " more file(s) the index of state '" + directory
          + "' records are missing or changed; restore the state from its backup");
    }
    return warnings;
  }

  /**
   * Checks one recorded file, named {@code file} relative to the state: empty when it is a
   * regular file inside the state, reached through no symbolic link, holding the object with
   * SHA-256 {@code sha256} in the given encoding.
   */
  public static Optional<Problem> check(Path directory, String file, String sha256,
      Encoding encoding, String what) {
    if (file == null) {
      return Optional.of(new Problem(directory, what, "names no file in the index"));
    }
    Path relative;
    try {
      relative = Path.of(file).normalize();
    } catch (InvalidPathException e) {
      return Optional.of(new Problem(directory.resolve(file.replace('\0', '?')), what,
          "is not a valid path"));
    }
    Path path = directory.resolve(relative).normalize();
    if (relative.isAbsolute() || relative.startsWith("..") || file.isEmpty()) {
      return Optional.of(new Problem(path, what, "is outside the state"));
    }
    Optional<String> reached = reached(directory, relative);
    if (reached.isPresent()) {
      return Optional.of(new Problem(path, what, reached.get()));
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      return Optional.of(new Problem(path, what, "cannot be read: " + IoReasons.reason(e)));
    }
    byte[] der = encoding == Encoding.DER ? bytes : certificatePem(bytes);
    if (der == null || sha256 == null || !sha256Hex(der).equalsIgnoreCase(sha256)) {
      return Optional.of(new Problem(path, what, "does not match its recorded SHA-256"));
    }
    return Optional.empty();
  }

  /** Why the file cannot be read as a file of the state, or empty if it can. */
  private static Optional<String> reached(Path directory, Path relative) {
    Path path = directory;
    for (int i = 0; i < relative.getNameCount(); i++) {
      path = path.resolve(relative.getName(i));
      boolean last = i == relative.getNameCount() - 1;
      if (Files.isSymbolicLink(path)) {
        return Optional.of(last ? "is a symbolic link; the state never reads through one"
            : "is reached through the symbolic link '" + path + "'; the state never reads "
            + "through one");
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("is missing");
      }
      if (last && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("is not a regular file");
      }
    }
    return Optional.empty();
  }

  /**
   * The DER of a file holding exactly one certificate in PEM as the state writes it (base64 in
   * lines of 64, each line ended by the platform's separator), or null for anything else: a
   * byte added, removed or changed anywhere makes the file another file.
   */
  static byte[] certificatePem(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String newline = System.lineSeparator();
    String begin = "-----BEGIN CERTIFICATE-----" + newline;
    String end = "-----END CERTIFICATE-----" + newline;
    if (text.length() < begin.length() + end.length() || !text.startsWith(begin)
        || !text.endsWith(end)) {
      return null;
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin.length(),
          text.length() - end.length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
    String body = Base64.getMimeEncoder(64, newline.getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    String canonical = begin + body + (body.isEmpty() ? "" : newline) + end;
    return canonical.equals(text) ? der : null;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
