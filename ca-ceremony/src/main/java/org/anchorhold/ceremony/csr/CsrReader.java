package org.anchorhold.ceremony.csr;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads a CSR file, PEM ({@code CERTIFICATE REQUEST}) or DER, and refuses everything else in one
 * line: empty or oversized files, certificates, private keys, other PEM types and garbage. A
 * refused file's content never appears in a message.
 */
public final class CsrReader {
  /** A CSR is a few kilobytes; a larger file is not one. */
  public static final int MAX_BYTES = 64 * 1024;

  private CsrReader() {}

  /** The CSR structure in the file. */
  public static CertificationRequest read(Path file) throws CsrException {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new CsrException("is not a regular file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new CsrException("is larger than 64 KiB; a CSR is a few kilobytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CsrException("cannot be read: " + e.getClass().getSimpleName(), e);
    }
    return parse(bytes);
  }

  /** The CSR structure in these bytes. */
  public static CertificationRequest parse(byte[] bytes) throws CsrException {
    if (bytes.length == 0) {
      throw new CsrException("is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new CsrException("is larger than 64 KiB; a CSR is a few kilobytes");
    }
    byte[] der = bytes[0] == 0x30 ? bytes : pem(bytes);
    ASN1Primitive primitive;
    boolean trailing;
    try (ASN1InputStream in = new ASN1InputStream(der)) {
      primitive = in.readObject();
      trailing = in.available() > 0;
    } catch (IOException | RuntimeException e) {
      throw new CsrException("is not a PEM or DER certificate request");
    }
    if (primitive == null) {
      throw new CsrException("is not a PEM or DER certificate request");
    }
    try {
      if (trailing || !java.util.Arrays.equals(primitive.getEncoded("DER"), der)) {
        throw new CsrException("is not DER: the request must be encoded canonically, with "
            + "nothing after it");
      }
      if (isCertificate(primitive)) {
        throw new CsrException("is a certificate, not a certificate request");
      }
      CertificationRequest request = CertificationRequest.getInstance(primitive);
      return request;
    } catch (IOException | RuntimeException e) {
      throw new CsrException("is not a PEM or DER certificate request");
    }
  }

  private static boolean isCertificate(ASN1Primitive primitive) {
    try {
      org.bouncycastle.asn1.x509.Certificate.getInstance(primitive);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] pem(byte[] bytes) throws CsrException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    PemObject object;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      object = reader.readPemObject();
      if (object != null && reader.readPemObject() != null) {
        throw new CsrException("holds more than one PEM block; send the CSR alone");
      }
    } catch (IOException | RuntimeException e) {
      throw new CsrException("is not a PEM or DER certificate request");
    }
    if (object == null) {
      throw new CsrException("is not a PEM or DER certificate request");
    }
    String type = object.getType();
    if (type.contains("PRIVATE KEY")) {
      throw new CsrException("holds a private key (" + type + "), not a certificate request; "
          + "an issuer's key never leaves the issuer");
    }
    if (!type.equals("CERTIFICATE REQUEST") && !type.equals("NEW CERTIFICATE REQUEST")) {
      throw new CsrException("holds a PEM " + type + ", not a CERTIFICATE REQUEST");
    }
    return object.getContent();
  }
}
