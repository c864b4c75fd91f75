package org.anchorhold.ceremony.state;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A CRL a root signed.
 *
 * @param root the root's name
 * @param number the cRLNumber (RFC 5280 §5.2.3)
 * @param thisUpdate the CRL's thisUpdate
 * @param nextUpdate the CRL's nextUpdate
 * @param file the DER file, relative to the state directory
 * @param sha256 SHA-256 of the DER CRL, lowercase hexadecimal
 * @param renewalMarginDays days before nextUpdate by which the next CRL ceremony is due
 */
public record CrlRecord(
    String root, BigInteger number, Instant thisUpdate, Instant nextUpdate, String file,
    String sha256, int renewalMarginDays) {

  /** The date by which the next CRL ceremony must have signed a new CRL. */
  public Instant due() {
    return nextUpdate.minus(java.time.Duration.ofDays(renewalMarginDays));
  }
}
