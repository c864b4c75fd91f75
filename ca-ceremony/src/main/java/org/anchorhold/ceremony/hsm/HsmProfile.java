package org.anchorhold.ceremony.hsm;

import java.nio.file.Path;

/**
 * How to reach the token that holds a CA key: the PKCS#11 module, the token's label (the slot is
 * resolved from it at run time) and where the PIN comes from. It holds no secret itself.
 */
public record HsmProfile(Path module, String tokenLabel, PinSource pin) {}
