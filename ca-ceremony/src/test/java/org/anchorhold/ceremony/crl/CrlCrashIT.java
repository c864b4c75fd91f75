package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.testsupport.ItWorkspace;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the crl ceremony: the built tool is killed with SIGKILL at random moments, at
 * least 50 times, and after every kill the state opens, its audit chain verifies, no CRL number
 * was used twice, no file under a final name is partial, and the next ceremony succeeds.
 */
class CrlCrashIT {
  private static final int KILLS = 50;
  private static final int MAX_RUNS = 80;

  @Test
  void crlCeremony_killedAtRandomMoments_leavesAStateTheNextCeremonyContinues()
      throws Exception {
    ItWorkspace workspace = ItWorkspace.create("crl-crash");
    RootRecord root = workspace.root("root-2026");
    X509Certificate rootCertificate = workspace.rootCertificate(root);
    workspace.issue(root, List.of(List.of("onprem-legacy", "legacy.example.org")));
    Path token = workspace.directory().resolve("hsm/tokens");
    Path pristine = workspace.directory().resolve("token-pristine");
    copyTree(token, pristine);
    Path revoke = workspace.ceremony("revoke.yaml", ItWorkspace.head("revoke")
        + "revoke:\n  - issuer: onprem-legacy\n    reason: cessationOfOperation\n");
    assertThat(workspace.tool("run", "--yes", revoke.toString()).exit()).isZero();
    Path crl = workspace.ceremony("crl.yaml", ItWorkspace.head("crl")
        + "crl:\n  root: root-2026\n");
    long fullMillis = timedRun(workspace, crl);

    long seed = System.nanoTime();
    Random random = new Random(seed);
    Map<BigInteger, String> seen = new HashMap<>();
    Map<String, Integer> outcomes = new TreeMap<>();
    int kills = 0;
    for (int run = 1; kills < KILLS && run <= MAX_RUNS; run++) {
      int before = check(workspace, rootCertificate, seen).crls().size();
      long filesBefore = derCount(workspace);
      restoreToken(token, pristine, outcomes);
      int completed = run % 3 == 0
          ? killCold(workspace, crl, fullMillis, random, outcomes)
          : killWarm(workspace, crl, random, outcomes);
      if (completed >= 0) {
        kills++;
        State after = check(workspace, rootCertificate, seen);
        long indexed = after.crls().size() - before - completed;
        long written = derCount(workspace) - filesBefore - completed;
        outcomes.merge(indexed > 0 ? "killed after the index was written"
            : written > 0 ? "killed after a CRL file, before the index"
            : "killed before a CRL file was written", 1, Integer::sum);
      }
      if (run % 10 == 0) {
        restoreToken(token, pristine, outcomes);
        timedRun(workspace, crl);
        check(workspace, rootCertificate, seen);
      }
    }
    System.out.println("CrlCrashIT seed " + seed + ", " + kills + " kills: " + outcomes);

    assertThat(kills).as("seed " + seed).isGreaterThanOrEqualTo(KILLS);
    BigInteger highest = seen.keySet().stream().max(BigInteger::compareTo).orElseThrow();
    restoreToken(token, pristine, outcomes);
    timedRun(workspace, crl);
    State last = check(workspace, rootCertificate, seen);
    assertThat(last.latestCrl("root-2026").orElseThrow().number()).isGreaterThan(highest);
  }

  /**
   * A cold kill: the tool as an officer starts it, killed at a random moment from JVM start-up
   * to just past the end of a whole run. Returns -1 when the run completed first, else 0
   * ceremonies completed before the kill.
   */
  private static int killCold(ItWorkspace workspace, Path crl, long fullMillis,
      Random random, Map<String, Integer> outcomes) throws Exception {
    Process process = workspace.start("run", "--yes", crl.toString());
    long delay = (long) (random.nextDouble() * fullMillis * 1.1);
    if (process.waitFor(delay, TimeUnit.MILLISECONDS)) {
      assertThat(process.exitValue()).isZero();
      outcomes.merge("cold run completed before the kill", 1, Integer::sum);
      return -1;
    }
    kill(process);
    outcomes.merge("cold kills", 1, Integer::sum);
    return 0;
  }

  /**
   * A warm kill: ceremonies run back to back in one JVM ({@code CeremonyLoop}); after the first
   * one completes, the JVM is killed at a random moment within the next two ceremonies, so the
   * kill lands in the HSM session, the signing and each write of the commit in proportion to
   * their duration. Returns how many ceremonies the loop reported complete.
   */
  private static int killWarm(ItWorkspace workspace, Path crl, Random random,
      Map<String, Integer> outcomes) throws Exception {
    Process process = workspace.startLoop(crl);
    Path out = workspace.directory().resolve(".out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String first = null;
    while (first == null && System.nanoTime() < deadline && process.isAlive()) {
      first = Files.readAllLines(out).stream().filter(l -> l.startsWith("cycle 1 "))
          .findFirst().orElse(null);
      Thread.sleep(5);
    }
    assertThat(first).as("the loop's first ceremony: " + Files.readString(out)).isNotNull()
        .doesNotContain("failed");
    long cycle = Long.parseLong(first.substring("cycle 1 ".length()));
    Thread.sleep((long) (random.nextDouble() * 2 * cycle));
    assertThat(process.isAlive()).as(Files.readString(out)).isTrue();
    kill(process);
    outcomes.merge("warm kills", 1, Integer::sum);
    return (int) Files.readAllLines(out).stream().filter(l -> l.startsWith("cycle ")).count();
  }

  /**
   * SoftHSM2 rewrites its token.object file in place when a session logs in, and a SIGKILL at
   * that moment leaves it empty: a property of the software token (a real HSM keeps its store
   * outside the killed process), not of the ceremony. A crl ceremony adds no token object, so
   * the token files are put back from a copy taken after set-up before every run, and the
   * number of times a kill had emptied token.object is reported.
   */
  private static void restoreToken(Path token, Path pristine, Map<String, Integer> outcomes)
      throws Exception {
    boolean damaged = false;
    try (Stream<Path> files = Files.walk(pristine)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = token.resolve(pristine.relativize(file).toString());
        if (!Files.exists(target) || Files.mismatch(file, target) >= 0) {
          damaged |= file.getFileName().toString().equals("token.object")
              && (!Files.exists(target) || Files.size(target) == 0);
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (damaged) {
      outcomes.merge("SoftHSM2 token.object found empty and restored", 1, Integer::sum);
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  private static long timedRun(ItWorkspace workspace, Path crl) throws Exception {
    long start = System.nanoTime();
    ItWorkspace.Result result = workspace.tool("run", "--yes", crl.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Every invariant after a kill; returns the state as it opens. */
  private static State check(ItWorkspace workspace, X509Certificate root,
      Map<BigInteger, String> seen) throws Exception {
    State state;
    try (StateDirectory directory = StateDirectory.open(workspace.state())) {
      state = directory.state();
    }
    Set<BigInteger> numbers = new HashSet<>();
    for (CrlRecord record : state.crls()) {
      assertThat(numbers.add(record.number())).as("CRL number used twice").isTrue();
      assertThat(Pem.sha256Hex(Files.readAllBytes(workspace.state().resolve(record.file()))))
          .isEqualTo(record.sha256());
    }
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (Path file : crlFiles(workspace)) {
      String name = file.getFileName().toString();
      BigInteger number = new BigInteger(name.substring(0, name.indexOf('.')));
      byte[] bytes = Files.readAllBytes(file);
      X509CRL parsed = (X509CRL) factory.generateCRL(new ByteArrayInputStream(bytes));
      parsed.verify(root.getPublicKey());
      assertThat(CrlNumbers.number(parsed)).contains(number);
      if (name.endsWith(".crl")) {
        String hash = Pem.sha256Hex(bytes);
        assertThat(seen.putIfAbsent(number, hash)).as("CRL " + number + " changed")
            .isIn(null, hash);
      } else {
        Path der = file.resolveSibling(number + ".crl");
        assertThat(der).exists();
        assertThat(parsed.getEncoded()).isEqualTo(Files.readAllBytes(der));
      }
    }
    return state;
  }

  private static long derCount(ItWorkspace workspace) throws Exception {
    return crlFiles(workspace).stream().filter(f -> f.toString().endsWith(".crl")).count();
  }

  /** The CRL files under final names (temporary files start with a dot). */
  private static List<Path> crlFiles(ItWorkspace workspace) throws Exception {
    Path dir = workspace.state().resolve("crls/root-2026");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }
}
