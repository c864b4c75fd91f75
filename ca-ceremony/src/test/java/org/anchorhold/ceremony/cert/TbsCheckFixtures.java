package org.anchorhold.ceremony.cert;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.TBSCertificate;

/** Lints a hand-made TBS structure with the root profile, for defects no builder produces. */
final class TbsCheckFixtures {
  private TbsCheckFixtures() {}

  static List<String> lintRoot(byte[] tbsDer, java.time.Instant notAfter) {
    TBSCertificate tbs = TBSCertificate.getInstance(tbsDer);
    RootProfile.Request request = new RootProfile.Request(tbs.getSubject(), null,
        tbs.getSerialNumber().getValue(), tbs.getStartDate().getDate().toInstant(),
        notAfter, Optional.empty());
    return RootProfile.lint(tbsDer, request);
  }
}
