package org.anchorhold.ceremony.csr;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A CSR that passed every check: the only thing taken from it is its public key; the requested
 * extensions that were ignored are listed for the transcript.
 *
 * @param publicKey the issuer's public key, proven by the CSR's signature
 * @param keyDescription the key type for people, such as {@code ECDSA P-256}
 * @param ignoredExtensions names of the requested extensions the profile ignores
 */
public record CheckedCsr(
    SubjectPublicKeyInfo publicKey, String keyDescription, List<String> ignoredExtensions) {

  public CheckedCsr {
    ignoredExtensions = List.copyOf(ignoredExtensions);
  }

  /** The public key's DER encoding, for comparing keys. */
  public byte[] encodedKey() {
    try {
      return publicKey.getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of a parsed key failed", e);
    }
  }
}
