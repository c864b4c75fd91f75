package org.anchorhold.server.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A serving certificate chain, leaf first, with the leaf's private key.
 *
 * @param chain the leaf, then every intermediate; the root may follow
 * @param key the leaf's private key
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {

  /** Checks that the chain is not empty and copies it. */
  public TlsIdentity {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must hold at least the leaf certificate");
    }
  }

  /** The serving (leaf) certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }
}
