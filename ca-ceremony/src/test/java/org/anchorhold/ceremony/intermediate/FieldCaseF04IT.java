package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.support.Tools;
import org.anchorhold.ceremony.support.Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Field case F04 for the intermediate ceremony, over SoftHSM2 and the built tool. */
class FieldCaseF04IT {

  @Test
  @DisplayName("F04 a root whose key label points at another key signs nothing")
  void rootKeyLabelPointingAtAnotherKey_isRefusedBeforeSigning() throws Exception {
    Workspace workspace = Workspace.create(Path.of("target", "it", "f04-" + System.nanoTime())
        .toAbsolutePath());
    workspace.root("root-a", "2041-12-01T00:00:00Z");
    workspace.root("root-b", "2041-12-01T00:00:00Z");
    Path index = workspace.state().resolve("state.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode state = (ObjectNode) json.readTree(index.toFile());
    ObjectNode rootA = (ObjectNode) state.get("roots").get(0);
    ObjectNode rootB = (ObjectNode) state.get("roots").get(1);
    rootA.put("key-label", rootB.get("key-label").asText());
    rootA.put("key-id", rootB.get("key-id").asText());
    json.writerWithDefaultPrettyPrinter().writeValue(index.toFile(), state);
    Path issuer = Files.createDirectories(workspace.directory().resolve("issuers/aws-east"));
    Tools.ok(issuer, Map.of(), List.of("openssl", "req", "-new", "-nodes", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-keyout", "key.pem", "-out", "csr.pem",
        "-subj", "/CN=aws-east"));
    Map<String, String> before = workspace.snapshot();

    Tools.Result result = workspace.run("intermediate.yaml", "ceremony: intermediate\n"
        + "hsm: ../hsm.yaml\nstate: ../state\nofficers: [Alice Example, Bob Example]\n"
        + "root: root-a\nbase-url: https://pki.example.org\nissuers:\n"
        + "  - name: aws-east\n    trust-domain: aws.example.org\n"
        + "    csr: ../issuers/aws-east/csr.pem\n    subject: {common-name: aws-east}\n"
        + "    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n    ca-ttl: 24h\n");

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.stderr()).contains("intermediate ceremony failed: key 'root-b' on token "
        + "'anchorhold-root' does not match the certificate");
    assertThat(result.stderr()).doesNotContain("signed in the HSM");
    assertThat(workspace.snapshot()).isEqualTo(before);
  }
}
