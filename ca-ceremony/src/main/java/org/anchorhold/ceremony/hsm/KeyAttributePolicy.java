package org.anchorhold.ceremony.hsm;

import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_ALWAYS_SENSITIVE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_DECRYPT;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_DERIVE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_EXTRACTABLE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_LOCAL;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_NEVER_EXTRACTABLE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_PRIVATE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_SENSITIVE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_SIGN;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_SIGN_RECOVER;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_TOKEN;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_UNWRAP;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes every CA private key must have, and the check of a key read back from the token.
 *
 * <p>Each value guarantees one property (PKCS#11 v2.40 §4.9): CKA_TOKEN survives the session;
 * CKA_PRIVATE needs login to use; CKA_SENSITIVE and CKA_EXTRACTABLE=false keep the key material
 * inside the token; CKA_NEVER_EXTRACTABLE, CKA_ALWAYS_SENSITIVE and CKA_LOCAL prove it was born
 * there and never left; CKA_SIGN only, so the key cannot decrypt, unwrap or derive.
 */
public final class KeyAttributePolicy {
  /** Attribute names and the values the template sets at generation. */
  public static final Map<String, Boolean> GENERATION_TEMPLATE = template();

  /** Attribute types and names checked after generation and before every use. */
  static final Map<Long, String> CHECKED = checked();

  /** Every attribute checked after generation, with the value it must have. */
  public static final Map<String, Boolean> REQUIRED = Map.copyOf(required());

  private KeyAttributePolicy() {}

  /** Every deviation from policy, as "CKA_X is false, must be true"; empty when compliant. */
  static List<String> violations(Map<Long, byte[]> attributes) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Long, String> entry : CHECKED.entrySet()) {
      Boolean expected = REQUIRED.get(entry.getValue());
      byte[] value = attributes.get(entry.getKey());
      if (value == null || value.length != 1) {
        problems.add(entry.getValue() + " is unavailable, must be " + expected);
      } else if ((value[0] != 0) != expected) {
        problems.add(entry.getValue() + " is " + (value[0] != 0) + ", must be " + expected);
      }
    }
    return problems;
  }

  private static Map<String, Boolean> template() {
    Map<String, Boolean> map = new LinkedHashMap<>();
    map.put("CKA_TOKEN", true);
    map.put("CKA_PRIVATE", true);
    map.put("CKA_SENSITIVE", true);
    map.put("CKA_EXTRACTABLE", false);
    map.put("CKA_SIGN", true);
    map.put("CKA_SIGN_RECOVER", false);
    map.put("CKA_DECRYPT", false);
    map.put("CKA_UNWRAP", false);
    map.put("CKA_DERIVE", false);
    return Map.copyOf(map);
  }

  private static Map<String, Boolean> required() {
    Map<String, Boolean> map = new LinkedHashMap<>(template());
    map.put("CKA_NEVER_EXTRACTABLE", true);
    map.put("CKA_ALWAYS_SENSITIVE", true);
    map.put("CKA_LOCAL", true);
    return map;
  }

  private static Map<Long, String> checked() {
    Map<Long, String> map = new LinkedHashMap<>();
    map.put(CKA_TOKEN, "CKA_TOKEN");
    map.put(CKA_PRIVATE, "CKA_PRIVATE");
    map.put(CKA_SENSITIVE, "CKA_SENSITIVE");
    map.put(CKA_EXTRACTABLE, "CKA_EXTRACTABLE");
    map.put(CKA_NEVER_EXTRACTABLE, "CKA_NEVER_EXTRACTABLE");
    map.put(CKA_ALWAYS_SENSITIVE, "CKA_ALWAYS_SENSITIVE");
    map.put(CKA_LOCAL, "CKA_LOCAL");
    map.put(CKA_SIGN, "CKA_SIGN");
    map.put(CKA_SIGN_RECOVER, "CKA_SIGN_RECOVER");
    map.put(CKA_DECRYPT, "CKA_DECRYPT");
    map.put(CKA_UNWRAP, "CKA_UNWRAP");
    map.put(CKA_DERIVE, "CKA_DERIVE");
    return map;
  }
}
