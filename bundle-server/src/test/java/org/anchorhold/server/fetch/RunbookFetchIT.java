package org.anchorhold.server.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.server.fetch.FetchFixtures.Result;
import org.anchorhold.server.interop.ExternalTools;
import org.anchorhold.server.interop.Repo;
import org.junit.jupiter.api.Test;

/**
 * Runs the commands of {@code runbooks/publication.md} as written: every {@code fetch} (over
 * HTTPS from a local server standing in for {@code https://localhost:8443}, or from the
 * directory), and the witness's {@code sha256sum} and {@code openssl} checks.
 */
class RunbookFetchIT {
  private static final String FETCH = "bin/bundle-server fetch ";

  @Test
  void everyCommandOfThePublicationRunbook_succeeds() throws Exception {
    List<String> commands = commands(Files.readAllLines(
        Repo.root().resolve("runbooks/publication.md")));
    List<String> fetches = commands.stream().filter(c -> c.startsWith(FETCH)).toList();
    List<String> shell = commands.stream()
        .filter(c -> c.startsWith("python3 ") || c.startsWith("openssl ")).toList();
    assertThat(fetches).hasSize(4);
    assertThat(shell).hasSize(2);

    Path work = Repo.target("runbook-it/" + UUID.randomUUID());
    Path demo = Files.createDirectories(work.resolve("demo-out"));
    PublicationFixture fixture = new PublicationFixture();
    Files.createDirectories(demo.resolve("publications"));
    Path publication = new PublicationWriter(demo.resolve("publications"))
        .write(fixture.input(4), fixture.signer());
    Files.writeString(demo.resolve("trust-roots.pem"), TestPki.pem(fixture.trustedRoots()));
    Issued tls = TestPki.tlsServer(Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)));
    Files.createDirectories(demo.resolve("tls"));
    Files.writeString(demo.resolve("tls/cert.pem"), TestPki.pem(List.of(tls.cert())));
    Files.createDirectories(demo.resolve("relying-party"));
    Files.createDirectories(demo.resolve("issuers/aws-east"));

    try (TestHttpsServer server = new TestHttpsServer(tls,
        PublicationWriter.render(fixture.input(4), fixture.signer()))) {
      for (String command : fetches) {
        String local = command.substring(FETCH.length())
            .replace("https://localhost:8443", server.url())
            .replace("/tmp/witness", work.resolve("witness").toString())
            .replace("demo-out/", demo + "/");
        Result result = FetchFixtures.fetch(PublicationFixture.clock(), local.split(" +"));
        assertThat(result.exit()).as(command + "\n" + result.err()).isZero();
        assertThat(result.out()).startsWith("fetched publication 4 (");
      }
    }
    assertThat(demo.resolve("relying-party/aws.example.org.json")).exists();
    assertThat(Files.readString(demo.resolve("relying-party/gcp.example.org.pem")))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(demo.resolve("issuers/aws-east/chain.pem")).exists();
    assertThat(demo.resolve("issuers/aws-east/bundle.pem")).exists();

    String bash = ExternalTools.require("bash", "bash");
    ExternalTools.require("openssl", "openssl");
    ExternalTools.require("python3", "python3");
    for (String command : shell) {
      ExternalTools.Run run = ExternalTools.run(List.of(bash, "-o", "pipefail", "-c", command),
          publication, 30);
      assertThat(run.exit()).as(command + "\n" + run.output()).isZero();
    }
  }

  /** The indented command lines of the runbook, with backslash continuations joined. */
  private static List<String> commands(List<String> lines) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      String text = line.strip();
      boolean indented = line.startsWith("    ");
      if (current != null) {
        current.append(' ').append(text.replaceAll("\\\\$", "").strip());
        if (!text.endsWith("\\")) {
          commands.add(current.toString());
          current = null;
        }
      } else if (indented && !text.startsWith("#")) {
        if (text.endsWith("\\")) {
          current = new StringBuilder(text.substring(0, text.length() - 1).strip());
        } else {
          commands.add(text);
        }
      }
    }
    return commands;
  }
}
