package org.anchorhold.server.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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
  private volatile X509ExtendedKeyManager delegate;
  private volatile TlsIdentity identity;

  /** Creates the manager with its first identity. */
  public ReloadingKeyManager(TlsIdentity first) throws TlsIdentityException {
    replace(first);
  }

  /** Makes {@code next} the identity of every later handshake. */
  public void replace(TlsIdentity next) throws TlsIdentityException {
    this.delegate = managerFor(next);
    this.identity = next;
  }

  /** The identity in use. */
  public TlsIdentity identity() {
    return identity;
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
    return delegate.chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return delegate.chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return delegate.getServerAliases(keyType, issuers);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return delegate.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return delegate.getPrivateKey(alias);
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
