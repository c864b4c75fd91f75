package org.anchorhold.server.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager whose identity can be replaced while the server runs: new handshakes use the
 * new certificate and key, established connections keep theirs.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "serving";
  private static final char[] IN_MEMORY = new char[0];
  private volatile Installed installed;
  private volatile Provider keyProvider;

  /** What one identity installs, swapped as a whole so a handshake sees one pair. */
  private record Installed(TlsIdentity identity, X509ExtendedKeyManager delegate,
      PrivateKey servingKey) {}

  /** Creates the manager with its first identity. */
  public ReloadingKeyManager(TlsIdentity first) throws TlsIdentityException {
    replace(first);
  }

  /** Makes {@code next} the identity of every later handshake. */
  public synchronized void replace(TlsIdentity next) throws TlsIdentityException {
    Provider provider = keyProvider;
    PrivateKey key = provider == null ? next.key() : keyOf(provider, next.key());
    this.installed = new Installed(next, managerFor(next), key);
  }

  /**
   * Hands the TLS engine the current and every later private key as a key object of
   * {@code provider}. Conscrypt otherwise parses the key's PKCS#8 encoding into BoringSSL on
   * every handshake, resumed ones included; its own key objects hold the parsed key.
   */
  public synchronized void holdKeysIn(Provider provider) throws TlsIdentityException {
    this.keyProvider = provider;
    replace(installed.identity());
  }

  /** The identity in use. */
  public TlsIdentity identity() {
    return installed.identity();
  }

  private static PrivateKey keyOf(Provider provider, PrivateKey key)
      throws TlsIdentityException {
    String algorithm = "ECDSA".equals(key.getAlgorithm()) ? "EC" : key.getAlgorithm();
    try {
      return KeyFactory.getInstance(algorithm, provider)
          .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsIdentityException("tls key (" + key.getAlgorithm() + ") cannot be loaded into "
          + provider.getName() + ": " + e.getMessage(), e);
    }
  }

  private static X509ExtendedKeyManager managerFor(TlsIdentity identity)
      throws TlsIdentityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, identity.key(), IN_MEMORY,
          identity.chain().toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
      factory.init(store, IN_MEMORY);
      for (KeyManager manager : factory.getKeyManagers()) {
        if (manager instanceof X509ExtendedKeyManager x509) {
          return x509;
        }
      }
      throw new TlsIdentityException("tls key manager unavailable");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsIdentityException("tls identity cannot be installed: " + e.getMessage(), e);
    }
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return installed.delegate().chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return installed.delegate().chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return installed.delegate().getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return installed.delegate().getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Installed now = installed;
    return ALIAS.equals(alias) ? now.servingKey() : now.delegate().getPrivateKey(alias);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
    return null;
  }
}
