package org.anchorhold.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.anchorhold.server.cli.RunningServer;
import org.anchorhold.server.cli.StartupException;
import org.anchorhold.server.http.BundleHttpServer;
import org.anchorhold.server.http.HostPort;
import org.anchorhold.server.http.ServerLimits;
import org.anchorhold.server.serve.PublicationLoader;
import org.anchorhold.server.tls.TlsOptions;

/** A test CA hierarchy for TLS, its PEM files, and a running HTTPS server over them. */
public final class TlsFixtures {
  /** The TLS root the test clients trust. */
  public final TestPki.Issued root = TestPki.root("TLS Test Root", Duration.ofDays(365));
  /** The intermediate that issues the serving certificates. */
  public final TestPki.Issued intermediate = TestPki.intermediate("TLS Test Issuing CA", root);
  /** The serving certificate for localhost and 127.0.0.1. */
  public final TestPki.Issued leaf =
      TestPki.leaf("localhost", intermediate, List.of("localhost", "127.0.0.1"));
  /** The directory of the PEM files. */
  public final Path dir;

  /** Writes root.pem, cert.pem (leaf, intermediate) and key.pem under {@code dir}. */
  public TlsFixtures(Path dir) throws IOException {
    this.dir = dir;
    TestPki.writePem(dir.resolve("root.pem"), root.cert());
    TestPki.writePem(dir.resolve("cert.pem"), leaf.cert(), intermediate.cert());
    TestPki.writePem(dir.resolve("key.pem"), leaf.keys().getPrivate());
  }

  /** The full chain file. */
  public Path certFile() {
    return dir.resolve("cert.pem");
  }

  /** The key file. */
  public Path keyFile() {
    return dir.resolve("key.pem");
  }

  /** The root file, for openssl's -CAfile. */
  public Path rootFile() {
    return dir.resolve("root.pem");
  }

  /** Starts HTTPS, plain HTTP and admin listeners on loopback over {@code publications}. */
  public RunningServer start(Path publications, PublicationLoader loader, Duration rescan)
      throws StartupException {
    return start(publications, loader, rescan, TlsOptions.DEFAULTS);
  }

  /** As {@link #start(Path, PublicationLoader, Duration)}, with the given TLS engine set-up. */
  public RunningServer start(Path publications, PublicationLoader loader, Duration rescan,
      TlsOptions tls) throws StartupException {
    HostPort loopback = new HostPort("127.0.0.1", 0);
    BundleHttpServer.Config http = new BundleHttpServer.Config(loopback, loopback, loopback,
        ServerLimits.DEFAULTS, Duration.ofSeconds(300), false);
    return RunningServer.start(new RunningServer.Settings(publications, http, certFile(),
        keyFile(), "localhost", rescan, tls), loader, Clock.systemUTC());
  }

  /** A client context trusting only the test root. */
  public SSLContext clientContext() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", root.cert());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Handshakes with the server and returns the chain it sent. */
  public X509Certificate[] handshake(InetSocketAddress address)
      throws GeneralSecurityException, IOException {
    try (SSLSocket socket = (SSLSocket) clientContext().getSocketFactory()
        .createSocket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate[]) socket.getSession().getPeerCertificates();
    }
  }
}
