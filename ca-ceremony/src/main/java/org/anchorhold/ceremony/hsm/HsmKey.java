package org.anchorhold.ceremony.hsm;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A private key on the token, usable only through the SunPKCS11 provider instance it came from,
 * with its public half, the label and ID that name it, and the certificate stored beside it
 * (null for a key generated in this session, before its certificate exists).
 */
public record HsmKey(String label, byte[] id, PrivateKey privateKey, PublicKey publicKey,
    X509Certificate certificate, Provider provider) {

  /** The CKA_ID in lowercase hexadecimal. */
  public String idHex() {
    return HexFormat.of().formatHex(id);
  }
}
