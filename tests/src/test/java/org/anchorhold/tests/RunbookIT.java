package org.anchorhold.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.anchorhold.tests.support.Command;
import org.anchorhold.tests.support.Repo;
import org.anchorhold.tests.support.Runbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every runbook's commands, in the order ceremonies happen, in one fresh workspace, so a
 * runbook that no longer matches the tool fails the build. Witness prompts are answered "yes"
 * from standard input; PINs come from the files the runbooks create.
 */
class RunbookIT {
  /** The ceremonies in the order they happen; every runbook must be listed here. */
  static final List<String> ORDER = List.of(
      "root-ceremony.md",
      "intermediate-ceremony.md",
      "revocation-ceremony.md",
      "crl-ceremony.md",
      "publication.md",
      "bundle-server.md");

  @TempDir
  Path workspace;

  @Test
  void everyRunbook_isListedInCeremonyOrder() throws IOException {
    try (Stream<Path> files = Files.list(Repo.file("runbooks"))) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md")).toList();
      assertThat(ORDER).as("RunbookIT.ORDER").containsAll(names);
    }
  }

  @Test
  void runbookCommands_runAsWrittenOnSoftHsm() throws IOException {
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    int runbooks = 0;
    List<String> executed = new java.util.ArrayList<>();
    for (String name : ORDER) {
      Path runbook = Repo.file("runbooks/" + name);
      if (!Files.exists(runbook)) {
        continue;
      }
      runbooks++;
      int block = 0;
      if (!Runbook.steps(Files.readString(runbook)).isEmpty()) {
        executed.add(name);
      }
      for (Runbook.Step step : Runbook.steps(Files.readString(runbook))) {
        block++;
        script.append("echo '== ").append(name).append(" step ").append(block).append("'\n");
        if (step instanceof Runbook.FileToWrite file) {
          Path target = workspace.resolve(file.path()).normalize();
          assertThat(target.startsWith(workspace)).as("file path in " + name).isTrue();
          script.append("mkdir -p '").append(target.getParent()).append("'\n");
          script.append("cat > '").append(target).append("' <<'ANCHORHOLD_RUNBOOK_EOF'\n")
              .append(file.content()).append("ANCHORHOLD_RUNBOOK_EOF\n");
        } else if (step instanceof Runbook.Commands commands) {
          script.append(commands.script());
        }
      }
    }
    assertThat(runbooks).as("runbooks found").isPositive();
    script.append("echo '== all runbooks done'\n");
    Path file = Files.writeString(workspace.resolve("runbooks.sh"), script);
    Command.Result result = Command.of("bash", file.toString()).in(workspace)
        .env("ANCHORHOLD_HOME", Repo.root().toString())
        .env("PATH", Repo.file("bin") + ":" + System.getenv("PATH"))
        .stdin("yes\n".repeat(500))
        .timeout(Duration.ofMinutes(15))
        .run();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("== all runbooks done");
    for (String name : executed) {
      assertThat(result.stdout()).as("steps of " + name).contains("== " + name + " step 1");
    }
    assertThat(executed).as("runbooks with executable steps").hasSize(ORDER.size());
    assertThat(result.stderr()).contains("root ceremony done");
  }
}
