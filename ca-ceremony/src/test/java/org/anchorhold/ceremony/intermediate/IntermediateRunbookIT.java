package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorhold.ceremony.support.Tools;
import org.junit.jupiter.api.Test;

/**
 * Rehearses runbooks/root-ceremony.md and then runbooks/intermediate-ceremony.md in one bash
 * session in an empty directory, with the conventions of the tests module's RunbookIT: fenced
 * {@code sh} blocks are commands, a fenced block whose info string names a path is a file to write,
 * {@code bin/} is on the PATH and the witnesses' prompts are answered {@code yes} on stdin. The
 * module can thus check its own runbook without the other modules' ceremonies.
 */
class IntermediateRunbookIT {
  private static final Pattern FENCE = Pattern.compile(
      "(?m)^( *)```([a-z]*)([^\\n]*)\\n(.*?)^\\1```[ ]*$", Pattern.DOTALL);

  private static String script(String markdown, Path workspace) {
    StringBuilder script = new StringBuilder();
    Matcher fence = FENCE.matcher(markdown);
    while (fence.find()) {
      String info = fence.group(3).strip();
      String body = fence.group(4).replaceAll("(?m)^" + fence.group(1), "");
      if (fence.group(2).equals("sh") && info.isEmpty()) {
        script.append(body);
      } else if (!info.isEmpty() && !info.contains(" ")) {
        Path target = workspace.resolve(info).normalize();
        script.append("mkdir -p '").append(target.getParent()).append("'\n")
            .append("cat > '").append(target).append("' <<'RUNBOOK_EOF'\n").append(body)
            .append("RUNBOOK_EOF\n");
      }
    }
    return script.toString();
  }

  @Test
  void runbookCommands_rehearseTheCeremonyAfterTheRootCeremony() throws Exception {
    Path workspace = Files.createDirectories(Path.of("target", "it",
        "runbook-intermediate-" + System.nanoTime()).toAbsolutePath());
    String script = "set -euo pipefail\n"
        + script(Files.readString(Tools.REPO.resolve("runbooks/root-ceremony.md")), workspace)
        + "echo '== intermediate runbook'\n"
        + script(Files.readString(Tools.REPO.resolve("runbooks/intermediate-ceremony.md")),
            workspace);
    Path file = Files.writeString(workspace.resolve("runbooks.sh"), script);
    Path answers = Files.writeString(workspace.resolve("answers.txt"), "yes\n".repeat(50));

    Tools.Result result = Tools.run(workspace, java.util.Map.of(
        "ANCHORHOLD_HOME", Tools.REPO.toString(),
        "PATH", Tools.REPO.resolve("bin") + ":" + System.getenv("PATH"),
        "SOFTHSM2_CONF", ""), List.of("bash", "-c", "bash '" + file + "' < '" + answers + "'"));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("== intermediate runbook")
        .contains("valid: intermediate ceremony")
        .contains("chain.pem: OK").contains("URI:spiffe://legacy.example.org")
        .doesNotContain("Extended Key Usage");
    assertThat(Files.readString(workspace.resolve("intermediate-transcript.txt")))
        .contains("3 intermediate(s) linted, signed in the HSM").contains("UpstreamAuthority");
    try (var issuers = Files.list(workspace.resolve("state/issuers"))) {
      assertThat(issuers.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("aws-east", "gcp-central", "onprem-legacy");
    }
  }
}
