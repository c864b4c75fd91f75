package org.anchorhold.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.anchorhold.tests.support.Ceremony;
import org.anchorhold.tests.support.Command;
import org.anchorhold.tests.support.Repo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ceremony's class-data sharing archive: made by the first successful {@code run} only,
 * installed whole, then used by later commands without a word on their output. Each test runs a
 * copy of the launcher in a repository layout of its own, so the real archive is never touched.
 */
class CeremonyLauncherIT {
  @TempDir Path temp;
  private Path launcher;
  private Path target;
  private Ceremony ceremony;

  @BeforeEach
  void copyLauncher() throws IOException {
    Path repo = temp.resolve("repo");
    launcher = repo.resolve("bin/ceremony");
    target = repo.resolve("ca-ceremony/target");
    Files.createDirectories(launcher.getParent());
    Files.createDirectories(target);
    Files.copy(Repo.file("bin/ceremony"), launcher);
    Files.copy(Repo.file("ca-ceremony/target/ceremony.jar"), target.resolve("ceremony.jar"));
    ceremony = Ceremony.workspace(Files.createDirectories(temp.resolve("workspace")));
    ceremony.rootCeremony("ceremonies/root.yaml", "root-key", "test-root",
        "2040-01-01T00:00:00Z");
  }

  @Test
  void firstSuccessfulRunLeavesOneCompleteArchiveThatLaterCommandsUseSilently() {
    Command.Result first = launch("run", "--yes", "ceremonies/root.yaml");
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(targetFiles()).filteredOn(name -> name.endsWith(".jsa")).hasSize(1);
    assertThat(targetFiles()).noneMatch(name -> name.contains(".partial-"));

    Command.Result status = launch("status", "state");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.stdout()).startsWith("status at ");
    assertThat(status.output()).doesNotContainIgnoringCase("shared archive")
        .doesNotContainIgnoringCase("cds");
  }

  @Test
  void failedRunLeavesNoArchive() {
    ceremony.write("ceremonies/broken.yaml", "ceremony: root\nkey: [\n");

    Command.Result result = launch("run", "--yes", "ceremonies/broken.yaml");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(targetFiles()).containsExactly("ceremony.jar");
  }

  @Test
  void commandsOtherThanRunMakeNoArchive() {
    Command.Result result = launch("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(targetFiles()).containsExactly("ceremony.jar");
  }

  private Command.Result launch(String... arguments) {
    String[] argv = Stream.concat(Stream.of(launcher.toString()), Stream.of(arguments))
        .toArray(String[]::new);
    return Command.of(argv).in(ceremony.dir()).env(ceremony.hsm().environment())
        .env("ANCHORHOLD_JAVA_OPTS", "").run();
  }

  private List<String> targetFiles() {
    try (Stream<Path> files = Files.list(target)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
