package org.anchorhold.ceremony.hsm;

import java.util.Map;

/**
 * One object on a token as an officer sees it in {@code ceremony hsm check}: its class, label,
 * ID and the boolean attributes that decide what the object can be used for.
 */
public record TokenObject(
    String objectClass, String label, String idHex, String keyType, Map<String, Boolean> flags) {}
