package org.anchorhold.server.fetch;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.anchorhold.publication.Manifest;
import org.anchorhold.publication.ManifestFile;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.PublicationLayout;
import org.anchorhold.publication.PublicationSource;
import org.anchorhold.publication.PublicationVerifier;
import org.anchorhold.publication.PublicationWriter;
import org.anchorhold.publication.VerifiedPublication;
import org.anchorhold.publication.bundle.SpiffeBundle;
import org.anchorhold.publication.bundle.SpireUpstreamFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bundle-server fetch}: verifies a publication against trusted roots and writes a
 * relying party's bundle ({@code --out}) or an issuer's SPIRE upstream files
 * ({@code --cert-file}, {@code --bundle-file}).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {
        "Downloads a publication, verifies it against trusted roots and writes, atomically,",
        "a trust domain's bundle (relying party) or an issuer's SPIRE upstream files.",
        "Exit codes: 0 written, 1 refused or failed (old files untouched), 2 bad command line."})
public final class FetchCommand implements Callable<Integer> {
  /** Formats of a relying party's bundle file. */
  public enum Format { json, pem }

  @Spec
  private CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "URL|DIR",
      description = "https:// base URL of a publications server, a publication directory, or a"
          + " publications directory (then its newest sequence)")
  private String from;

  @Option(names = "--trust-roots", required = true, paramLabel = "PEM",
      description = "PEM file of the roots that may certify the publication key")
  private Path trustRoots;

  @Option(names = "--trust-domain", required = true, paramLabel = "TD",
      description = "trust domain whose bundle to write (for an issuer: its own)")
  private String trustDomain;

  @Option(names = "--state", required = true, paramLabel = "FILE",
      description = "file holding the last sequence accepted; a lower one is refused")
  private Path state;

  @Option(names = "--out", paramLabel = "FILE", description = "relying party: bundle file")
  private Path out;

  @Option(names = "--format", paramLabel = "json|pem", defaultValue = "json",
      description = "relying party: SPIFFE bundle JSON (default) or PEM roots")
  private Format format;

  @Option(names = "--issuer", paramLabel = "NAME", description = "issuer: its name")
  private String issuer;

  @Option(names = "--cert-file", paramLabel = "FILE",
      description = "issuer: SPIRE cert_file_path (its intermediate chain, no root)")
  private Path certFile;

  @Option(names = "--bundle-file", paramLabel = "FILE",
      description = "issuer: SPIRE bundle_file_path (the trust domain's roots only)")
  private Path bundleFile;

  @Option(names = "--tls-ca", paramLabel = "PEM",
      description = "PEM file of CAs for the server's TLS certificate (default: the JDK's)")
  private Path tlsCa;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "connect and per-request timeout in seconds (default 30)")
  private int timeoutSeconds;

  @Option(names = "--allow-insecure-http", hidden = true,
      description = "tests only: accept an http:// URL")
  private boolean allowInsecureHttp;

  @Option(names = "--verbose", description = "print the stack trace of a failure")
  private boolean verbose;

  private final Clock clock;

  /** A fetch on the system clock. */
  public FetchCommand() {
    this(Clock.systemUTC());
  }

  /** A fetch on a given clock, for tests. */
  public FetchCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Mode mode = checkOptions();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String done = run(mode);
      spec.commandLine().getOut().println(done);
      return CommandLine.ExitCode.OK;
    } catch (PublicationException | IOException | GeneralSecurityException e) {
      err.println("fetch failed: " + reason(e));
      if (verbose) {
        e.printStackTrace(err);
      }
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private enum Mode { RELYING_PARTY, ISSUER }

  private Mode checkOptions() {
    if (!PublicationLayout.isTrustDomain(trustDomain)) {
      throw usage("--trust-domain '" + trustDomain
          + "' must be lowercase letters, digits, '.', '-' or '_'");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 600) {
      throw usage("--timeout must be from 1 to 600 seconds");
    }
    boolean relyingParty = out != null;
    boolean anyIssuer = issuer != null || certFile != null || bundleFile != null;
    if (relyingParty == anyIssuer) {
      throw usage("give either --out (relying party) or --issuer, --cert-file and"
          + " --bundle-file (issuer)");
    }
    if (relyingParty) {
      return Mode.RELYING_PARTY;
    }
    if (issuer == null || certFile == null || bundleFile == null) {
      throw usage("an issuer needs --issuer, --cert-file and --bundle-file");
    }
    if (!PublicationLayout.isName(issuer)) {
      throw usage("--issuer '" + issuer + "' must be lowercase letters, digits, '.', '-' or '_'");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--format")) {
      throw usage("--format is for --out; an issuer's files are PEM");
    }
    return Mode.ISSUER;
  }

  private String run(Mode mode)
      throws PublicationException, IOException, GeneralSecurityException {
    List<X509Certificate> roots = TrustRoots.read(trustRoots);
    PublicationSource source = source();
    PublicationVerifier verifier = new PublicationVerifier(roots, clock);
    String bundlePath = PublicationLayout.bundleJson(trustDomain);
    String chainPath = mode == Mode.ISSUER ? PublicationLayout.issuerChain(issuer) : null;

    VerifiedPublication publication = verifier.verify(source,
        manifest -> select(manifest, bundlePath, chainPath));
    Manifest manifest = publication.manifest();
    checkNoRollback(manifest.sequence());

    SpiffeBundle bundle = SpiffeBundle.parse(publication.file(bundlePath));
    if (bundle.sequence() != manifest.sequence()) {
      throw new PublicationException("bundle of '" + trustDomain + "' has spiffe_sequence "
          + bundle.sequence() + ", the manifest " + manifest.sequence());
    }

    Map<Path, byte[]> outputs = new LinkedHashMap<>();
    if (mode == Mode.RELYING_PARTY) {
      outputs.put(out, format == Format.json ? publication.file(bundlePath) : bundle.toPem());
    } else {
      List<byte[]> crls = new ArrayList<>();
      publication.files().forEach((path, content) -> {
        if (PublicationLayout.rootNameOfCrl(path).isPresent()) {
          crls.add(content);
        }
      });
      SpireUpstreamFiles files = SpireUpstreamFiles.check(issuer, trustDomain,
          publication.file(chainPath), bundle, crls, clock.instant());
      outputs.put(certFile, files.certFile());
      outputs.put(bundleFile, files.bundleFile());
    }
    outputs.put(state, FetchState.render(manifest.sequence()));
    AtomicFiles.replace(outputs);
    return "fetched publication " + manifest.sequence() + " (expires " + manifest.expires()
        + ", " + bundle.roots().size() + " root(s) for " + trustDomain + ") from " + source;
  }

  private List<String> select(Manifest manifest, String bundlePath, String chainPath)
      throws PublicationException {
    if (manifest.file(bundlePath).isEmpty()) {
      throw new PublicationException("trust domain '" + trustDomain
          + "' is not in publication " + manifest.sequence());
    }
    List<String> paths = new ArrayList<>(List.of(bundlePath));
    if (chainPath != null) {
      if (manifest.file(chainPath).isEmpty()) {
        throw new PublicationException("issuer '" + issuer + "' is not in publication "
            + manifest.sequence());
      }
      paths.add(chainPath);
      // Every root's CRL: the issuer's chain is checked against the one of its own root.
      manifest.files().stream().map(ManifestFile::path)
          .filter(p -> PublicationLayout.rootNameOfCrl(p).isPresent()).forEach(paths::add);
    }
    return paths;
  }

  private void checkNoRollback(long sequence) throws IOException, PublicationException {
    OptionalLong last = FetchState.read(state);
    if (last.isPresent() && sequence < last.getAsLong()) {
      throw new PublicationException("publication " + sequence + " is older than "
          + last.getAsLong() + ", the last one accepted (rollback)");
    }
  }

  private PublicationSource source() throws IOException, GeneralSecurityException,
      PublicationException {
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    if (from.startsWith("https://") || from.startsWith("http://")) {
      URI uri;
      try {
        uri = new URI(from);
      } catch (URISyntaxException e) {
        throw new PublicationException("--from '" + from + "' is not a url");
      }
      if (uri.getScheme().equals("http") && !allowInsecureHttp) {
        throw new PublicationException("--from must be an https:// url");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null || uri.getHost() == null) {
        throw new PublicationException("--from '" + from
            + "' must be a plain base url with a host, no user, query or fragment");
      }
      SSLContext tls = tlsCa == null ? SSLContext.getDefault() : tlsContext(tlsCa);
      return new HttpsSource(uri, tls, timeout);
    }
    return PublicationSource.directory(localPublication(Path.of(from)));
  }

  private static Path localPublication(Path dir) throws IOException, PublicationException {
    if (Files.isRegularFile(dir.resolve(PublicationLayout.MANIFEST))) {
      return dir;
    }
    if (!Files.isDirectory(dir)) {
      throw new PublicationException("--from '" + dir + "' is not a directory");
    }
    Optional<Path> newest = PublicationWriter.newest(dir);
    return newest.orElseThrow(() -> new PublicationException("--from '" + dir
        + "' holds neither manifest.json nor a publication directory"));
  }

  private static SSLContext tlsContext(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (X509Certificate cert : TrustRoots.readAny(pem)) {
      store.setCertificateEntry("ca-" + i++, cert);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "'" + missing.getFile() + "' does not exist";
    }
    if (e instanceof FileSystemException fs) {
      return "'" + fs.getFile() + "': " + (fs.getReason() == null ? e.getClass().getSimpleName()
          : fs.getReason());
    }
    return oneLine(e.getMessage());
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
