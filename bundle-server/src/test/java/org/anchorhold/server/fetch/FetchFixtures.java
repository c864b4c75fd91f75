package org.anchorhold.server.fetch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.ManifestFile;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSigner;
import picocli.CommandLine;

/** Helpers of the fetch tests: run the command, lay out and re-sign crafted publications. */
final class FetchFixtures {
  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {}

  private FetchFixtures() {}

  /** Runs {@code fetch} with a fixed clock. */
  static Result fetch(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new FetchCommand(clock));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int exit = line.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Writes a publication's files as they are, crafted or not, into a directory. */
  static Path writeTree(Path dir, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    return dir;
  }

  /**
   * The files with a manifest re-listed from their current content (same sequence, issued and
   * expiry) and signed by {@code signer}: a publication that differs only where a test says.
   */
  static Map<String, byte[]> resign(Map<String, byte[]> files, PublicationSigner signer)
      throws PublicationException {
    Map<String, byte[]> copy = new TreeMap<>(files);
    Manifest old = Manifest.parse(copy.get(PublicationLayout.MANIFEST));
    copy.remove(PublicationLayout.MANIFEST);
    copy.remove(PublicationLayout.SIGNATURE);
    List<ManifestFile> entries = new ArrayList<>();
    copy.forEach((path, content) -> entries.add(ManifestFile.of(path, content)));
    byte[] json = new Manifest(old.sequence(), old.issued(), old.expires(), entries).toJson();
    copy.put(PublicationLayout.MANIFEST, json);
    copy.put(PublicationLayout.SIGNATURE,
        signer.sign(json).getBytes(StandardCharsets.US_ASCII));
    return copy;
  }
}
