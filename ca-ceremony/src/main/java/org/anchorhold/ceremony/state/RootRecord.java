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
    Instant notAfter) {}
