package org.anchorhold.ceremony.cert;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The issuer intermediate profile of PROFILES.md, for a SPIRE server's disk UpstreamAuthority:
 * issuer name bytes copied from the root, basicConstraints critical with cA and a path length
 * absent or at least 1, keyUsage critical keyCertSign and cRLSign, no EKU, the SAN
 * {@code spiffe://<td>}, a critical URI name constraint on the trust domain host, AKI equal to
 * the root's SKI, an SKI, the CRL distribution point and a validity inside the root's.
 */
public final class IntermediateProfile {
  private static final Set<ASN1ObjectIdentifier> EXTENSIONS = Set.of(
      Extension.basicConstraints, Extension.keyUsage, Extension.subjectKeyIdentifier,
      Extension.authorityKeyIdentifier, Extension.subjectAlternativeName,
      Extension.nameConstraints, Extension.cRLDistributionPoints);

  private IntermediateProfile() {}

  /**
   * What an intermediate says, before it is signed.
   *
   * @param rootSubject the root certificate's subject, DER bytes as they appear in it (F04)
   * @param rootSki the root's subjectKeyIdentifier value
   * @param rootNotBefore the start of the root's validity
   * @param rootNotAfter the end of the root's validity
   * @param subject the intermediate's subject, from the ceremony file
   * @param publicKey the issuer's key, from its CSR
   * @param pathLength the pathLenConstraint, empty for none
   */
  public record Request(byte[] rootSubject, byte[] rootSki, Instant rootNotBefore,
      Instant rootNotAfter, X500Name subject, SubjectPublicKeyInfo publicKey, BigInteger serial,
      Instant notBefore, Instant notAfter, String trustDomain, String crlUrl,
      Optional<Integer> pathLength) {

    public Request {
      rootSubject = rootSubject.clone();
      rootSki = rootSki.clone();
    }

    /** The fields of a root certificate a request needs. */
    public static RootFacts root(X509Certificate root) {
      byte[] skiExtension = root.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      if (skiExtension == null) {
        throw new IllegalArgumentException("the root certificate has no subjectKeyIdentifier");
      }
      byte[] ski = SubjectKeyIdentifier.getInstance(
          org.bouncycastle.asn1.ASN1OctetString.getInstance(skiExtension).getOctets())
          .getKeyIdentifier();
      return new RootFacts(root.getSubjectX500Principal().getEncoded(), ski,
          root.getNotBefore().toInstant(), root.getNotAfter().toInstant());
    }
  }

  /** The subject bytes, SKI and validity of a root. */
  public record RootFacts(byte[] subject, byte[] ski, Instant notBefore, Instant notAfter) {
    public RootFacts {
      subject = subject.clone();
      ski = ski.clone();
    }
  }

  /** The builder for the to-be-signed intermediate. */
  public static X509v3CertificateBuilder builder(Request request) throws CertIOException {
    // F04: the issuer name is the root's subject as encoded in the root, never re-encoded text.
    X500Name issuer = X500Name.getInstance(request.rootSubject());
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, request.serial(),
        Date.from(request.notBefore()), Date.from(request.notAfter()), request.subject(),
        request.publicKey());
    builder.addExtension(Extension.basicConstraints, true, request.pathLength().isPresent()
        ? new BasicConstraints(request.pathLength().get()) : new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false,
        RootProfile.subjectKeyIdentifier(request.publicKey()));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        new AuthorityKeyIdentifier(request.rootSki()));
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
        new GeneralName(GeneralName.uniformResourceIdentifier,
            "spiffe://" + request.trustDomain())));
    // RFC 5280 §4.2.1.10: a URI constraint without a leading '.' names exactly one host.
    GeneralSubtree permitted = new GeneralSubtree(
        new GeneralName(GeneralName.uniformResourceIdentifier, request.trustDomain()));
    builder.addExtension(Extension.nameConstraints, true,
        new NameConstraints(new GeneralSubtree[] {permitted}, null));
    builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                request.crlUrl()))), null, null)}));
    return builder;
  }

  /** Every rule of the intermediate profile, checked on DER to-be-signed bytes. */
  public static List<String> lint(byte[] tbsDer, Request request) {
    TBSCertificate tbs = TBSCertificate.getInstance(tbsDer);
    TbsChecks checks = new TbsChecks(tbs);
    checks.require(tbs.getVersionNumber() == 3, "version must be 3");
    checks.serial();
    checks.require(tbs.getSerialNumber().getValue().equals(request.serial()),
        "serial number must be the one drawn for this certificate");
    checks.require(Arrays.equals(encoded(tbs.getIssuer()), request.rootSubject()),
        "issuer bytes must equal the root's subject bytes");
    checks.require(!Arrays.equals(encoded(tbs.getSubject()), request.rootSubject()),
        "subject must differ from the root's subject");
    checks.require(tbs.getSubjectPublicKeyInfo().equals(request.publicKey()),
        "subjectPublicKeyInfo must be the CSR's key");
    checks.validity(request.notBefore(), request.notAfter());
    validity(checks, tbs, request);
    checks.onlyExtensions(EXTENSIONS);
    checks.caBasicConstraints(1);
    pathLength(checks, request);
    checks.caKeyUsage();
    keyIdentifiers(checks, request);
    checks.require(checks.extension(Extension.extendedKeyUsage) == null, "EKU must be absent");
    subjectAltName(checks, request.trustDomain());
    nameConstraints(checks, request.trustDomain());
    distributionPoint(checks, request.crlUrl());
    return checks.violations();
  }

  private static void validity(TbsChecks checks, TBSCertificate tbs, Request request) {
    Instant notBefore = tbs.getStartDate().getDate().toInstant();
    Instant notAfter = tbs.getEndDate().getDate().toInstant();
    checks.require(notAfter.isAfter(notBefore), "notAfter must be after notBefore");
    checks.require(!notBefore.isBefore(request.rootNotBefore()),
        "notBefore must not be before the root's notBefore");
    checks.require(!notAfter.isAfter(request.rootNotAfter()),
        "notAfter must not be after the root's notAfter");
  }

  private static void pathLength(TbsChecks checks, Request request) {
    Extension extension = checks.extension(Extension.basicConstraints);
    if (extension == null) {
      return;
    }
    BigInteger pathLength = BasicConstraints.getInstance(extension.getParsedValue())
        .getPathLenConstraint();
    Optional<Integer> actual = Optional.ofNullable(pathLength).map(BigInteger::intValueExact);
    checks.require(actual.equals(request.pathLength()),
        "pathLenConstraint must be " + request.pathLength().map(String::valueOf)
        .orElse("absent"));
  }

  private static void keyIdentifiers(TbsChecks checks, Request request) {
    Extension ski = checks.extension(Extension.subjectKeyIdentifier);
    byte[] expectedSki = RootProfile.subjectKeyIdentifier(request.publicKey()).getKeyIdentifier();
    checks.require(ski != null && !ski.isCritical() && Arrays.equals(expectedSki,
        SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier()),
        "subjectKeyIdentifier must be the SHA-1 of the subject key (RFC 5280 §4.2.1.2)");
    Extension aki = checks.extension(Extension.authorityKeyIdentifier);
    AuthorityKeyIdentifier value = aki == null ? null
        : AuthorityKeyIdentifier.getInstance(aki.getParsedValue());
    checks.require(value != null && !aki.isCritical()
        && Arrays.equals(value.getKeyIdentifierObject() == null ? null
            : value.getKeyIdentifierObject().getOctets(), request.rootSki())
        && value.getAuthorityCertIssuer() == null && value.getAuthorityCertSerialNumber() == null,
        "authorityKeyIdentifier must be exactly the root's subjectKeyIdentifier");
  }

  private static void subjectAltName(TbsChecks checks, String trustDomain) {
    Extension san = checks.extension(Extension.subjectAlternativeName);
    GeneralName[] names = san == null ? new GeneralName[0]
        : GeneralNames.getInstance(san.getParsedValue()).getNames();
    checks.require(san != null && !san.isCritical() && names.length == 1
        && names[0].getTagNo() == GeneralName.uniformResourceIdentifier
        && names[0].getName().toString().equals("spiffe://" + trustDomain),
        "subjectAltName must be exactly the URI spiffe://" + trustDomain);
  }

  private static void nameConstraints(TbsChecks checks, String trustDomain) {
    Extension extension = checks.extension(Extension.nameConstraints);
    NameConstraints constraints = extension == null ? null
        : NameConstraints.getInstance(extension.getParsedValue());
    GeneralSubtree[] permitted = constraints == null ? null : constraints.getPermittedSubtrees();
    boolean exact = permitted != null && permitted.length == 1
        && constraints.getExcludedSubtrees() == null
        && permitted[0].getBase().getTagNo() == GeneralName.uniformResourceIdentifier
        && permitted[0].getBase().getName().toString().equals(trustDomain)
        && permitted[0].getMinimum().signum() == 0 && permitted[0].getMaximum() == null;
    checks.require(extension != null && extension.isCritical() && exact,
        "nameConstraints must be critical and permit exactly the URI host " + trustDomain);
  }

  private static void distributionPoint(TbsChecks checks, String crlUrl) {
    Extension extension = checks.extension(Extension.cRLDistributionPoints);
    DistributionPoint[] points = extension == null ? new DistributionPoint[0]
        : CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints();
    boolean exact = points.length == 1 && points[0].getReasons() == null
        && points[0].getCRLIssuer() == null && points[0].getDistributionPoint() != null
        && points[0].getDistributionPoint().getType() == DistributionPointName.FULL_NAME;
    if (exact) {
      GeneralName[] names = GeneralNames.getInstance(
          points[0].getDistributionPoint().getName()).getNames();
      exact = names.length == 1 && names[0].getTagNo() == GeneralName.uniformResourceIdentifier
          && names[0].getName().toString().equals(crlUrl);
    }
    checks.require(extension != null && !extension.isCritical() && exact,
        "cRLDistributionPoints must name exactly " + crlUrl);
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("DER encoding of a name failed", e);
    }
  }
}
