package org.anchorhold.ceremony.cert;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * The root certificate profile of PROFILES.md: self-signed, basicConstraints critical with cA and
 * no path length, keyUsage critical keyCertSign and cRLSign only, a subjectKeyIdentifier, no EKU,
 * and a URI SAN {@code spiffe://<td>} only when the root serves exactly one trust domain.
 */
public final class RootProfile {
  private static final Set<ASN1ObjectIdentifier> EXTENSIONS = Set.of(
      Extension.basicConstraints, Extension.keyUsage, Extension.subjectKeyIdentifier,
      Extension.subjectAlternativeName);

  private RootProfile() {}

  /** What a root certificate says, before it is signed. */
  public record Request(X500Name subject, PublicKey publicKey, BigInteger serial,
      Instant notBefore, Instant notAfter, Optional<String> trustDomain) {}

  /** The builder for the to-be-signed root certificate. */
  public static X509v3CertificateBuilder builder(Request request) throws CertIOException {
    SubjectPublicKeyInfo keyInfo = SubjectPublicKeyInfo.getInstance(
        request.publicKey().getEncoded());
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
        request.subject(), request.serial(), Date.from(request.notBefore()),
        Date.from(request.notAfter()), request.subject(), keyInfo);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(keyInfo));
    if (request.trustDomain().isPresent()) {
      GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier,
          "spiffe://" + request.trustDomain().get());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(uri));
    }
    return builder;
  }

  /** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING. */
  public static SubjectKeyIdentifier subjectKeyIdentifier(SubjectPublicKeyInfo keyInfo) {
    return new BcX509ExtensionUtils().createSubjectKeyIdentifier(keyInfo);
  }

  /** Every rule of the root profile, checked on DER to-be-signed bytes. */
  public static List<String> lint(byte[] tbsDer, Request request) {
    TBSCertificate tbs = TBSCertificate.getInstance(tbsDer);
    TbsChecks checks = new TbsChecks(tbs);
    checks.require(tbs.getVersionNumber() == 3, "version must be 3");
    checks.serial();
    checks.require(Arrays.equals(encoded(tbs.getIssuer()), encoded(tbs.getSubject())),
        "issuer bytes must equal subject bytes");
    checks.validity(request.notBefore(), request.notAfter());
    checks.onlyExtensions(EXTENSIONS);
    checks.caBasicConstraints(2);
    checks.caKeyUsage();
    checks.require(checks.extension(Extension.subjectKeyIdentifier) != null,
        "subjectKeyIdentifier is missing");
    checks.require(checks.extension(Extension.extendedKeyUsage) == null, "EKU must be absent");
    Extension san = checks.extension(Extension.subjectAlternativeName);
    if (request.trustDomain().isEmpty()) {
      checks.require(san == null, "subjectAltName must be absent without a trust domain");
    } else {
      checks.require(san != null && singleUri(san, "spiffe://" + request.trustDomain().get()),
          "subjectAltName must be exactly the URI spiffe://" + request.trustDomain().get());
    }
    return checks.violations();
  }

  private static boolean singleUri(Extension san, String uri) {
    GeneralName[] names = GeneralNames.getInstance(san.getParsedValue()).getNames();
    return names.length == 1 && names[0].getTagNo() == GeneralName.uniformResourceIdentifier
        && names[0].getName().toString().equals(uri);
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("DER encoding of a name failed", e);
    }
  }
}
