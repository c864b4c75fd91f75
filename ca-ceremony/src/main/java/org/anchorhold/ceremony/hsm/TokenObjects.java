package org.anchorhold.ceremony.hsm;

import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_CLASS;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_ID;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_KEY_TYPE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_LABEL;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Constants;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Session;

/** Reads every object of a token into {@link TokenObject}s for the HSM report. */
final class TokenObjects {
  private static final Map<Long, String> CLASSES = Map.of(
      Pkcs11Constants.CKO_CERTIFICATE, "certificate",
      Pkcs11Constants.CKO_PUBLIC_KEY, "public key",
      Pkcs11Constants.CKO_PRIVATE_KEY, "private key");

  private TokenObjects() {}

  static List<TokenObject> describe(Pkcs11Session session) throws HsmException {
    List<Long> types = new ArrayList<>(List.of(CKA_CLASS, CKA_LABEL, CKA_ID, CKA_KEY_TYPE));
    types.addAll(KeyAttributePolicy.CHECKED.keySet());
    List<TokenObject> objects = new ArrayList<>();
    for (long handle : session.findObjects(Map.of())) {
      Map<Long, byte[]> values = session.attributes(handle, types);
      long objectClass = ulong(values.get(CKA_CLASS));
      Map<String, Boolean> flags = new LinkedHashMap<>();
      if (objectClass == Pkcs11Constants.CKO_PRIVATE_KEY) {
        for (Map.Entry<Long, String> entry : KeyAttributePolicy.CHECKED.entrySet()) {
          byte[] value = values.get(entry.getKey());
          flags.put(entry.getValue(), value != null && value.length == 1 && value[0] != 0);
        }
      }
      byte[] label = values.get(CKA_LABEL);
      byte[] id = values.get(CKA_ID);
      objects.add(new TokenObject(
          CLASSES.getOrDefault(objectClass, "class " + objectClass),
          label == null ? "" : new String(label, StandardCharsets.UTF_8),
          id == null ? "" : HexFormat.of().formatHex(id),
          keyType(objectClass, values.get(CKA_KEY_TYPE)),
          flags));
    }
    return objects;
  }

  private static String keyType(long objectClass, byte[] value) {
    if (objectClass == Pkcs11Constants.CKO_CERTIFICATE || value == null) {
      return "";
    }
    long type = ulong(value);
    if (type == Pkcs11Constants.CKK_EC) {
      return "EC";
    }
    return type == Pkcs11Constants.CKK_RSA ? "RSA" : "type " + type;
  }

  private static long ulong(byte[] value) {
    if (value == null || value.length != Native.LONG_SIZE) {
      return -1;
    }
    ByteBuffer buffer = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
    return Native.LONG_SIZE == 8 ? buffer.getLong() : buffer.getInt();
  }
}
