package org.anchorhold.ceremony.hsm;

import java.util.List;
import java.util.stream.Collectors;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Module;
import org.anchorhold.ceremony.hsm.internal.TokenSlot;

/**
 * Resolves a token label to its slot at run time: SoftHSM2 and many HSMs renumber slots, keep
 * empty slots beside initialised ones and allow two tokens with one label (field case F01).
 */
final class TokenLocator {
  private TokenLocator() {}

  static TokenSlot find(Pkcs11Module module, String label) throws HsmException {
    List<TokenSlot> slots = module.tokenSlots();
    List<TokenSlot> matches =
        slots.stream().filter(s -> s.initialized() && s.label().equals(label)).toList();
    if (matches.isEmpty()) {
      String present = slots.stream()
          .filter(TokenSlot::initialized)
          .map(s -> "'" + s.label() + "'")
          .collect(Collectors.joining(", "));
      throw new HsmException("no token labelled '" + label + "' in PKCS#11 module '"
          + module.library() + "' (tokens present: " + (present.isEmpty()
          ? "none; with SoftHSM2, check that SOFTHSM2_CONF names the token directory's "
          + "configuration" : present) + ")");
    }
    if (matches.size() > 1) {
      String ids = matches.stream()
          .map(s -> Long.toString(s.slotId()))
          .collect(Collectors.joining(", "));
      throw new HsmException(matches.size() + " tokens are labelled '" + label
          + "' (slots " + ids + "); token labels must be unique");
    }
    return matches.get(0);
  }
}
