package org.anchorhold.ceremony.hsm.internal;

import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;

/** CK_TOKEN_INFO of PKCS#11 v2.40 §3.2, laid out for the platform's natural alignment. */
@Structure.FieldOrder({
  "label", "manufacturerID", "model", "serialNumber", "flags", "ulMaxSessionCount",
  "ulSessionCount", "ulMaxRwSessionCount", "ulRwSessionCount", "ulMaxPinLen", "ulMinPinLen",
  "ulTotalPublicMemory", "ulFreePublicMemory", "ulTotalPrivateMemory", "ulFreePrivateMemory",
  "hardwareVersion", "firmwareVersion", "utcTime"
})
public class CkTokenInfo extends Structure {
  public byte[] label = new byte[32];
  public byte[] manufacturerID = new byte[32];
  public byte[] model = new byte[16];
  public byte[] serialNumber = new byte[16];
  public NativeLong flags;
  public NativeLong ulMaxSessionCount;
  public NativeLong ulSessionCount;
  public NativeLong ulMaxRwSessionCount;
  public NativeLong ulRwSessionCount;
  public NativeLong ulMaxPinLen;
  public NativeLong ulMinPinLen;
  public NativeLong ulTotalPublicMemory;
  public NativeLong ulFreePublicMemory;
  public NativeLong ulTotalPrivateMemory;
  public NativeLong ulFreePrivateMemory;
  public byte[] hardwareVersion = new byte[2];
  public byte[] firmwareVersion = new byte[2];
  public byte[] utcTime = new byte[16];

  /** Decodes a blank-padded PKCS#11 text field. */
  public static String text(byte[] padded) {
    return new String(padded, StandardCharsets.UTF_8).stripTrailing();
  }
}
