package org.anchorhold.ceremony.cert;

import java.util.List;

/** A to-be-signed certificate or CRL breaks its profile; nothing was signed. */
public final class LintException extends Exception {
  private static final long serialVersionUID = 1L;

  public LintException(String what, List<String> violations) {
    super(what + " breaks its profile: " + String.join("; ", violations));
  }
}
