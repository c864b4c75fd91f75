package org.anchorhold.ceremony.cert;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;

/**
 * Rules shared by every certificate profile, checked on the to-be-signed structure. Each method
 * adds a violation to the list; the profile decides which rules apply.
 */
final class TbsChecks {
  /** 2050-01-01T00:00:00Z: the first instant that must use GeneralizedTime. */
  private static final long GENERALIZED_TIME_FROM = 2524608000L;

  private final TBSCertificate tbs;
  private final List<String> violations = new ArrayList<>();

  TbsChecks(TBSCertificate tbs) {
    this.tbs = tbs;
  }

  List<String> violations() {
    return violations;
  }

  void require(boolean condition, String violation) {
    if (!condition) {
      violations.add(violation);
    }
  }

  /** RFC 5280 §4.1.2.2: positive, at most 20 octets; ours carry 128 random bits. */
  void serial() {
    BigInteger serial = tbs.getSerialNumber().getValue();
    require(serial.signum() > 0, "serial number must be positive");
    require(serial.toByteArray().length <= 20, "serial number must fit in 20 octets");
  }

  /**
   * RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, whole seconds, Z; and
   * each time decodes to the instant that was asked for (a 2050 date in UTCTime reads as 1950).
   */
  void validity(java.time.Instant notBefore, java.time.Instant notAfter) {
    time("notBefore", tbs.getStartDate(), notBefore);
    time("notAfter", tbs.getEndDate(), notAfter);
  }

  private void time(String field, Time time, java.time.Instant expected) {
    java.util.Date decoded = time.getDate();
    if (!decoded.toInstant().equals(expected)) {
      violations.add(field + " decodes to " + decoded.toInstant() + ", not " + expected);
    }
    ASN1Encodable value = time.toASN1Primitive();
    long seconds = decoded.getTime() / 1000;
    require(decoded.getTime() % 1000 == 0, field + " must be whole seconds");
    if (seconds < GENERALIZED_TIME_FROM) {
      require(value instanceof ASN1UTCTime, field + " before 2050 must be UTCTime");
    } else {
      require(value instanceof ASN1GeneralizedTime,
          field + " from 2050 must be GeneralizedTime");
    }
  }

  /** The certificate carries exactly these extensions, by OID. */
  void onlyExtensions(Set<ASN1ObjectIdentifier> allowed) {
    Extensions extensions = tbs.getExtensions();
    if (extensions == null) {
      violations.add("extensions are missing");
      return;
    }
    for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
      require(allowed.contains(oid), "extension " + oid + " is not in the profile");
    }
  }

  /** basicConstraints critical with cA true and the given path length rule. */
  void caBasicConstraints(int minimumPathLength) {
    Extension extension = extension(Extension.basicConstraints);
    if (extension == null) {
      violations.add("basicConstraints is missing");
      return;
    }
    require(extension.isCritical(), "basicConstraints must be critical");
    BasicConstraints constraints = BasicConstraints.getInstance(extension.getParsedValue());
    require(constraints.isCA(), "basicConstraints must have cA true");
    BigInteger pathLength = constraints.getPathLenConstraint();
    require(pathLength == null || pathLength.intValue() >= minimumPathLength,
        "pathLenConstraint must be absent or at least " + minimumPathLength);
  }

  /** keyUsage critical with exactly keyCertSign and cRLSign. */
  void caKeyUsage() {
    Extension extension = extension(Extension.keyUsage);
    if (extension == null) {
      violations.add("keyUsage is missing");
      return;
    }
    require(extension.isCritical(), "keyUsage must be critical");
    KeyUsage usage = KeyUsage.getInstance(extension.getParsedValue());
    KeyUsage expected = new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign);
    require(usage.equals(expected), "keyUsage must be exactly keyCertSign and cRLSign");
  }

  Extension extension(ASN1ObjectIdentifier oid) {
    Extensions extensions = tbs.getExtensions();
    return extensions == null ? null : extensions.getExtension(oid);
  }
}
