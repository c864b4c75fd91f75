package org.anchorhold.ceremony.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The publication certificate: an end-entity certificate the root issues to the key that signs
 * manifests (DESIGN.md, publication). No basicConstraints (not a CA, RFC 5280 §4.2.1.9),
 * keyUsage critical digitalSignature only, no EKU, a subjectKeyIdentifier, an
 * authorityKeyIdentifier equal to the root's subjectKeyIdentifier, validity inside the root's.
 */
public final class PublicationKeyProfile {
  private static final Set<ASN1ObjectIdentifier> EXTENSIONS = Set.of(
      Extension.keyUsage, Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier);

  private PublicationKeyProfile() {}

  /**
   * What a publication certificate says, before it is signed.
   *
   * @param issuer the root's subject, exactly as encoded in the root
   * @param rootSki the root's subjectKeyIdentifier value
   * @param rootNotBefore the root's notBefore
   * @param rootNotAfter the root's notAfter
   */
  public record Request(X500Name issuer, byte[] rootSki, Instant rootNotBefore,
      Instant rootNotAfter, X500Name subject, PublicKey publicKey, BigInteger serial,
      Instant notBefore, Instant notAfter) {}

  /** The builder for the to-be-signed publication certificate. */
  public static X509v3CertificateBuilder builder(Request request) throws CertIOException {
    SubjectPublicKeyInfo keyInfo = SubjectPublicKeyInfo.getInstance(
        request.publicKey().getEncoded());
    X509v3CertificateBuilder builder = new X509v3CertificateBuilder(request.issuer(),
        request.serial(), Date.from(request.notBefore()), Date.from(request.notAfter()),
        request.subject(), keyInfo);
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.subjectKeyIdentifier, false,
        RootProfile.subjectKeyIdentifier(keyInfo));
    builder.addExtension(Extension.authorityKeyIdentifier, false,
        new AuthorityKeyIdentifier(request.rootSki()));
    return builder;
  }

  /** Every rule of the publication certificate profile, checked on DER to-be-signed bytes. */
  public static List<String> lint(byte[] tbsDer, Request request) {
    TBSCertificate tbs = TBSCertificate.getInstance(tbsDer);
    TbsChecks checks = new TbsChecks(tbs);
    checks.require(tbs.getVersionNumber() == 3, "version must be 3");
    checks.serial();
    checks.require(Arrays.equals(encoded(tbs.getIssuer()), encoded(request.issuer())),
        "issuer bytes must equal the root's subject bytes");
    checks.require(!Arrays.equals(encoded(tbs.getSubject()), encoded(request.issuer())),
        "subject must differ from the root's subject");
    checks.validity(request.notBefore(), request.notAfter());
    Instant notBefore = tbs.getStartDate().getDate().toInstant();
    Instant notAfter = tbs.getEndDate().getDate().toInstant();
    checks.require(!notBefore.isBefore(request.rootNotBefore())
        && !notAfter.isAfter(request.rootNotAfter()) && notAfter.isAfter(notBefore),
        "validity must lie inside the root's (" + request.rootNotBefore() + " to "
        + request.rootNotAfter() + ")");
    checks.onlyExtensions(EXTENSIONS);
    // RFC 5280 §4.2.1.9: without basicConstraints the certificate is not a CA.
    checks.require(checks.extension(Extension.basicConstraints) == null,
        "basicConstraints must be absent (an end-entity certificate)");
    Extension usage = checks.extension(Extension.keyUsage);
    checks.require(usage != null && usage.isCritical()
        && KeyUsage.getInstance(usage.getParsedValue())
            .equals(new KeyUsage(KeyUsage.digitalSignature)),
        "keyUsage must be critical and exactly digitalSignature");
    checks.require(checks.extension(Extension.extendedKeyUsage) == null, "EKU must be absent");
    Extension ski = checks.extension(Extension.subjectKeyIdentifier);
    checks.require(ski != null && Arrays.equals(
        SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier(),
        RootProfile.subjectKeyIdentifier(tbs.getSubjectPublicKeyInfo()).getKeyIdentifier()),
        "subjectKeyIdentifier must be the SHA-1 of the subject public key");
    Extension aki = checks.extension(Extension.authorityKeyIdentifier);
    checks.require(aki != null && Arrays.equals(
        AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifier(),
        request.rootSki()),
        "authorityKeyIdentifier must be the root's subjectKeyIdentifier");
    return checks.violations();
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a name failed", e);
    }
  }
}
