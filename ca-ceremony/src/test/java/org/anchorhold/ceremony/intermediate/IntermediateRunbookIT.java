package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorhold.ceremony.support.Tools;
import org.junit.jupiter.api.Test;

/**
 * Runs the fenced {@code sh} blocks of runbooks/intermediate-ceremony.md, in order, in one bash
 * session in an empty directory, as a rehearsal would.
 */
class IntermediateRunbookIT {
  private static final Pattern SH_BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```$");

  @Test
  void runbookCommands_rehearseTheCeremonyEndToEnd() throws Exception {
    String runbook = Files.readString(Tools.REPO.resolve("runbooks/intermediate-ceremony.md"));
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    Matcher matcher = SH_BLOCK.matcher(runbook);
    int blocks = 0;
    while (matcher.find()) {
      script.append(matcher.group(1));
      blocks++;
    }
    assertThat(blocks).isGreaterThanOrEqualTo(5);
    Path directory = Files.createDirectories(Path.of("target", "it",
        "runbook-intermediate-" + System.nanoTime()).toAbsolutePath());

    Tools.Result result = Tools.run(directory, Map.of("ANCHORHOLD_REPO", Tools.REPO.toString(),
        "SOFTHSM2_CONF", ""), List.of("bash", "-c", script.toString()));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("valid: intermediate ceremony")
        .contains("chain.pem: OK").contains("URI:spiffe://legacy.example.org")
        .doesNotContain("Extended Key Usage");
    assertThat(Files.readString(directory.resolve("intermediate-transcript.txt")))
        .contains("3 intermediate(s) linted, signed in the HSM").contains("UpstreamAuthority");
    try (var chains = Files.list(directory.resolve("state/issuers"))) {
      assertThat(chains.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("aws-east", "gcp-central", "onprem-legacy");
    }
  }
}
