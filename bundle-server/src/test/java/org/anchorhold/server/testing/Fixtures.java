package org.anchorhold.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.anchorhold.server.health.MetricsText;
import org.anchorhold.server.health.RequestMetrics;
import org.anchorhold.server.http.BundleHttpServer;
import org.anchorhold.server.http.HostPort;
import org.anchorhold.server.http.ServerLimits;
import org.anchorhold.server.serve.LoadedFile;
import org.anchorhold.server.serve.LoadedPublication;
import org.anchorhold.server.serve.PublicationLoader;
import org.anchorhold.server.serve.PublicationRefusedException;
import org.anchorhold.server.serve.PublicationStore;
import org.anchorhold.server.serve.Snapshot;
import org.anchorhold.server.serve.SnapshotFactory;

/** In-memory publications and servers for tests that do not need real signatures. */
public final class Fixtures {
  /** The CA whose CRL the fixtures publish. */
  public static final TestPki.Issued ROOT = TestPki.root("Fixture Root", Duration.ofDays(3650));

  private Fixtures() {}

  /** SHA-256 hex of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bundle JSON with the given sequence and refresh hint. */
  public static byte[] bundle(long sequence, long refreshHint) {
    return ("{\"keys\":[],\"spiffe_sequence\":" + sequence + ",\"spiffe_refresh_hint\":"
        + refreshHint + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** A publication with a bundle, a PEM, a CRL and a manifest, expiring at {@code expires}. */
  public static LoadedPublication publication(long sequence, Instant issued, Instant expires,
      long refreshHint) {
    Map<String, LoadedFile> files = new LinkedHashMap<>();
    put(files, "bundles/example.org.json", bundle(sequence, refreshHint), "application/json");
    put(files, "bundles/example.org.pem", "-----BEGIN CERTIFICATE-----\n"
        .getBytes(StandardCharsets.US_ASCII), "application/pem-certificate-chain");
    put(files, "crls/root.crl", TestPki.crl(ROOT, issued, expires), "application/pkix-crl");
    put(files, "manifest.json", ("{\"sequence\":" + sequence + "}")
        .getBytes(StandardCharsets.UTF_8), "application/json");
    put(files, "manifest.jws", "eyJhbGciOiJFUzI1NiJ9.e30.sig".getBytes(StandardCharsets.US_ASCII),
        "application/jose");
    return new LoadedPublication(sequence, issued, expires, files);
  }

  /** A publication issued now, expiring in a day, with a 120 s refresh hint. */
  public static LoadedPublication publication(long sequence) {
    Instant now = Instant.now();
    return publication(sequence, now.minusSeconds(60), now.plus(Duration.ofDays(1)), 120);
  }

  private static void put(Map<String, LoadedFile> files, String path, byte[] content,
      String type) {
    files.put(path, new LoadedFile(content, sha256(content), type));
  }

  /** A store serving {@code publication}. */
  public static PublicationStore store(LoadedPublication publication) {
    PublicationStore store = new PublicationStore();
    try {
      store.offer(SnapshotFactory.build(publication, null, "fixture"));
    } catch (PublicationRefusedException e) {
      throw new IllegalStateException(e);
    }
    return store;
  }

  /** A server with a plain listener and an admin listener on ephemeral loopback ports. */
  public static BundleHttpServer plainServer(PublicationStore store, Clock clock) {
    return plainServer(store, clock, ServerLimits.DEFAULTS);
  }

  /** {@link #plainServer(PublicationStore, Clock)} with the given limits. */
  public static BundleHttpServer plainServer(PublicationStore store, Clock clock,
      ServerLimits limits) {
    HostPort loopback = new HostPort("127.0.0.1", 0);
    BundleHttpServer.Config config = new BundleHttpServer.Config(null, loopback, loopback,
        limits, Duration.ofSeconds(300), true);
    RequestMetrics requests = new RequestMetrics();
    return BundleHttpServer.start(config, store, null, requests,
        new MetricsText(store, requests, null, clock), clock);
  }

  /** The plain listener's address. */
  public static InetSocketAddress http(BundleHttpServer server) {
    return server.address("http");
  }

  /**
   * Writes a fake publication directory for {@link #fakeLoader()}: the files of {@code
   * publication(sequence)}, plus a {@code TAMPERED} marker when {@code tampered}.
   */
  public static Path writeFake(Path root, long sequence, boolean tampered) throws IOException {
    Path dir = root.resolve(String.format("%012d", sequence));
    Path tmp = root.resolve(".tmp-" + sequence);
    Files.createDirectories(tmp);
    Files.writeString(tmp.resolve("sequence"), Long.toString(sequence));
    if (tampered) {
      Files.writeString(tmp.resolve("TAMPERED"), "x");
    }
    Files.move(tmp, dir);
    return dir;
  }

  /** A loader for {@link #writeFake}: refuses a TAMPERED directory, like a bad signature. */
  public static PublicationLoader fakeLoader() {
    return directory -> {
      try {
        if (Files.exists(directory.resolve("TAMPERED"))) {
          throw new PublicationRefusedException("manifest signature does not verify");
        }
        long sequence = Long.parseLong(Files.readString(directory.resolve("sequence")).trim());
        return publication(sequence);
      } catch (IOException e) {
        throw new PublicationRefusedException("cannot read '" + directory + "'", e);
      }
    };
  }

  /** The snapshot of {@code publication} with no predecessor. */
  public static Snapshot snapshot(LoadedPublication publication) {
    try {
      return SnapshotFactory.build(publication, null, "fixture");
    } catch (PublicationRefusedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the entries of a directory, for checks that nothing was written. */
  public static long entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.count();
    }
  }
}
