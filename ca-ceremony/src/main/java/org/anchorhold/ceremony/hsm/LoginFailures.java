package org.anchorhold.ceremony.hsm;

/**
 * Turns SunPKCS11's login exceptions into one clear line. The PKCS#11 return value is found in the
 * cause chain; the PIN itself is never part of any of these exceptions.
 */
final class LoginFailures {
  private LoginFailures() {}

  static HsmException describe(String tokenLabel, Throwable failure) {
    String chain = chainMessages(failure);
    String token = "token '" + tokenLabel + "'";
    if (chain.contains("CKR_PIN_INCORRECT")) {
      return new HsmException("the PIN for " + token + " is incorrect (one attempt was made)");
    }
    if (chain.contains("CKR_PIN_LOCKED")) {
      return new HsmException("the PIN for " + token + " is locked");
    }
    if (chain.contains("CKR_PIN_LEN_RANGE")) {
      return new HsmException("the PIN for " + token + " has a length the token refuses");
    }
    return new HsmException("login to " + token + " failed: " + rootMessage(failure), failure);
  }

  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  private static String chainMessages(Throwable failure) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(' ');
      if (t.getCause() == t) {
        break;
      }
    }
    return messages.toString();
  }
}
