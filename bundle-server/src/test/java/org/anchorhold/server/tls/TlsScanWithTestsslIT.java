package org.anchorhold.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.serve.VerifyingLoader;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.TlsFixtures;
import org.anchorhold.server.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's testssl.sh against the HTTPS listener: no protocol below TLS 1.2 and no suite
 * without AEAD (Mozilla intermediate, PROFILES.md bundle endpoint).
 */
class TlsScanWithTestsslIT {
  @TempDir
  Path tmp;

  @Test
  void testssl_findsOnlyTls12And13WithAeadSuites() throws Exception {
    Tools.require("testssl", "testssl.sh");
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("publications"));
    Publications pki = new Publications();
    pki.write(publications, 1);
    Path json = tmp.resolve("testssl.json");

    Tools.Result result;
    try (RunningServer server = tls.start(publications,
        new VerifyingLoader(pki.roots(), Clock.systemUTC()), Duration.ofSeconds(30))) {
      int port = server.http().address("https").getPort();
      result = Tools.run(List.of("testssl", "--quiet", "--color", "0", "--warnings", "off",
          "--protocols", "--cipher-per-proto", "--connect-timeout", "10",
          "--openssl-timeout", "10", "--jsonfile", json.toString(), "127.0.0.1:" + port), "",
          600);
    }

    assertThat(Files.exists(json)).as(result.output()).isTrue();
    Map<String, String> findings = new TreeMap<>();
    List<String> ciphers = new ArrayList<>();
    for (JsonNode entry : new ObjectMapper().readTree(json.toFile())) {
      String id = entry.get("id").asText();
      String finding = entry.get("finding").asText();
      findings.put(id, finding);
      if (id.startsWith("cipher-") || id.startsWith("cipher_")) {
        ciphers.add(id + " " + finding);
      }
    }
    System.out.println("testssl: protocols " + findings.entrySet().stream()
        .filter(e -> e.getKey().matches("SSLv[23]|TLS1(_[123])?"))
        .map(e -> e.getKey() + "=" + e.getValue()).toList() + "; suites " + ciphers);
    for (String old : new String[] {"SSLv2", "SSLv3", "TLS1", "TLS1_1"}) {
      assertThat(findings.get(old)).as(old + " in " + findings).startsWith("not offered");
    }
    assertThat(findings.get("TLS1_2")).as(findings.toString()).startsWith("offered");
    assertThat(findings.get("TLS1_3")).as(findings.toString()).startsWith("offered");
    assertThat(ciphers).as(result.output()).isNotEmpty();
    assertThat(ciphers).allSatisfy(cipher -> assertThat(cipher).containsAnyOf("GCM",
        "CHACHA20", "CCM"));
  }
}
