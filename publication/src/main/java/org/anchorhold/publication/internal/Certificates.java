package org.anchorhold.publication.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** DER and PEM certificates and CRLs through the JDK's X.509 factory and BouncyCastle's PEM. */
public final class Certificates {
  private static final String CERTIFICATE = "CERTIFICATE";

  private Certificates() {}

  /** One DER certificate; trailing bytes are refused. */
  public static X509Certificate parseDer(byte[] der, String what) throws CertificateException {
    X509Certificate cert = (X509Certificate) factory()
        .generateCertificate(new ByteArrayInputStream(der));
    if (!Arrays.equals(cert.getEncoded(), der)) {
      throw new CertificateException(what + " is not exactly one der certificate");
    }
    return cert;
  }

  /** One DER CRL; trailing bytes are refused. */
  public static X509CRL parseCrl(byte[] der, String what) throws GeneralSecurityException {
    X509CRL crl = (X509CRL) factory().generateCRL(new ByteArrayInputStream(der));
    if (!Arrays.equals(crl.getEncoded(), der)) {
      throw new CertificateException(what + " is not exactly one der crl");
    }
    return crl;
  }

  /**
   * A PEM file of CERTIFICATE blocks only, at least one; any other block or text between blocks
   * other than whitespace is refused.
   */
  public static List<X509Certificate> parsePem(byte[] pem, String what)
      throws CertificateException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    List<X509Certificate> certs = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject object;
      while ((object = reader.readPemObject()) != null) {
        if (!CERTIFICATE.equals(object.getType()) || !object.getHeaders().isEmpty()) {
          throw new CertificateException(what + " holds a pem block other than CERTIFICATE");
        }
        certs.add(parseDer(object.getContent(), what));
      }
    } catch (IOException e) {
      throw new CertificateException(what + " is not valid pem", e);
    }
    if (certs.isEmpty()) {
      throw new CertificateException(what + " holds no certificate");
    }
    if (!Arrays.equals(toPem(certs), pem)) {
      throw new CertificateException(what + " is not canonical pem (stray text or line breaks)");
    }
    return certs;
  }

  /** Certificates as PEM: 64-column base64 lines, LF line ends. */
  public static byte[] toPem(List<X509Certificate> certs) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      for (X509Certificate cert : certs) {
        writer.writeObject(new PemObject(CERTIFICATE, cert.getEncoded()));
      }
    } catch (IOException | CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be written as pem", e);
    }
    return out.toString().replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** The DER encoding, as an unchecked failure: certificates here were parsed from DER. */
  public static byte[] der(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }

  /** Whether a certificate is self-issued and its signature verifies with its own key. */
  public static boolean isSelfSigned(X509Certificate cert) {
    if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
      return false;
    }
    return isSignedBy(cert, cert);
  }

  /** Whether {@code cert} names {@code issuer} and verifies with its key. */
  public static boolean isSignedBy(X509Certificate cert, X509Certificate issuer) {
    if (!Arrays.equals(cert.getIssuerX500Principal().getEncoded(),
        issuer.getSubjectX500Principal().getEncoded())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }
}
