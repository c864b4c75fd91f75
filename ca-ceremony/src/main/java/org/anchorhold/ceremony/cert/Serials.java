package org.anchorhold.ceremony.cert;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Certificate serial numbers: 128 bits from a CSPRNG, read as a positive integer, so the DER
 * encoding is at most 17 octets (RFC 5280 §4.1.2.2 allows 20) and never zero or negative
 * (field case F06).
 */
public final class Serials {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Serials() {}

  /** A fresh random serial number. */
  public static BigInteger random() {
    BigInteger serial;
    do {
      byte[] bits = new byte[16];
      RANDOM.nextBytes(bits);
      serial = new BigInteger(1, bits);
    } while (serial.signum() == 0);
    return serial;
  }
}
