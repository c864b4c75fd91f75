package org.anchorhold.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.serve.VerifyingLoader;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.TlsFixtures;
import org.anchorhold.server.testing.Tools;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTPS listener runs on the chosen TLS engine, and {@code openssl s_client -reconnect}
 * (one full handshake, then five reconnections offering the session) sees resumption exactly
 * when it is on.
 */
class TlsEngineIT {
  /** s_client prints "New, ..." or "Reused, ..." once per connection. */
  private static final Pattern CONNECTION = Pattern.compile("(?m)^(New|Reused), (TLSv1\\.[23])");

  @TempDir
  Path tmp;
  private TlsFixtures tls;
  private Path publications;
  private Publications pki;

  @BeforeEach
  void publish() throws Exception {
    Tools.require("openssl", "openssl");
    tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    publications = Files.createDirectory(tmp.resolve("publications"));
    pki = new Publications();
    pki.write(publications, 1);
  }

  private RunningServer start(TlsOptions options) throws Exception {
    return tls.start(publications, new VerifyingLoader(pki.roots(), Clock.systemUTC()),
        Duration.ofSeconds(30), options);
  }

  @Test
  void defaultEngine_isConscryptAndServesTheChain() throws Exception {
    try (RunningServer server = start(TlsOptions.DEFAULTS)) {
      assertThat(Conscrypt.isConscrypt(server.tlsProvider()))
          .as(server.tlsProvider().getName()).isTrue();
      assertThat(tls.handshake(server.http().address("https")))
          .containsExactly(tls.leaf.cert(), tls.intermediate.cert());
    }
  }

  @Test
  void jdkEngine_isTheJdksOwnProvider() throws Exception {
    try (RunningServer server = start(new TlsOptions(TlsEngine.JDK, true))) {
      assertThat(server.tlsProvider().getName()).isEqualTo("SunJSSE");
      assertThat(tls.handshake(server.http().address("https")))
          .containsExactly(tls.leaf.cert(), tls.intermediate.cert());
    }
  }

  @Test
  void resumptionOn_reconnectingTls12ClientResumesItsSession() throws Exception {
    try (RunningServer server = start(TlsOptions.DEFAULTS)) {
      List<String> connections = reconnect(server);

      assertThat(connections).hasSize(6);
      assertThat(connections.get(0)).startsWith("New");
      assertThat(connections.subList(1, 6)).allSatisfy(c -> assertThat(c).startsWith("Reused"));
    }
  }

  @Test
  void resumptionOff_reconnectingTls12ClientMakesAFullHandshakeEachTime() throws Exception {
    try (RunningServer server = start(new TlsOptions(TlsEngine.CONSCRYPT, false))) {
      List<String> connections = reconnect(server);

      assertThat(connections).hasSize(6);
      assertThat(connections).allSatisfy(c -> assertThat(c).startsWith("New"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  void resumptionOn_savedSessionIsResumed(String protocol) throws Exception {
    try (RunningServer server = start(TlsOptions.DEFAULTS)) {
      Path session = tmp.resolve("session.pem");

      assertThat(request(server, protocol, "-sess_out", session)).startsWith("New");
      assertThat(session).exists();
      assertThat(request(server, protocol, "-sess_in", session)).startsWith("Reused");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  void resumptionOff_savedSessionIsNotResumed(String protocol) throws Exception {
    try (RunningServer server = start(new TlsOptions(TlsEngine.CONSCRYPT, false))) {
      Path session = tmp.resolve("session.pem");

      assertThat(request(server, protocol, "-sess_out", session)).startsWith("New");
      if (Files.exists(session)) {
        // TLS 1.2 hands out a session ID anyway; TLS 1.3 without tickets gives nothing to save.
        assertThat(request(server, protocol, "-sess_in", session)).startsWith("New");
      }
    }
  }

  /**
   * {@code s_client -reconnect} over TLS 1.2: a handshake, then five more offering its session;
   * the "New" or "Reused" line of each. (Over TLS 1.3 it reconnects before a ticket arrives,
   * which the server sends with the first response, so 1.3 is checked by a saved session.)
   */
  private List<String> reconnect(RunningServer server) throws Exception {
    int port = server.http().address("https").getPort();
    Tools.Result result = Tools.run(List.of("openssl", "s_client", "-connect",
        "127.0.0.1:" + port, "-servername", "localhost", "-tls1_2", "-reconnect",
        "-CAfile", tls.rootFile().toString(), "-verify_return_error"), "", 60);
    return connections(result, "TLSv1.2");
  }

  /** One connection that sends a request and reads the answer; its "New" or "Reused" line. */
  private String request(RunningServer server, String protocol, String sessionOption,
      Path session) throws Exception {
    int port = server.http().address("https").getPort();
    Tools.Result result = Tools.run(List.of("openssl", "s_client", "-connect",
        "127.0.0.1:" + port, "-servername", "localhost", protocol, sessionOption,
        session.toString(), "-CAfile", tls.rootFile().toString(), "-verify_return_error",
        "-ign_eof"),
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 60);
    List<String> connections = connections(result,
        protocol.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3");
    assertThat(connections).as(result.output()).hasSize(1);
    return connections.get(0);
  }

  private static List<String> connections(Tools.Result result, String protocol) {
    assertThat(result.output()).contains("Verify return code: 0 (ok)");
    Matcher m = CONNECTION.matcher(result.output());
    List<String> connections = new ArrayList<>();
    while (m.find()) {
      assertThat(m.group(2)).as(result.output()).isEqualTo(protocol);
      connections.add(m.group());
    }
    assertThat(connections).as(result.output()).isNotEmpty();
    return connections;
  }
}
