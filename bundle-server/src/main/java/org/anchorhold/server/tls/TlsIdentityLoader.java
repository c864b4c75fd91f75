package org.anchorhold.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads a PEM certificate chain and a PEM private key (PKCS#8, or PKCS#1 / SEC 1). */
public final class TlsIdentityLoader {
  /** Larger files are not certificate or key files; refuse before parsing them. */
  private static final long MAX_PEM_BYTES = 1 << 20;

  private TlsIdentityLoader() {}

  /** Loads the chain from {@code certFile} and the key from {@code keyFile}; no checks. */
  public static TlsIdentity load(Path certFile, Path keyFile) throws TlsIdentityException {
    return new TlsIdentity(readChain(certFile), readKey(keyFile));
  }

  static List<X509Certificate> readChain(Path file) throws TlsIdentityException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(reader(file))) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (!(item instanceof X509CertificateHolder holder)) {
          throw new TlsIdentityException("tls certificate file '" + file
              + "' holds something other than certificates");
        }
        chain.add(converter.getCertificate(holder));
      }
    } catch (IOException | CertificateException e) {
      throw new TlsIdentityException("tls certificate file '" + file + "' cannot be read: "
          + e.getMessage(), e);
    }
    if (chain.isEmpty()) {
      throw new TlsIdentityException("tls certificate file '" + file + "' holds no certificate");
    }
    return chain;
  }

  static PrivateKey readKey(Path file) throws TlsIdentityException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(reader(file))) {
      Object item = parser.readObject();
      while (item instanceof org.bouncycastle.asn1.x9.X9ECParameters) {
        item = parser.readObject();
      }
      if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
        throw new TlsIdentityException("tls key file '" + file
            + "' is encrypted; give an unencrypted key readable only by the server");
      }
      if (item instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (item instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new TlsIdentityException("tls key file '" + file + "' holds no private key");
    } catch (IOException e) {
      throw new TlsIdentityException("tls key file '" + file + "' cannot be read: "
          + e.getMessage(), e);
    }
  }

  private static Reader reader(Path file) throws IOException, TlsIdentityException {
    if (Files.size(file) > MAX_PEM_BYTES) {
      throw new TlsIdentityException("file '" + file + "' is larger than 1 MiB");
    }
    return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
  }
}
