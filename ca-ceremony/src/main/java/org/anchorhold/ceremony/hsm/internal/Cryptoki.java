package org.anchorhold.ceremony.hsm.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * The few PKCS#11 v2.40 functions Anchorhold calls directly, bound with JNA.
 *
 * <p>Key generation and signing go through SunPKCS11; this binding only finds the slot of a token
 * by label, reads object attributes and stores a certificate object, which SunPKCS11 cannot do
 * without the JDK's internal wrapper classes.
 */
public interface Cryptoki extends Library {

  NativeLong C_Initialize(Pointer initArgs);

  NativeLong C_GetSlotList(byte tokenPresent, NativeLong[] slots, NativeLongByReference count);

  NativeLong C_GetTokenInfo(NativeLong slot, CkTokenInfo info);

  NativeLong C_GetMechanismList(NativeLong slot, NativeLong[] mechs, NativeLongByReference count);

  NativeLong C_OpenSession(NativeLong slot, NativeLong flags, Pointer app, Pointer notify,
      NativeLongByReference session);

  NativeLong C_CloseSession(NativeLong session);

  NativeLong C_FindObjectsInit(NativeLong session, CkAttribute[] template, NativeLong count);

  NativeLong C_FindObjects(
      NativeLong session, NativeLong[] objects, NativeLong max, NativeLongByReference count);

  NativeLong C_FindObjectsFinal(NativeLong session);

  NativeLong C_GetAttributeValue(
      NativeLong session, NativeLong object, CkAttribute[] template, NativeLong count);

  NativeLong C_CreateObject(
      NativeLong session, CkAttribute[] template, NativeLong count, NativeLongByReference object);

  NativeLong C_DestroyObject(NativeLong session, NativeLong object);
}
