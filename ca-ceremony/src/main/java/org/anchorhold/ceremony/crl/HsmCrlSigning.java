package org.anchorhold.ceremony.crl;

import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.LintException;
import org.anchorhold.ceremony.hsm.HsmException;
import org.anchorhold.ceremony.hsm.HsmKey;
import org.anchorhold.ceremony.hsm.HsmProfile;
import org.anchorhold.ceremony.hsm.HsmSession;
import org.anchorhold.ceremony.hsm.KeyAlgorithm;
import org.anchorhold.ceremony.run.Transcript;

/**
 * Signs a drafted CRL with the root's key in one HSM session: the key is found by its label,
 * proven to match the root certificate before anything is signed (field case F04), then used.
 */
public final class HsmCrlSigning {
  private HsmCrlSigning() {}

  /** Checks the root key in an open HSM session and signs the draft. */
  public static CrlDraft.Signed sign(CrlDraft draft, HsmSession hsm, Transcript transcript)
      throws HsmException, LintException, CrlException {
    KeyAlgorithm algorithm = KeyAlgorithm.fromConfigName(draft.root().algorithm())
        .orElseThrow(() -> new CrlException("root '" + draft.root().name()
            + "' has an unknown key algorithm '" + draft.root().algorithm() + "' in the state"));
    HsmKey key = hsm.findKey(draft.root().keyLabel());
    if (!key.idHex().equals(draft.root().keyId())) {
      throw new HsmException("key '" + key.label() + "' has ID " + key.idHex()
          + " but the state records " + draft.root().keyId() + " for root '"
          + draft.root().name() + "'");
    }
    hsm.requireMatches(key, draft.rootCertificate(), algorithm);
    transcript.step("key '" + key.label() + "' matches root '" + draft.root().name()
        + "' (a challenge signed in the HSM verifies with the root certificate)");
    CrlDraft.Signed signed = draft.sign(CertificateSigning.hsmSigner(key, algorithm));
    transcript.step("CRL " + draft.number() + " linted, signed in the HSM, verified with the "
        + "root key and re-parsed");
    return signed;
  }

  /** Opens the HSM session a CRL is signed (and then published) in, and says so. */
  public static HsmSession open(HsmProfile profile, Transcript transcript) throws HsmException {
    HsmSession hsm = HsmSession.open(profile);
    transcript.step(hsm.openedLine());
    return hsm;
  }
}
