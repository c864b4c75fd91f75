package org.anchorhold.ceremony.csr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.cert.SignatureVerifier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The checks a CSR passes before its key is certified (PROFILES.md, issuer intermediate): its
 * signature proves possession of the key; the key is ECDSA P-256 or P-384 or RSA of at least the
 * floor; its subject is empty or the one the ceremony file expects; it requests no SAN but
 * {@code spiffe://<td>}; every other requested extension is ignored unless it is critical and
 * unknown. A SPIFFE ID with a path is refused, never rewritten: the intermediate names the trust
 * domain only (SPIFFE X509-SVID §4.1 leaves signing certificates without a path).
 */
public final class CsrChecks {
  /** Extensions this tool knows and ignores when a CSR requests them. */
  private static final Map<ASN1ObjectIdentifier, String> KNOWN = Map.ofEntries(
      Map.entry(Extension.basicConstraints, "basicConstraints"),
      Map.entry(Extension.keyUsage, "keyUsage"),
      Map.entry(Extension.extendedKeyUsage, "extendedKeyUsage"),
      Map.entry(Extension.nameConstraints, "nameConstraints"),
      Map.entry(Extension.cRLDistributionPoints, "cRLDistributionPoints"),
      Map.entry(Extension.subjectKeyIdentifier, "subjectKeyIdentifier"),
      Map.entry(Extension.authorityKeyIdentifier, "authorityKeyIdentifier"),
      Map.entry(Extension.certificatePolicies, "certificatePolicies"),
      Map.entry(Extension.policyConstraints, "policyConstraints"),
      Map.entry(Extension.policyMappings, "policyMappings"),
      Map.entry(Extension.inhibitAnyPolicy, "inhibitAnyPolicy"),
      Map.entry(Extension.authorityInfoAccess, "authorityInfoAccess"),
      Map.entry(Extension.subjectInfoAccess, "subjectInfoAccess"),
      Map.entry(Extension.issuerAlternativeName, "issuerAlternativeName"),
      Map.entry(Extension.subjectDirectoryAttributes, "subjectDirectoryAttributes"),
      Map.entry(Extension.freshestCRL, "freshestCRL"));

  private final String trustDomain;
  private final X500Name expectedSubject;
  private final int rsaMinimumBits;

  /**
   * Checks for one issuer.
   *
   * @param trustDomain the issuer's trust domain
   * @param expectedSubject the subject the ceremony file gives the intermediate
   * @param rsaMinimumBits the RSA floor
   */
  public CsrChecks(String trustDomain, X500Name expectedSubject, int rsaMinimumBits) {
    this.trustDomain = trustDomain;
    this.expectedSubject = expectedSubject;
    this.rsaMinimumBits = rsaMinimumBits;
  }

  /** Checks a parsed CSR and returns what the ceremony takes from it. */
  public CheckedCsr check(CertificationRequest structure) throws CsrException {
    PKCS10CertificationRequest request = new PKCS10CertificationRequest(structure);
    SubjectPublicKeyInfo key = request.getSubjectPublicKeyInfo();
    String keyDescription = keyPolicy(key);
    signature(request);
    subject(request.getSubject());
    return new CheckedCsr(key, keyDescription, extensions(request));
  }

  private String keyPolicy(SubjectPublicKeyInfo key) throws CsrException {
    ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ASN1Encodable parameters = key.getAlgorithm().getParameters();
      if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
        throw new CsrException("key is ECDSA with explicit curve parameters; allowed: a named "
            + "curve P-256 or P-384 (RFC 5480 §2.1.1)");
      }
      if (curve.equals(SECObjectIdentifiers.secp256r1)) {
        return "ECDSA P-256";
      }
      if (curve.equals(SECObjectIdentifiers.secp384r1)) {
        return "ECDSA P-384";
      }
      throw new CsrException("key is ECDSA on curve " + curveName(curve)
          + "; allowed: P-256, P-384");
    }
    if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      RSAPublicKey rsa;
      try {
        rsa = RSAPublicKey.getInstance(key.parsePublicKey());
      } catch (java.io.IOException | RuntimeException e) {
        throw new CsrException("key is an RSA key that cannot be parsed");
      }
      int bits = rsa.getModulus().bitLength();
      if (bits < rsaMinimumBits) {
        throw new CsrException("key is RSA " + bits + " bits; at least " + rsaMinimumBits
            + " are required");
      }
      BigInteger exponent = rsa.getPublicExponent();
      if (!exponent.testBit(0) || exponent.compareTo(BigInteger.valueOf(65537)) < 0) {
        throw new CsrException("key is RSA with public exponent " + exponent
            + "; at least 65537 and odd is required");
      }
      return "RSA " + bits;
    }
    throw new CsrException("key type " + algorithm.getId() + " is not allowed; allowed: ECDSA "
        + "P-256, P-384, RSA of at least " + rsaMinimumBits + " bits");
  }

  private static String curveName(ASN1ObjectIdentifier curve) {
    String name = org.bouncycastle.asn1.nist.NISTNamedCurves.getName(curve);
    if (name == null) {
      name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(curve);
    }
    return name == null ? curve.getId() : name;
  }

  private static void signature(PKCS10CertificationRequest request) throws CsrException {
    boolean valid;
    try {
      valid = SignatureVerifier.of(request.getSubjectPublicKeyInfo()).verifies(request);
    } catch (OperatorCreationException | PKCSException | java.io.IOException
        | RuntimeException e) {
      throw new CsrException("signature cannot be checked (algorithm "
          + request.getSignatureAlgorithm().getAlgorithm().getId() + ")");
    }
    if (!valid) {
      throw new CsrException("signature does not verify with the CSR's key: no proof of "
          + "possession");
    }
  }

  private void subject(X500Name subject) throws CsrException {
    if (subject.getRDNs().length != 0 && !subject.equals(expectedSubject)) {
      throw new CsrException("subject '" + printable(subject.toString()) + "' is neither empty "
          + "nor the subject of the ceremony file '" + expectedSubject + "'");
    }
  }

  private List<String> extensions(PKCS10CertificationRequest request) throws CsrException {
    Attribute[] requested = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (requested.length == 0) {
      return List.of();
    }
    ASN1Set values = requested[0].getAttrValues();
    if (requested.length > 1 || values.size() != 1) {
      throw new CsrException("requests extensions more than once");
    }
    Extensions extensions;
    try {
      extensions = Extensions.getInstance(values.getObjectAt(0));
    } catch (RuntimeException e) {
      throw new CsrException("requests extensions that cannot be parsed");
    }
    List<String> ignored = new ArrayList<>();
    for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
      Extension extension = extensions.getExtension(oid);
      if (oid.equals(Extension.subjectAlternativeName)) {
        subjectAltName(extension);
      } else if (KNOWN.containsKey(oid)) {
        ignored.add(KNOWN.get(oid));
      } else if (extension.isCritical()) {
        throw new CsrException("requests an unknown critical extension " + oid.getId());
      } else {
        ignored.add(oid.getId());
      }
    }
    return ignored;
  }

  /** SPIFFE X509-SVID §2: a signing certificate names the trust domain, with no path. */
  private void subjectAltName(Extension extension) throws CsrException {
    GeneralName[] names;
    try {
      names = GeneralNames.getInstance(extension.getParsedValue()).getNames();
    } catch (RuntimeException e) {
      throw new CsrException("requests a subjectAltName that cannot be parsed");
    }
    String expected = "spiffe://" + trustDomain;
    int uris = 0;
    for (GeneralName name : names) {
      if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
        throw new CsrException("requests a " + kind(name.getTagNo()) + " SAN; only the URI "
            + expected + " is allowed");
      }
      uris++;
    }
    if (uris > 1) {
      throw new CsrException("requests " + uris + " URI SANs; at most one, " + expected);
    }
    if (uris == 1) {
      String uri = printable(names[0].getName().toString());
      if (uri.startsWith(expected + "/")) {
        throw new CsrException("requests '" + uri + "', a SPIFFE ID with a path; an "
            + "intermediate names only its trust domain, " + expected);
      }
      if (!uri.equals(expected)) {
        throw new CsrException("requests URI SAN '" + uri + "', which is not " + expected);
      }
    }
  }

  /** Text from a CSR as one short printable line. */
  private static String printable(String text) {
    String line = text.codePoints()
        .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String kind(int tag) {
    return switch (tag) {
      case GeneralName.dNSName -> "DNS";
      case GeneralName.iPAddress -> "IP address";
      case GeneralName.rfc822Name -> "email";
      case GeneralName.directoryName -> "directory name";
      case GeneralName.otherName -> "otherName";
      case GeneralName.registeredID -> "registeredID";
      default -> "non-URI";
    };
  }
}
