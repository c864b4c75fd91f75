package org.anchorhold.ceremony.crl;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * The RFC 5280 §5.3.1 reason codes an offline root may give when it revokes an intermediate, by
 * their ASN.1 names. Left out on purpose: certificateHold (a hold can be lifted; our revocations
 * are final, and the Baseline Requirements forbid holds for CAs), removeFromCRL (delta CRLs only)
 * and aACompromise (attribute certificates only).
 */
public enum ReasonCode {
  UNSPECIFIED("unspecified", CRLReason.unspecified),
  KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
  CA_COMPROMISE("cACompromise", CRLReason.cACompromise),
  AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
  SUPERSEDED("superseded", CRLReason.superseded),
  CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
  PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn);

  private final String rfcName;
  private final int code;

  ReasonCode(String rfcName, int code) {
    this.rfcName = rfcName;
    this.code = code;
  }

  /** The name RFC 5280 gives it, as ceremony files and the state write it. */
  public String rfcName() {
    return rfcName;
  }

  /** The CRLReason enumerated value. */
  public int code() {
    return code;
  }

  /**
   * Whether the CRL entry carries a reasonCode extension: RFC 5280 §5.3.1 says the code
   * unspecified (0) SHOULD be expressed by leaving the extension out.
   */
  public boolean encoded() {
    return this != UNSPECIFIED;
  }

  /** The reason with this RFC 5280 name. */
  public static Optional<ReasonCode> fromRfcName(String name) {
    return Arrays.stream(values()).filter(r -> r.rfcName.equals(name)).findFirst();
  }

  /** The allowed names, comma separated, for messages. */
  public static String rfcNames() {
    return Arrays.stream(values()).map(ReasonCode::rfcName).collect(Collectors.joining(", "));
  }
}
