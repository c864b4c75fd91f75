package org.anchorhold.ceremony.hsm.internal;

import java.util.Map;

/** The PKCS#11 v2.40 constants Anchorhold uses, with names for messages and reports. */
public final class Pkcs11Constants {
  public static final long CKR_OK = 0x0;
  public static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
  public static final long CKR_BUFFER_TOO_SMALL = 0x150;
  public static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
  public static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;

  public static final long CKF_TOKEN_PRESENT = 0x1;
  public static final long CKF_TOKEN_INITIALIZED = 0x400;
  public static final long CKF_USER_PIN_LOCKED = 0x40000;
  public static final long CKF_USER_PIN_FINAL_TRY = 0x20000;
  public static final long CKF_RW_SESSION = 0x2;
  public static final long CKF_SERIAL_SESSION = 0x4;

  public static final long CKO_CERTIFICATE = 0x1;
  public static final long CKO_PUBLIC_KEY = 0x2;
  public static final long CKO_PRIVATE_KEY = 0x3;
  public static final long CKC_X_509 = 0x0;
  public static final long CKK_RSA = 0x0;
  public static final long CKK_EC = 0x3;

  public static final long CKA_CLASS = 0x0;
  public static final long CKA_TOKEN = 0x1;
  public static final long CKA_PRIVATE = 0x2;
  public static final long CKA_LABEL = 0x3;
  public static final long CKA_VALUE = 0x11;
  public static final long CKA_CERTIFICATE_TYPE = 0x80;
  public static final long CKA_ISSUER = 0x81;
  public static final long CKA_SERIAL_NUMBER = 0x82;
  public static final long CKA_KEY_TYPE = 0x100;
  public static final long CKA_SUBJECT = 0x101;
  public static final long CKA_ID = 0x102;
  public static final long CKA_SENSITIVE = 0x103;
  public static final long CKA_ENCRYPT = 0x104;
  public static final long CKA_DECRYPT = 0x105;
  public static final long CKA_WRAP = 0x106;
  public static final long CKA_UNWRAP = 0x107;
  public static final long CKA_SIGN = 0x108;
  public static final long CKA_SIGN_RECOVER = 0x109;
  public static final long CKA_VERIFY = 0x10a;
  public static final long CKA_DERIVE = 0x10c;
  public static final long CKA_MODULUS = 0x120;
  public static final long CKA_PUBLIC_EXPONENT = 0x122;
  public static final long CKA_EXTRACTABLE = 0x162;
  public static final long CKA_LOCAL = 0x163;
  public static final long CKA_NEVER_EXTRACTABLE = 0x164;
  public static final long CKA_ALWAYS_SENSITIVE = 0x165;
  public static final long CKA_MODIFIABLE = 0x170;
  public static final long CKA_EC_PARAMS = 0x180;
  public static final long CKA_EC_POINT = 0x181;

  /** Mechanisms worth naming in an HSM report; others are shown by number. */
  public static final Map<Long, String> MECHANISMS = Map.ofEntries(
      Map.entry(0x0L, "CKM_RSA_PKCS_KEY_PAIR_GEN"),
      Map.entry(0x1L, "CKM_RSA_PKCS"),
      Map.entry(0xdL, "CKM_RSA_PKCS_PSS"),
      Map.entry(0x40L, "CKM_SHA256_RSA_PKCS"),
      Map.entry(0x41L, "CKM_SHA384_RSA_PKCS"),
      Map.entry(0x42L, "CKM_SHA512_RSA_PKCS"),
      Map.entry(0x43L, "CKM_SHA256_RSA_PKCS_PSS"),
      Map.entry(0x44L, "CKM_SHA384_RSA_PKCS_PSS"),
      Map.entry(0x1040L, "CKM_EC_KEY_PAIR_GEN"),
      Map.entry(0x1041L, "CKM_ECDSA"),
      Map.entry(0x1044L, "CKM_ECDSA_SHA256"),
      Map.entry(0x1045L, "CKM_ECDSA_SHA384"),
      Map.entry(0x1046L, "CKM_ECDSA_SHA512"));

  private static final Map<Long, String> RETURN_VALUES = Map.ofEntries(
      Map.entry(0x5L, "CKR_GENERAL_ERROR"),
      Map.entry(0x6L, "CKR_FUNCTION_FAILED"),
      Map.entry(0x7L, "CKR_ARGUMENTS_BAD"),
      Map.entry(0x11L, "CKR_ATTRIBUTE_SENSITIVE"),
      Map.entry(0x12L, "CKR_ATTRIBUTE_TYPE_INVALID"),
      Map.entry(0x13L, "CKR_ATTRIBUTE_VALUE_INVALID"),
      Map.entry(0x30L, "CKR_DEVICE_ERROR"),
      Map.entry(0x32L, "CKR_DEVICE_REMOVED"),
      Map.entry(0x90L, "CKR_OPERATION_ACTIVE"),
      Map.entry(0xa0L, "CKR_PIN_INCORRECT"),
      Map.entry(0xa4L, "CKR_PIN_LOCKED"),
      Map.entry(0xb3L, "CKR_SESSION_HANDLE_INVALID"),
      Map.entry(0xd0L, "CKR_TEMPLATE_INCOMPLETE"),
      Map.entry(0xd1L, "CKR_TEMPLATE_INCONSISTENT"),
      Map.entry(0xe0L, "CKR_TOKEN_NOT_PRESENT"),
      Map.entry(0xe1L, "CKR_TOKEN_NOT_RECOGNIZED"),
      Map.entry(0x100L, "CKR_USER_ALREADY_LOGGED_IN"),
      Map.entry(0x101L, "CKR_USER_NOT_LOGGED_IN"),
      Map.entry(0x150L, "CKR_BUFFER_TOO_SMALL"),
      Map.entry(0x190L, "CKR_CRYPTOKI_NOT_INITIALIZED"),
      Map.entry(0x191L, "CKR_CRYPTOKI_ALREADY_INITIALIZED"));

  private Pkcs11Constants() {}

  /** The name of a CK_RV, or its hexadecimal value. */
  public static String returnValueName(long rv) {
    return RETURN_VALUES.getOrDefault(rv, String.format("CKR_0x%x", rv));
  }

  /** The name of a CK_MECHANISM_TYPE, or its hexadecimal value. */
  public static String mechanismName(long mechanism) {
    return MECHANISMS.getOrDefault(mechanism, String.format("0x%08x", mechanism));
  }
}
