package org.anchorhold.ceremony.state;

import java.time.Instant;

/**
 * An intermediate CA certificate a root issued, and its revocation status.
 *
 * @param serial the serial number in lowercase hexadecimal, unique in the state
 * @param issuer the issuer's name (the SPIRE server or CA it was issued to), such as aws-east
 * @param root the name of the root that signed it
 * @param trustDomain the trust domain it is constrained to
 * @param certificate the PEM file, relative to the state directory
 * @param sha256 the SHA-256 fingerprint of the DER certificate, lowercase hexadecimal
 * @param status {@code valid} or {@code revoked}
 * @param revokedAt when it was revoked, or null
 * @param reason the RFC 5280 §5.3.1 reason name when revoked, or null
 * @param invalidityDate the RFC 5280 §5.3.2 invalidity date when given, or null
 */
public record IssuedRecord(
    String serial,
    String issuer,
    String root,
    String trustDomain,
    String certificate,
    String sha256,
    Instant notBefore,
    Instant notAfter,
    String status,
    Instant revokedAt,
    String reason,
    Instant invalidityDate) {

  /** The status of a certificate that has not been revoked. */
  public static final String VALID = "valid";

  /** The status of a revoked certificate. */
  public static final String REVOKED = "revoked";
}
