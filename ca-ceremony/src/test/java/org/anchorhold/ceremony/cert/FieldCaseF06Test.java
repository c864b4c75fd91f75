package org.anchorhold.ceremony.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** F06: serial numbers from raw random bytes came out negative, zero or 21 octets long. */
class FieldCaseF06Test {

  @Test
  @DisplayName("F06 10,000 serials are positive, at most 20 octets, 128-bit and unique")
  void serials_arePositiveShortRandomAndUnique() {
    Set<BigInteger> seen = new HashSet<>();
    int highBitSet = 0;
    for (int i = 0; i < 10_000; i++) {
      BigInteger serial = Serials.random();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
      assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
      assertThat(seen.add(serial)).as("unique").isTrue();
      highBitSet += serial.testBit(127) ? 1 : 0;
    }
    // With 128 random bits the top bit is set in about half of the serials; a generator that
    // cleared it (127 bits) or shortened the value would fail this.
    assertThat(highBitSet).isBetween(4_500, 5_500);
  }
}
