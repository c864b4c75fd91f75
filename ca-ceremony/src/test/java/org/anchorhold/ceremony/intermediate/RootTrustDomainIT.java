package org.anchorhold.ceremony.intermediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.anchorhold.ceremony.support.CsrFixtures;
import org.anchorhold.ceremony.support.Tools;
import org.anchorhold.ceremony.support.Workspace;
import org.junit.jupiter.api.Test;

/** A root that names one trust domain signs intermediates for that trust domain only. */
class RootTrustDomainIT {

  private static String ceremony(String trustDomain, Path csr) {
    return "ceremony: intermediate\nhsm: ../hsm.yaml\nstate: ../state\n"
        + "officers: [Alice Example, Bob Example]\nroot: root-aws\n"
        + "base-url: https://pki.example.org\nissuers:\n"
        + "  - name: issuer\n    trust-domain: " + trustDomain + "\n    csr: " + csr + "\n"
        + "    subject: {common-name: issuer}\n"
        + "    validity: {not-after: \"2027-12-01T00:00:00Z\"}\n    ca-ttl: 24h\n";
  }

  @Test
  void rootOfOneTrustDomain_refusesAnotherAndSignsItsOwn() {
    Workspace workspace = Workspace.create(Path.of("target", "it", "root-td-" + System.nanoTime())
        .toAbsolutePath());
    workspace.root("root-aws", "2041-12-01T00:00:00Z", "  trust-domain: aws.example.org\n");
    Path csr = CsrFixtures.ec("secp256r1").subject("")
        .write(workspace.directory().resolve("issuers"), "csr.pem");
    Map<String, String> before = workspace.snapshot();

    Tools.Result other = workspace.run("other.yaml", ceremony("gcp.example.org", csr));

    assertThat(other.exit()).as(other.output()).isEqualTo(1);
    assertThat(other.stderr()).contains("intermediate ceremony failed: issuers[0].trust-domain "
        + "'gcp.example.org' is not the one trust domain of root 'root-aws' "
        + "(spiffe://aws.example.org)");
    assertThat(workspace.snapshot()).isEqualTo(before);
    Tools.Result own = workspace.run("own.yaml", ceremony("aws.example.org", csr));
    assertThat(own.exit()).as(own.output()).isZero();
  }
}
