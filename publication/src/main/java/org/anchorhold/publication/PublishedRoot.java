package org.anchorhold.publication;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

/** A root to publish under {@code roots/<name>.crt}, with its current CRL (DER). */
public record PublishedRoot(String name, X509Certificate certificate, byte[] crl) {
  /** Refuses a name the layout cannot hold. */
  public PublishedRoot {
    Objects.requireNonNull(certificate, "certificate");
    if (!PublicationLayout.isName(name)) {
      throw new IllegalArgumentException("root name '" + name
          + "' must be lowercase letters, digits, '.', '-' or '_'");
    }
    crl = crl.clone();
  }

  @Override
  public byte[] crl() {
    return crl.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublishedRoot that && name.equals(that.name)
        && certificate.equals(that.certificate) && Arrays.equals(crl, that.crl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, certificate);
  }

  @Override
  public String toString() {
    return "PublishedRoot[" + name + "]";
  }
}
