package org.anchorhold.ceremony.hsm.internal;

import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKR_OK;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anchorhold.ceremony.hsm.HsmException;

/**
 * A PKCS#11 module loaded through JNA, for slot lookup, attribute reads and certificate storage.
 *
 * <p>The module is shared with SunPKCS11 inside the process: both load the same library file, so
 * the login SunPKCS11 performs also applies to the sessions opened here (PKCS#11 v2.40 §5.6:
 * login state belongs to the application, not the session).
 */
public final class Pkcs11Module {
  /** CKF_OS_LOCKING_OK: the library may be called from several threads (PKCS#11 §5.4). */
  private static final long CKF_OS_LOCKING_OK = 0x2;

  private final Path library;
  private final Cryptoki cryptoki;

  private Pkcs11Module(Path library, Cryptoki cryptoki) {
    this.library = library;
    this.cryptoki = cryptoki;
  }

  /** Loads and initialises the module, tolerating an earlier initialisation in this process. */
  public static Pkcs11Module load(Path library) throws HsmException {
    if (!library.isAbsolute() || !Files.isRegularFile(library)) {
      throw new HsmException("PKCS#11 module '" + library + "' is not an existing file");
    }
    Cryptoki cryptoki;
    try {
      cryptoki = Native.load(library.toString(), Cryptoki.class);
    } catch (UnsatisfiedLinkError e) {
      throw new HsmException("cannot load PKCS#11 module '" + library + "': " + e.getMessage(), e);
    }
    Pkcs11Module module = new Pkcs11Module(library, cryptoki);
    module.initialize();
    return module;
  }

  private void initialize() throws HsmException {
    // CK_C_INITIALIZE_ARGS: four null mutex callbacks, flags, pReserved.
    Memory args = new Memory(4L * Native.POINTER_SIZE + NativeLong.SIZE + Native.POINTER_SIZE);
    args.clear();
    args.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(CKF_OS_LOCKING_OK));
    long rv;
    try {
      rv = cryptoki.C_Initialize(args).longValue();
    } catch (UnsatisfiedLinkError e) {
      throw new HsmException("'" + library + "' is not a PKCS#11 module: it has no "
          + "C_Initialize function");
    }
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      throw failure("C_Initialize", rv);
    }
  }

  /** The path the module was loaded from. */
  public Path library() {
    return library;
  }

  /** Every slot that holds a token, with that token's description. */
  public List<TokenSlot> tokenSlots() throws HsmException {
    NativeLongByReference count = new NativeLongByReference();
    check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, null, count));
    NativeLong[] slots = new NativeLong[Math.max(1, count.getValue().intValue())];
    check("C_GetSlotList", cryptoki.C_GetSlotList((byte) 1, slots, count));
    List<TokenSlot> result = new ArrayList<>();
    for (int i = 0; i < count.getValue().intValue(); i++) {
      CkTokenInfo info = new CkTokenInfo();
      long rv = cryptoki.C_GetTokenInfo(slots[i], info).longValue();
      if (rv != CKR_OK) {
        throw failure("C_GetTokenInfo for slot " + slots[i].longValue(), rv);
      }
      result.add(new TokenSlot(
          slots[i].longValue(),
          CkTokenInfo.text(info.label),
          CkTokenInfo.text(info.manufacturerID),
          CkTokenInfo.text(info.model),
          CkTokenInfo.text(info.serialNumber),
          info.flags.longValue()));
    }
    return result;
  }

  /** The mechanisms a slot offers. */
  public List<Long> mechanisms(long slot) throws HsmException {
    NativeLongByReference count = new NativeLongByReference();
    NativeLong slotId = new NativeLong(slot);
    check("C_GetMechanismList", cryptoki.C_GetMechanismList(slotId, null, count));
    NativeLong[] mechanisms = new NativeLong[Math.max(1, count.getValue().intValue())];
    check("C_GetMechanismList", cryptoki.C_GetMechanismList(slotId, mechanisms, count));
    List<Long> result = new ArrayList<>();
    for (int i = 0; i < count.getValue().intValue(); i++) {
      result.add(mechanisms[i].longValue());
    }
    return result;
  }

  /** Opens a read-write session on a slot. */
  public Pkcs11Session openSession(long slot) throws HsmException {
    NativeLongByReference handle = new NativeLongByReference();
    long flags = Pkcs11Constants.CKF_SERIAL_SESSION | Pkcs11Constants.CKF_RW_SESSION;
    check("C_OpenSession", cryptoki.C_OpenSession(
        new NativeLong(slot), new NativeLong(flags), null, null, handle));
    return new Pkcs11Session(this, cryptoki, handle.getValue());
  }

  void check(String function, NativeLong rv) throws HsmException {
    if (rv.longValue() != CKR_OK) {
      throw failure(function, rv.longValue());
    }
  }

  HsmException failure(String function, long rv) {
    return new HsmException(function + " failed in PKCS#11 module '" + library + "': "
        + Pkcs11Constants.returnValueName(rv));
  }
}
