package org.anchorhold.ceremony.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.anchorhold.ceremony.hsm.HsmException;

/** Reads certificates from PEM files with the JDK's parser. */
public final class PemFiles {
  private PemFiles() {}

  /** The single certificate in a PEM or DER file. */
  public static X509Certificate certificate(Path file) throws HsmException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    } catch (IOException | CertificateException | ClassCastException e) {
      throw new HsmException("cannot read a certificate from '" + file + "': "
          + e.getMessage());
    }
  }
}
