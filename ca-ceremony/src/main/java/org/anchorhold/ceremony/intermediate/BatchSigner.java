package org.anchorhold.ceremony.intermediate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.CertificateSigning.Tbs;
import org.anchorhold.ceremony.cert.IntermediateProfile;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.cert.SignatureVerifier;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.intermediate.IntermediateCeremony.Planned;
import org.anchorhold.ceremony.intermediate.IntermediateCeremony.Signed;
import org.anchorhold.ceremony.run.CeremonyException;
import org.bouncycastle.cert.CertIOException;

/**
 * Builds, lints and signs a batch of intermediates side by side, one thread per processor (at
 * most four). Building and linting come first and need no HSM, so a certificate the profile
 * refuses fails the ceremony before the token is opened. Signing threads then share the one
 * logged-in HSM session, each with its own signature object (SunPKCS11 gives each its own
 * PKCS#11 operation, F03), so the HSM's signing overlaps the software verification of the
 * previous certificate. Results keep the batch's order; the first failure in that order is the
 * one reported.
 */
final class BatchSigner implements AutoCloseable {
  private static final int THREADS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /** An issuer with the linted TBS of its intermediate. */
  record Prepared(IssuerRequest issuer, Tbs tbs) {}

  private final ExecutorService pool;

  BatchSigner(int batchSize) {
    pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, batchSize)));
  }

  /** Builds and lints every intermediate; nothing is signed. */
  List<Prepared> prepare(List<Planned> planned, KeyAlgorithm algorithm)
      throws HsmException, LintException, CeremonyException {
    return inOrder(planned, item -> prepareOne(item, algorithm));
  }

  /** Signs every prepared intermediate with the key, then verifies and re-parses it. */
  List<Signed> sign(List<Prepared> prepared, HsmKey key, KeyAlgorithm algorithm,
      SignatureVerifier root) throws HsmException, LintException, CeremonyException {
    return inOrder(prepared, item -> new Signed(item.issuer(), CertificateSigning.sign(
        item.tbs(), CertificateSigning.hsmSigner(key, algorithm), root)));
  }

  /** One step of a batch, for one item. */
  private interface Step<A, B> {
    B apply(A item) throws HsmException, LintException, CeremonyException;
  }

  /** Runs the step on every item on the pool; the results, and the first failure, in order. */
  private <A, B> List<B> inOrder(List<A> items, Step<A, B> step)
      throws HsmException, LintException, CeremonyException {
    List<Future<B>> futures = new ArrayList<>();
    for (A item : items) {
      futures.add(pool.submit(() -> step.apply(item)));
    }
    List<B> results = new ArrayList<>();
    for (Future<B> future : futures) {
      results.add(result(future));
    }
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static Prepared prepareOne(Planned item, KeyAlgorithm algorithm)
      throws LintException, CeremonyException {
    String what = "intermediate for issuer '" + item.issuer().spec().name() + "'";
    try {
      return new Prepared(item.issuer(), CertificateSigning.prepare(
          IntermediateProfile.builder(item.request()),
          CertificateSigning.signatureAlgorithm(algorithm), what,
          tbs -> IntermediateProfile.lint(tbs, item.request())));
    } catch (CertIOException e) {
      throw new CeremonyException("cannot build the " + what + ": " + e.getMessage(), e);
    }
  }

  private static <T> T result(Future<T> future)
      throws HsmException, LintException, CeremonyException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CeremonyException("interrupted while signing", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HsmException hsm) {
        throw hsm;
      }
      if (cause instanceof LintException lint) {
        throw lint;
      }
      if (cause instanceof CeremonyException ceremony) {
        throw ceremony;
      }
      throw new CeremonyException("signing failed: " + cause, cause);
    }
  }
}
