package org.anchorhold.ceremony.crl;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;

/**
 * The CRL profile of PROFILES.md: how a root's CRL is built and the rules its to-be-signed bytes
 * must pass before the HSM is asked to sign them.
 */
public final class CrlProfile {
  /** The largest CRL number that fits in 20 octets as a positive DER INTEGER (RFC 5280 §5.2.3). */
  public static final BigInteger MAX_NUMBER = BigInteger.ONE.shiftLeft(159).subtract(
      BigInteger.ONE);

  /** The longest window from thisUpdate to nextUpdate (PROFILES.md, CRL). */
  public static final Duration MAX_WINDOW = Duration.ofDays(365);

  /** 2050-01-01T00:00:00Z: the first instant that must use GeneralizedTime (RFC 5280 §5.1.2.4). */
  private static final Instant GENERALIZED_TIME_FROM = Instant.parse("2050-01-01T00:00:00Z");

  private CrlProfile() {}

  /**
   * What a CRL states: the issuing root certificate (its subject bytes and SKI are copied), the
   * number, the window and the revoked entries.
   */
  public record Request(
      X509CertificateHolder root, BigInteger number, Instant thisUpdate, Instant nextUpdate,
      List<CrlEntry> entries) {
    public Request {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Why this root may not sign CRLs, if it may not: RFC 5280 §4.2.1.3 requires cRLSign in the
   * key usage of a CRL issuer, and §4.2.1.1 needs the SKI to fill the CRL's AKI (field case F08).
   */
  public static Optional<String> crlSignerProblem(X509CertificateHolder root) {
    KeyUsage usage = KeyUsage.fromExtensions(root.getExtensions());
    if (usage == null || !usage.hasUsages(KeyUsage.cRLSign)) {
      return Optional.of("its keyUsage lacks cRLSign, so it may not sign CRLs (RFC 5280 "
          + "§4.2.1.3); relying parties would reject its CRL");
    }
    if (SubjectKeyIdentifier.fromExtensions(root.getExtensions()) == null) {
      return Optional.of("it has no subjectKeyIdentifier for the CRL's authorityKeyIdentifier "
          + "(RFC 5280 §5.2.1)");
    }
    return Optional.empty();
  }

  /** The builder for a request: v2, issuer bytes and AKI copied from the root. */
  public static X509v2CRLBuilder builder(Request request) throws CertIOException {
    X509v2CRLBuilder builder = new X509v2CRLBuilder(request.root().getSubject(),
        time(request.thisUpdate()));
    builder.setNextUpdate(time(request.nextUpdate()));
    byte[] ski = SubjectKeyIdentifier.fromExtensions(request.root().getExtensions())
        .getKeyIdentifier();
    // RFC 5280 §5.2.1: keyIdentifier only, the same bytes as the root's SKI (field case F08).
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        new AuthorityKeyIdentifier(ski));
    builder.addExtension(Extension.cRLNumber, false, new CRLNumber(request.number()));
    for (CrlEntry entry : request.entries()) {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      try {
        if (entry.reason().encoded()) {
          extensions.addExtension(Extension.reasonCode, false,
              CRLReason.lookup(entry.reason().code()));
        }
        if (entry.invalidityDate() != null) {
          // RFC 5280 §5.3.2: the invalidity date is always GeneralizedTime.
          extensions.addExtension(Extension.invalidityDate, false,
              new ASN1GeneralizedTime(Date.from(entry.invalidityDate())));
        }
      } catch (java.io.IOException e) {
        throw new CertIOException("cannot encode a CRL entry extension", e);
      }
      // BouncyCastle encodes the revocationDate with Time(Date), which follows the same
      // UTCTime-through-2049 rule; the lint below checks it.
      builder.addCRLEntry(entry.serial(), Date.from(entry.revocationDate()),
          extensions.isEmpty() ? null : extensions.generate());
    }
    return builder;
  }

  /** RFC 5280 §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050 (field case F07). */
  static Time time(Instant instant) {
    Date date = Date.from(instant);
    return instant.isBefore(GENERALIZED_TIME_FROM)
        ? new Time(new ASN1UTCTime(date))
        : new Time(new ASN1GeneralizedTime(date));
  }

  /** Every rule the to-be-signed CRL breaks; empty when it may be signed. */
  public static List<String> lint(byte[] tbsBytes, Request request) {
    List<String> violations = new ArrayList<>();
    TBSCertList tbs;
    try {
      tbs = TBSCertList.getInstance(tbsBytes);
    } catch (RuntimeException e) {
      return List.of("the to-be-signed CRL does not parse: " + e.getMessage());
    }
    check(violations, tbs.getVersionNumber() == 2, "version must be v2 (RFC 5280 §5.1.2.1)");
    check(violations, Arrays.equals(encoded(tbs.getIssuer()),
        encoded(request.root().getSubject())),
        "issuer must be the root's subject, byte for byte (RFC 5280 §5.1.2.3)");
    window(violations, tbs, request);
    extensions(violations, tbs.getExtensions(), request);
    entries(violations, tbs, request);
    return violations;
  }

  private static void window(List<String> violations, TBSCertList tbs, Request request) {
    timeEncoding(violations, "thisUpdate", tbs.getThisUpdate());
    Time next = tbs.getNextUpdate();
    if (next == null) {
      violations.add("nextUpdate is missing (RFC 5280 §5.1.2.5)");
      return;
    }
    timeEncoding(violations, "nextUpdate", next);
    Instant thisUpdate = tbs.getThisUpdate().getDate().toInstant();
    Instant nextUpdate = next.getDate().toInstant();
    check(violations, nextUpdate.isAfter(thisUpdate), "nextUpdate must be after thisUpdate");
    check(violations, !nextUpdate.isAfter(thisUpdate.plus(MAX_WINDOW)),
        "nextUpdate must be at most 365 days after thisUpdate (Baseline Requirements §4.9.7)");
    Instant rootEnd = request.root().getNotAfter().toInstant();
    check(violations, !nextUpdate.isAfter(rootEnd),
        "nextUpdate must not be after the root's notAfter " + rootEnd);
    check(violations, thisUpdate.equals(request.thisUpdate())
        && nextUpdate.equals(request.nextUpdate()), "the window differs from the request");
  }

  private static void extensions(List<String> violations, Extensions extensions,
      Request request) {
    if (extensions == null) {
      violations.add("crlExtensions are missing");
      return;
    }
    for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
      check(violations, oid.equals(Extension.authorityKeyIdentifier)
          || oid.equals(Extension.cRLNumber), "extension " + oid + " is not in the profile");
    }
    Extension aki = extensions.getExtension(Extension.authorityKeyIdentifier);
    if (aki == null) {
      violations.add("authorityKeyIdentifier is missing (RFC 5280 §5.2.1)");
    } else {
      AuthorityKeyIdentifier value = AuthorityKeyIdentifier.getInstance(aki.getParsedValue());
      byte[] ski = SubjectKeyIdentifier.fromExtensions(request.root().getExtensions())
          .getKeyIdentifier();
      check(violations, !aki.isCritical(), "authorityKeyIdentifier must not be critical");
      check(violations, value.getAuthorityCertIssuer() == null
          && value.getAuthorityCertSerialNumber() == null,
          "authorityKeyIdentifier must hold the keyIdentifier only");
      check(violations, Arrays.equals(value.getKeyIdentifierOctets(), ski),
          "authorityKeyIdentifier must equal the root's subjectKeyIdentifier (field case F08)");
    }
    Extension number = extensions.getExtension(Extension.cRLNumber);
    if (number == null) {
      violations.add("cRLNumber is missing (RFC 5280 §5.2.3)");
    } else {
      BigInteger value = CRLNumber.getInstance(number.getParsedValue()).getCRLNumber();
      check(violations, !number.isCritical(), "cRLNumber must not be critical");
      check(violations, value.signum() > 0 && value.compareTo(MAX_NUMBER) <= 0,
          "cRLNumber must be positive and fit in 20 octets (RFC 5280 §5.2.3)");
      check(violations, value.equals(request.number()), "cRLNumber differs from the request");
    }
  }

  private static void entries(List<String> violations, TBSCertList tbs, Request request) {
    TBSCertList.CRLEntry[] entries = tbs.getRevokedCertificates();
    Set<BigInteger> seen = new HashSet<>();
    for (TBSCertList.CRLEntry entry : entries) {
      BigInteger serial = entry.getUserCertificate().getValue();
      check(violations, seen.add(serial), "serial " + serial.toString(16) + " is listed twice");
      check(violations, serial.signum() > 0 && serial.toByteArray().length <= 20,
          "serial " + serial.toString(16) + " must be positive and fit in 20 octets");
      timeEncoding(violations, "revocationDate of " + serial.toString(16),
          entry.getRevocationDate());
      Extensions extensions = entry.getExtensions();
      if (extensions != null) {
        entryExtensions(violations, serial, extensions);
      }
    }
    Set<BigInteger> requested = new HashSet<>();
    request.entries().forEach(e -> requested.add(e.serial()));
    check(violations, seen.equals(requested), "the revoked entries differ from the request");
  }

  private static void entryExtensions(List<String> violations, BigInteger serial,
      Extensions extensions) {
    String which = "entry " + serial.toString(16);
    for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
      check(violations, oid.equals(Extension.reasonCode) || oid.equals(Extension.invalidityDate),
          which + " has extension " + oid + ", which is not in the profile");
      check(violations, !extensions.getExtension(oid).isCritical(),
          which + " extension " + oid + " must not be critical");
    }
    Extension reason = extensions.getExtension(Extension.reasonCode);
    if (reason != null) {
      int code = ASN1Enumerated.getInstance(reason.getParsedValue()).intValueExact();
      check(violations, Arrays.stream(ReasonCode.values())
          .anyMatch(r -> r.encoded() && r.code() == code),
          which + " reasonCode " + code + " is not one a root may use (RFC 5280 §5.3.1)");
    }
    Extension invalidity = extensions.getExtension(Extension.invalidityDate);
    if (invalidity != null) {
      ASN1Encodable value = invalidity.getParsedValue();
      check(violations, value instanceof ASN1GeneralizedTime
          && raw(value).matches("\\d{14}Z"),
          which + " invalidityDate must be GeneralizedTime in whole seconds (RFC 5280 §5.3.2)");
    }
  }

  private static void timeEncoding(List<String> violations, String field, Time time) {
    ASN1Encodable value = time.toASN1Primitive();
    Instant instant = time.getDate().toInstant();
    if (instant.isBefore(GENERALIZED_TIME_FROM)) {
      check(violations, value instanceof ASN1UTCTime && raw(value).matches("\\d{12}Z"),
          field + " before 2050 must be UTCTime in whole seconds (RFC 5280 §5.1.2.4)");
    } else {
      check(violations, value instanceof ASN1GeneralizedTime
          && raw(value).matches("\\d{14}Z"),
          field + " from 2050 must be GeneralizedTime in whole seconds (RFC 5280 §5.1.2.4)");
    }
  }

  /** The characters of a DER time as encoded (tag and one-byte length stripped). */
  private static String raw(ASN1Encodable time) {
    byte[] der = encoded(time);
    return der.length < 2 ? "" : new String(der, 2, der.length - 2,
        java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static byte[] encoded(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }

  private static void check(List<String> violations, boolean condition, String violation) {
    if (!condition) {
      violations.add(violation);
    }
  }
}
