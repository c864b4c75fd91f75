package org.anchorhold.ceremony.cert;

import java.io.IOException;
import java.io.InputStream;
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
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException | ClassCastException e) {
      throw new HsmException("cannot read a certificate from '" + file + "': "
          + e.getMessage());
    }
  }
}
