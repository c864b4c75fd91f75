package org.anchorhold.ceremony.crl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.anchorhold.ceremony.audit.AuditLog;
import org.anchorhold.ceremony.state.StateDirectory;
import org.anchorhold.ceremony.state.StateException;
import org.anchorhold.ceremony.testsupport.SoftwareCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRL numbers over many ceremonies: strictly increasing, unique, at most 20 octets. */
class CrlNumberSequenceTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path directory;

  @Test
  void thousandCrlsInARow_haveStrictlyIncreasingNumbersOfAtMost20Octets() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), true);
    BigInteger previous = BigInteger.ZERO;
    Set<BigInteger> seen = new HashSet<>();

    for (int i = 0; i < 1000; i++) {
      CrlDraft.Signed signed = ca.crl(NOW.plus(Duration.ofMinutes(i)));
      BigInteger number = CrlNumbers.number(signed.crl()).orElseThrow();
      assertThat(number).isGreaterThan(previous);
      assertThat(number.toByteArray().length).isLessThanOrEqualTo(20);
      assertThat(seen.add(number)).isTrue();
      previous = number;
    }

    assertThat(previous).isEqualTo(BigInteger.valueOf(1000));
    try (StateDirectory state = StateDirectory.open(ca.directory())) {
      assertThat(state.state().crlsOf(SoftwareCa.ROOT)).hasSize(1000);
    }
    List<String> audit = AuditLog.verify(ca.directory().resolve(AuditLog.FILE));
    assertThat(audit).hasSize(1001);
    try (var files = Files.list(ca.directory().resolve("crls/root-test"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".crl")).count()).isEqualTo(1000);
    }
  }

  @Test
  void numberAfterTheTwentyOctetMaximum_isRefused() {
    assertThat(CrlProfile.MAX_NUMBER.toByteArray()).hasSize(20);
    assertThat(CrlProfile.MAX_NUMBER.add(BigInteger.ONE).toByteArray()).hasSize(21);
    assertThatThrownBy(() -> CrlNumbers.after(CrlProfile.MAX_NUMBER, "root-test"))
        .isInstanceOf(CrlException.class)
        .hasMessage("root 'root-test' has used every CRL number that fits in 20 octets "
            + "(RFC 5280 §5.2.3)");
  }

  @Test
  void crlFileWhoseNameDisagreesWithItsNumber_isRefusedAsAFaultOfTheState() throws Exception {
    SoftwareCa ca = SoftwareCa.create(directory.resolve("state"),
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z"), true);
    ca.crl(NOW);
    Path dir = ca.directory().resolve("crls/root-test");
    Files.copy(dir.resolve("1.crl"), dir.resolve("7.crl"));

    assertThatThrownBy(() -> CrlNumbers.lastOnDisk(ca.directory(), "root-test"))
        .isInstanceOf(StateException.class)
        .hasMessage("CRL file '" + dir.resolve("7.crl") + "' holds cRLNumber 1, not the number "
            + "in its name; the state's CRL files were changed: restore the state from its "
            + "backup");
  }
}
