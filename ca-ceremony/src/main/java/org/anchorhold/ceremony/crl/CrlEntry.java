package org.anchorhold.ceremony.crl;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One revoked certificate as a CRL lists it (RFC 5280 §5.1.2.6 and §5.3).
 *
 * @param serial the certificate's serial number
 * @param revocationDate when the root revoked it
 * @param reason the RFC 5280 §5.3.1 reason
 * @param invalidityDate when the key is known or suspected to have become invalid, or null
 */
public record CrlEntry(
    BigInteger serial, Instant revocationDate, ReasonCode reason, Instant invalidityDate) {}
