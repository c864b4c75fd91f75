package org.anchorhold.ceremony.hsm.internal;

import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKR_OK;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.hsm.HsmException;

/** One PKCS#11 session opened through JNA; close it to release the handle. */
public final class Pkcs11Session implements AutoCloseable {
  private static final int MAX_VALUE_BYTES = 16 * 1024;

  private final Pkcs11Module module;
  private final Cryptoki cryptoki;
  private final NativeLong handle;

  Pkcs11Session(Pkcs11Module module, Cryptoki cryptoki, NativeLong handle) {
    this.module = module;
    this.cryptoki = cryptoki;
    this.handle = handle;
  }

  /** The handles of every object matching a template of attribute type to value. */
  public List<Long> findObjects(Map<Long, Object> template) throws HsmException {
    CkAttribute[] attributes = toTemplate(template);
    module.check("C_FindObjectsInit", cryptoki.C_FindObjectsInit(
        handle, attributes.length == 0 ? null : attributes, new NativeLong(attributes.length)));
    List<Long> found = new ArrayList<>();
    try {
      NativeLong[] batch = new NativeLong[64];
      NativeLongByReference count = new NativeLongByReference();
      do {
        module.check("C_FindObjects", cryptoki.C_FindObjects(
            handle, batch, new NativeLong(batch.length), count));
        for (int i = 0; i < count.getValue().intValue(); i++) {
          found.add(batch[i].longValue());
        }
      } while (count.getValue().intValue() == batch.length);
    } finally {
      cryptoki.C_FindObjectsFinal(handle);
    }
    return found;
  }

  /**
   * Reads attributes of an object one by one; an attribute the token refuses to reveal or does
   * not know maps to null, as PKCS#11 §5.7 reports it with CK_UNAVAILABLE_INFORMATION.
   */
  public Map<Long, byte[]> attributes(long object, List<Long> types) throws HsmException {
    Map<Long, byte[]> values = new LinkedHashMap<>();
    for (long type : types) {
      CkAttribute[] template = CkAttribute.array(1);
      template[0].expect(type, MAX_VALUE_BYTES);
      long rv = cryptoki.C_GetAttributeValue(
          handle, new NativeLong(object), template, new NativeLong(1)).longValue();
      template[0].read();
      if (rv == CKR_OK) {
        values.put(type, template[0].value());
      } else if (rv == Pkcs11Constants.CKR_ATTRIBUTE_SENSITIVE
          || rv == Pkcs11Constants.CKR_ATTRIBUTE_TYPE_INVALID) {
        values.put(type, null);
      } else {
        throw module.failure("C_GetAttributeValue", rv);
      }
    }
    return values;
  }

  /** Creates a token object from a template and returns its handle. */
  public long createObject(Map<Long, Object> template) throws HsmException {
    CkAttribute[] attributes = toTemplate(template);
    NativeLongByReference object = new NativeLongByReference();
    module.check("C_CreateObject", cryptoki.C_CreateObject(
        handle, attributes, new NativeLong(attributes.length), object));
    return object.getValue().longValue();
  }

  /** Destroys one object; for a ceremony removing the keys it generated before it failed. */
  public void destroyObject(long object) throws HsmException {
    module.check("C_DestroyObject", cryptoki.C_DestroyObject(handle, new NativeLong(object)));
  }

  @Override
  public void close() {
    cryptoki.C_CloseSession(handle);
  }

  private static CkAttribute[] toTemplate(Map<Long, Object> template) {
    CkAttribute[] attributes = CkAttribute.array(Math.max(1, template.size()));
    int i = 0;
    for (Map.Entry<Long, Object> entry : template.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof byte[] bytes) {
        attributes[i].set(entry.getKey(), bytes);
      } else if (value instanceof Boolean flag) {
        attributes[i].set(entry.getKey(), flag);
      } else if (value instanceof Long number) {
        attributes[i].set(entry.getKey(), number);
      } else {
        throw new IllegalArgumentException("unsupported attribute value " + value);
      }
      attributes[i].write();
      i++;
    }
    return template.isEmpty() ? new CkAttribute[0] : attributes;
  }
}
