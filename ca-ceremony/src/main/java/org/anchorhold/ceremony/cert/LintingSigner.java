package org.anchorhold.ceremony.cert;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Wraps the HSM signer so that the exact to-be-signed bytes are linted before the HSM is asked to
 * sign them: BouncyCastle writes the TBS structure into the signer's stream, and the signature is
 * requested only after that structure passes every rule of its profile.
 */
public final class LintingSigner implements ContentSigner {
  private final ContentSigner hsmSigner;
  private final Function<byte[], List<String>> lint;
  private final String what;
  private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();
  private LintException failure;

  public LintingSigner(ContentSigner hsmSigner, String what,
      Function<byte[], List<String>> lint) {
    this.hsmSigner = hsmSigner;
    this.what = what;
    this.lint = lint;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return hsmSigner.getAlgorithmIdentifier();
  }

  @Override
  public OutputStream getOutputStream() {
    return toBeSigned;
  }

  @Override
  public byte[] getSignature() {
    List<String> violations = lint.apply(toBeSigned.toByteArray());
    if (!violations.isEmpty()) {
      failure = new LintException(what, violations);
      throw new IllegalStateException("lint failed before signing");
    }
    try (OutputStream out = hsmSigner.getOutputStream()) {
      out.write(toBeSigned.toByteArray());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("feeding the HSM signer failed", e);
    }
    return hsmSigner.getSignature();
  }

  /** Throws the lint failure if signing was refused for one. */
  public void throwIfRefused() throws LintException {
    if (failure != null) {
      throw failure;
    }
  }
}
