package org.anchorhold.ceremony.state;

import java.time.Instant;

/**
 * A root in the state: where its certificate is, the key that signs for it, and when it is valid.
 *
 * @param name the root's name in the state and the publication
 * @param certificate the PEM file, relative to the state directory
 * @param sha256 the SHA-256 fingerprint of the DER certificate, lowercase hexadecimal
 * @param serial the serial number in hexadecimal
 * @param subject the subject as RFC 4514 text, for reading only
 * @param tokenLabel the label of the token that holds the key
 * @param keyLabel the CKA_LABEL of the key and its certificate on the token
 * @param keyId the CKA_ID of the key and its certificate, hexadecimal
 * @param algorithm the key algorithm as ceremony files name it
 * @param notBefore the certificate's notBefore
 * @param notAfter the certificate's notAfter
 * @param publicationKeyLabel the CKA_LABEL of the publication key on the same token, or null
 * @param publicationKeyId the CKA_ID of the publication key, hexadecimal, or null
 * @param publicationCertificate the publication certificate's PEM file, relative to the state
 *     directory, or null
 * @param publicationSha256 the SHA-256 fingerprint of the DER publication certificate, or null
 */
public record RootRecord(
    String name,
    String certificate,
    String sha256,
    String serial,
    String subject,
    String tokenLabel,
    String keyLabel,
    String keyId,
    String algorithm,
    Instant notBefore,
    Instant notAfter,
    String publicationKeyLabel,
    String publicationKeyId,
    String publicationCertificate,
    String publicationSha256) {

  /** A root without a publication key. */
  public RootRecord(String name, String certificate, String sha256, String serial,
      String subject, String tokenLabel, String keyLabel, String keyId, String algorithm,
      Instant notBefore, Instant notAfter) {
    this(name, certificate, sha256, serial, subject, tokenLabel, keyLabel, keyId, algorithm,
        notBefore, notAfter, null, null, null, null);
  }

  /** Whether the root has a publication key recorded. */
  public boolean hasPublicationKey() {
    return publicationKeyLabel != null && publicationCertificate != null;
  }

  /** This root with its publication key and certificate recorded. */
  public RootRecord withPublicationKey(String label, String id, String certificatePath,
      String certificateSha256) {
    return new RootRecord(name, certificate, sha256, serial, subject, tokenLabel, keyLabel, keyId,
        algorithm, notBefore, notAfter, label, id, certificatePath, certificateSha256);
  }
}
