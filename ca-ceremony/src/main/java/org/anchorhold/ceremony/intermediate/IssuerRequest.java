package org.anchorhold.ceremony.intermediate;

import java.nio.file.Path;
import org.anchorhold.ceremony.config.IntermediateCeremonyFile.IssuerSpec;
import org.anchorhold.ceremony.csr.CheckedCsr;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * One issuer of a planned batch: its entry in the ceremony file, its CSR (path, bytes and what
 * the checks took from it) and the subject its intermediate will carry.
 *
 * @param index the issuer's position in the file, for messages
 */
record IssuerRequest(int index, IssuerSpec spec, Path csrFile, byte[] csrBytes, CheckedCsr csr,
    X500Name subject) {

  IssuerRequest {
    csrBytes = csrBytes.clone();
  }

  /** The dotted key of this issuer, as in {@code issuers[0]}. */
  String key() {
    return "issuers[" + index + "]";
  }
}
