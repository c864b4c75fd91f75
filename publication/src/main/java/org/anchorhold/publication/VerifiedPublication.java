package org.anchorhold.publication;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A publication whose signature, signer certificate, revocation status, hashes and expiry have
 * been checked; {@code files} maps every verified path to its bytes (all listed paths after
 * {@link PublicationVerifier#verifyAll}, the requested ones and the signer's CRL after
 * {@link PublicationVerifier#verify}).
 */
public record VerifiedPublication(Manifest manifest, byte[] manifestJson, byte[] manifestJws,
    Map<String, byte[]> files, X509Certificate signer) {

  /** Copies every array so the record stays immutable. */
  public VerifiedPublication {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(signer, "signer");
    manifestJson = manifestJson.clone();
    manifestJws = manifestJws.clone();
    Map<String, byte[]> copy = new LinkedHashMap<>();
    files.forEach((path, content) -> copy.put(path, content.clone()));
    files = Collections.unmodifiableMap(copy);
  }

  @Override
  public byte[] manifestJson() {
    return manifestJson.clone();
  }

  @Override
  public byte[] manifestJws() {
    return manifestJws.clone();
  }

  /** The bytes of a verified path; an unverified path is an error, never an empty answer. */
  public byte[] file(String path) {
    byte[] content = files.get(path);
    if (content == null) {
      throw new IllegalArgumentException("path '" + path + "' was not verified");
    }
    return content.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifiedPublication that
        && manifest.equals(that.manifest)
        && Arrays.equals(manifestJson, that.manifestJson)
        && Arrays.equals(manifestJws, that.manifestJws);
  }

  @Override
  public int hashCode() {
    return Objects.hash(manifest, Arrays.hashCode(manifestJson));
  }

  @Override
  public String toString() {
    return "VerifiedPublication[sequence=" + manifest.sequence() + ", files=" + files.keySet()
        + "]";
  }
}
