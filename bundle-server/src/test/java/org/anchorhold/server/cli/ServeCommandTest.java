package org.anchorhold.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.anchorhold.server.testing.Publications;
import org.anchorhold.server.testing.TestPki;
import org.anchorhold.server.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @TempDir
  Path tmp;
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = BundleServerCommand.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  private String[] serve(Path publications, TlsFixtures tls, String... extra) {
    String[] base = {"serve", "--publications", publications.toString(), "--listen",
        "127.0.0.1:0", "--tls-cert", tls.certFile().toString(), "--tls-key",
        tls.keyFile().toString()};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void noSubcommand_printsUsageAndExits2() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("serve");
  }

  @Test
  void missingRequiredOption_exits2() {
    assertThat(run("serve", "--listen", "127.0.0.1:0")).isEqualTo(2);
    assertThat(err.toString()).contains("--publications");
  }

  @Test
  void badListenAddressOrDuration_exits2WithOneLine() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    assertThat(run(serve(tmp, tls)[0], "--publications", tmp.toString(), "--listen",
        "nocolon", "--tls-cert", "c", "--tls-key", "k")).isEqualTo(2);
    assertThat(err.toString()).contains("'nocolon' is not HOST:PORT");

    assertThat(run(serve(tmp, tls, "--rescan", "5 minutes"))).isEqualTo(2);
    assertThat(err.toString()).contains("is not a positive duration");
  }

  @Test
  void nonPositiveLimit_exits2NamingIt() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));

    assertThat(run(serve(tmp, tls, "--max-connections", "0"))).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("serve: max connections must be positive");
  }

  @Test
  void unknownTlsEngine_exits2NamingTheAllowedValues() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));

    assertThat(run(serve(tmp, tls, "--tls-engine", "openssl"))).isEqualTo(2);
    assertThat(err.toString())
        .contains("tls engine must be one of conscrypt, jdk, not 'openssl'");
  }

  @Test
  void resumptionOffWithTheJdkEngine_exits2SayingItNeedsConscrypt() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));

    assertThat(run(serve(tmp, tls, "--tls-engine", "jdk", "--no-tls-resumption")))
        .isEqualTo(2);
    assertThat(err.toString().strip()).startsWith(
        "serve: turning tls resumption off needs the conscrypt tls engine");
  }

  @Test
  void keyOfAnotherCertificate_exits1SayingWhatIsWrong() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    TestPki.writePem(tls.keyFile(), tls.root.keys().getPrivate());
    Path publications = Files.createDirectory(tmp.resolve("pub"));
    new Publications().write(publications, 1);

    assertThat(run(serve(publications, tls))).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("serve failed: tls key does not match the certificate 'CN=localhost'");
  }

  @Test
  void serverNameNotInTheCertificate_exits1() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("pub"));
    new Publications().write(publications, 1);

    assertThat(run(serve(publications, tls, "--server-name", "bundles.example.org")))
        .isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("serve failed: tls certificate "
        + "subjectAltName does not name 'bundles.example.org'; it names: localhost, 127.0.0.1");
  }

  @Test
  void noValidPublication_exits1WithTheReason() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));
    Path publications = Files.createDirectory(tmp.resolve("pub"));
    Publications pki = new Publications();
    pki.write(publications, 1);
    Path rootFile = TestPki.writePem(tmp.resolve("other-root.pem"),
        new Publications().root.cert());

    assertThat(run(serve(publications, tls, "--trust-root", rootFile.toString())))
        .isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("serve failed: no valid publication in '")
        .contains("000000000001: ");
  }

  @Test
  void missingPublicationsDirectory_exits1() throws Exception {
    TlsFixtures tls = new TlsFixtures(Files.createDirectory(tmp.resolve("tls")));

    assertThat(run(serve(tmp.resolve("absent"), tls))).isEqualTo(1);
    assertThat(err.toString()).startsWith("serve failed: ");
  }
}
