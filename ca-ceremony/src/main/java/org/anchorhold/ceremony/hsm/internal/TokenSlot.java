package org.anchorhold.ceremony.hsm.internal;

/** A slot and the token in it, as C_GetTokenInfo describes it. */
public record TokenSlot(
    long slotId, String label, String manufacturer, String model, String serial, long flags) {

  /** Whether the token has been initialised (CKF_TOKEN_INITIALIZED). */
  public boolean initialized() {
    return (flags & Pkcs11Constants.CKF_TOKEN_INITIALIZED) != 0;
  }
}
