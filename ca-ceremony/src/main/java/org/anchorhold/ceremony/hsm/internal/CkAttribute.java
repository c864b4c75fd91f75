package org.anchorhold.ceremony.hsm.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** CK_ATTRIBUTE of PKCS#11 v2.40 §3.11: a type, a pointer to the value and its length. */
@Structure.FieldOrder({"type", "pValue", "ulValueLen"})
public class CkAttribute extends Structure {
  public NativeLong type;
  public Pointer pValue;
  public NativeLong ulValueLen;

  /** Allocates {@code count} contiguous attributes, as PKCS#11 templates must be. */
  public static CkAttribute[] array(int count) {
    return (CkAttribute[]) new CkAttribute().toArray(count);
  }

  /** Sets this attribute to a byte-string value copied into native memory. */
  public void set(long attributeType, byte[] value) {
    type = new NativeLong(attributeType);
    Memory memory = new Memory(Math.max(1, value.length));
    memory.write(0, value, 0, value.length);
    pValue = memory;
    ulValueLen = new NativeLong(value.length);
  }

  /** Sets this attribute to a CK_BBOOL value. */
  public void set(long attributeType, boolean value) {
    set(attributeType, new byte[] {(byte) (value ? 1 : 0)});
  }

  /** Sets this attribute to a CK_ULONG value. */
  public void set(long attributeType, long value) {
    type = new NativeLong(attributeType);
    Memory memory = new Memory(NativeLong.SIZE);
    memory.setNativeLong(0, new NativeLong(value));
    pValue = memory;
    ulValueLen = new NativeLong(NativeLong.SIZE);
  }

  /** Prepares this attribute to receive a value of at most {@code capacity} bytes. */
  public void expect(long attributeType, int capacity) {
    type = new NativeLong(attributeType);
    pValue = new Memory(capacity);
    ulValueLen = new NativeLong(capacity);
  }

  /** The value read back, or null when the token reported it unavailable. */
  public byte[] value() {
    long length = ulValueLen.longValue();
    if (length < 0 || pValue == null) {
      return null;
    }
    return pValue.getByteArray(0, (int) length);
  }
}
