package org.anchorhold.ceremony.hsm;

import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_CERTIFICATE_TYPE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_CLASS;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_ID;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_ISSUER;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_LABEL;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_PRIVATE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_SERIAL_NUMBER;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_SUBJECT;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_TOKEN;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKA_VALUE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKC_X_509;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKO_CERTIFICATE;
import static org.anchorhold.ceremony.hsm.internal.Pkcs11Constants.CKO_PRIVATE_KEY;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.LoginException;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Module;
import org.anchorhold.ceremony.hsm.internal.Pkcs11Session;
import org.anchorhold.ceremony.hsm.internal.TokenSlot;
import org.bouncycastle.asn1.ASN1Integer;

/**
 * A logged-in connection to one token: the slot found by label, a SunPKCS11 provider instance
 * configured for it, and the one login attempt a ceremony makes.
 *
 * <p>Every key generation and signature goes through a SunPKCS11 instance made here, never through
 * a provider looked up by algorithm name, so a misconfigured token can never fall back to a
 * software key (field case F02).
 */
public final class HsmSession implements AutoCloseable {
  private final HsmProfile profile;
  private final Pkcs11Module module;
  private final TokenSlot slot;
  private final Provider provider;
  private final KeyStore keyStore;
  private final List<Provider> generators = new ArrayList<>();

  private HsmSession(HsmProfile profile, Pkcs11Module module, TokenSlot slot, Provider provider,
      KeyStore keyStore) {
    this.profile = profile;
    this.module = module;
    this.slot = slot;
    this.provider = provider;
    this.keyStore = keyStore;
  }

  /** Finds the token by label, configures SunPKCS11 for its slot and logs in once. */
  public static HsmSession open(HsmProfile profile) throws HsmException {
    Pkcs11Module module = Pkcs11Module.load(profile.module());
    TokenSlot slot = TokenLocator.find(module, profile.tokenLabel());
    Provider provider = SunPkcs11.configure(module.library(), slot.slotId(), "");
    KeyStore keyStore = login(profile, provider);
    return new HsmSession(profile, module, slot, provider, keyStore);
  }

  private static KeyStore login(HsmProfile profile, Provider provider) throws HsmException {
    String label = profile.tokenLabel();
    char[] pin = profile.pin().read(label);
    try {
      KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
      keyStore.load(null, pin);
      return keyStore;
    } catch (IOException | GeneralSecurityException | ProviderException e) {
      throw LoginFailures.describe(label, e);
    } finally {
      java.util.Arrays.fill(pin, '\0');
    }
  }

  /** The token this session is logged in to. */
  public TokenSlot token() {
    return slot;
  }

  /** The transcript line for a session just opened: which token, in which slot. */
  public String openedLine() {
    return "token '" + slot.label() + "' found in slot " + slot.slotId() + " (serial "
        + slot.serial() + "); logged in";
  }

  /** The SunPKCS11 provider instance bound to this token. */
  public Provider provider() {
    return provider;
  }

  /** The mechanisms the token's slot offers. */
  public List<Long> mechanisms() throws HsmException {
    return module.mechanisms(slot.slotId());
  }

  /**
   * Generates a signing key pair inside the token with the attributes of
   * {@link KeyAttributePolicy}, reads the private key's attributes back and refuses a key that
   * does not comply. The label and ID must not be used by any object on the token yet.
   */
  public HsmKey generateKeyPair(KeyAlgorithm algorithm, String label, byte[] id)
      throws HsmException {
    requireUnused(label, id);
    String template = SunPkcs11.generationTemplate(label, id);
    Provider generator = SunPkcs11.configure(module.library(), slot.slotId(), template);
    generators.add(generator);
    KeyPair pair;
    try {
      KeyPairGenerator keyPairGenerator =
          KeyPairGenerator.getInstance(algorithm.jcaKeyType(), generator);
      keyPairGenerator.initialize(algorithm.generationSpec());
      pair = keyPairGenerator.generateKeyPair();
    } catch (GeneralSecurityException | ProviderException e) {
      throw new HsmException("generating " + algorithm.configName() + " key '" + label
          + "' on token '" + slot.label() + "' failed: " + LoginFailures.rootMessage(e), e);
    }
    try {
      checkPrivateKeyAttributes(label, id);
    } catch (HsmException e) {
      destroyById(id);
      throw new HsmException(e.getMessage() + "; the new key was destroyed", e);
    }
    return new HsmKey(label, id.clone(), pair.getPrivate(), pair.getPublic(), null, generator);
  }

  /**
   * Finds the CA key with this label: exactly one private key, compliant with policy, with its
   * certificate stored under the same ID.
   */
  public HsmKey findKey(String label) throws HsmException {
    byte[] id = checkPrivateKeyAttributes(label, null);
    try {
      // The key store maps labels when it loads; reloading (already logged in, so without a
      // PIN) picks up objects created since, such as a certificate stored in this session.
      keyStore.load(null, null);
      PrivateKey privateKey = (PrivateKey) keyStore.getKey(label, null);
      Certificate certificate = keyStore.getCertificate(label);
      if (privateKey == null || certificate == null) {
        throw new HsmException("key '" + label + "' on token '" + slot.label()
            + "' has no certificate stored beside it under the same ID");
      }
      return new HsmKey(label, id, privateKey, certificate.getPublicKey(),
          (X509Certificate) certificate, provider);
    } catch (GeneralSecurityException | IOException | ProviderException e) {
      throw new HsmException("cannot load key '" + label + "' from token '" + slot.label()
          + "': " + LoginFailures.rootMessage(e), e);
    }
  }

  /**
   * Proves that the key in the token is the one certified: signs a random challenge in the HSM
   * and verifies it with the certificate's public key (field case F04).
   */
  public void requireMatches(HsmKey key, X509Certificate certificate, KeyAlgorithm algorithm)
      throws HsmException {
    byte[] challenge = new byte[32];
    new SecureRandom().nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm.signatureAlgorithm(), key.provider());
      signer.initSign(key.privateKey());
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm.signatureAlgorithm());
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      if (!verifier.verify(signature)) {
        throw new HsmException("key '" + key.label() + "' on token '" + slot.label()
            + "' does not match the certificate '" + certificate.getSubjectX500Principal()
            + "'");
      }
    } catch (GeneralSecurityException | ProviderException e) {
      throw new HsmException("cannot check key '" + key.label() + "' against its certificate: "
          + LoginFailures.rootMessage(e), e);
    }
  }

  /** Stores a certificate on the token under its key's label and ID. */
  public void storeCertificate(HsmKey key, X509Certificate certificate) throws HsmException {
    try (Pkcs11Session session = module.openSession(slot.slotId())) {
      Map<Long, Object> byId = new LinkedHashMap<>();
      byId.put(CKA_CLASS, CKO_CERTIFICATE);
      byId.put(CKA_ID, key.id());
      if (!session.findObjects(byId).isEmpty()) {
        throw new HsmException("a certificate with the ID of key '" + key.label()
            + "' already exists on token '" + slot.label() + "'");
      }
      Map<Long, Object> template = new LinkedHashMap<>();
      template.put(CKA_CLASS, CKO_CERTIFICATE);
      template.put(CKA_CERTIFICATE_TYPE, CKC_X_509);
      template.put(CKA_TOKEN, true);
      template.put(CKA_PRIVATE, false);
      template.put(CKA_LABEL, key.label().getBytes(StandardCharsets.UTF_8));
      template.put(CKA_ID, key.id());
      template.put(CKA_SUBJECT, certificate.getSubjectX500Principal().getEncoded());
      template.put(CKA_ISSUER, certificate.getIssuerX500Principal().getEncoded());
      template.put(CKA_SERIAL_NUMBER, serialDer(certificate.getSerialNumber()));
      template.put(CKA_VALUE, certificate.getEncoded());
      session.createObject(template);
    } catch (GeneralSecurityException e) {
      throw new HsmException("cannot encode the certificate of key '" + key.label() + "'", e);
    }
  }

  /**
   * Destroys every object on the token with the ID of a key this ceremony generated (its private
   * and public key, and a certificate stored under it), so a ceremony that stops before it
   * records the key leaves the token as it found it. Returns how many objects were destroyed.
   */
  public int destroyGenerated(HsmKey key) throws HsmException {
    return destroyById(key.id());
  }

  private int destroyById(byte[] id) throws HsmException {
    try (Pkcs11Session session = module.openSession(slot.slotId())) {
      List<Long> objects = session.findObjects(Map.of(CKA_ID, id));
      for (long object : objects) {
        session.destroyObject(object);
      }
      return objects.size();
    }
  }

  /** Every object on the token with the attributes an officer checks. */
  public List<TokenObject> objects() throws HsmException {
    try (Pkcs11Session session = module.openSession(slot.slotId())) {
      return TokenObjects.describe(session);
    }
  }

  private void requireUnused(String label, byte[] id) throws HsmException {
    try (Pkcs11Session session = module.openSession(slot.slotId())) {
      int byLabel = session.findObjects(Map.of(CKA_LABEL, label.getBytes(StandardCharsets.UTF_8)))
          .size();
      if (byLabel > 0) {
        throw new HsmException("key label '" + label + "' is already used by " + byLabel
            + " object(s) on token '" + slot.label() + "'");
      }
      if (!session.findObjects(Map.of(CKA_ID, id)).isEmpty()) {
        throw new HsmException("key ID " + java.util.HexFormat.of().formatHex(id)
            + " is already used on token '" + slot.label() + "'");
      }
    }
  }

  /** Checks the one private key with this label (and ID, if given); returns its ID. */
  private byte[] checkPrivateKeyAttributes(String label, byte[] expectedId) throws HsmException {
    try (Pkcs11Session session = module.openSession(slot.slotId())) {
      Map<Long, Object> template = new LinkedHashMap<>();
      template.put(CKA_CLASS, CKO_PRIVATE_KEY);
      template.put(CKA_LABEL, label.getBytes(StandardCharsets.UTF_8));
      List<Long> keys = session.findObjects(template);
      if (keys.isEmpty()) {
        throw new HsmException("no private key labelled '" + label + "' on token '"
            + slot.label() + "'");
      }
      if (keys.size() > 1) {
        throw new HsmException(keys.size() + " private keys are labelled '" + label
            + "' on token '" + slot.label() + "'; a CA key label must be unique");
      }
      List<Long> types = new ArrayList<>(KeyAttributePolicy.CHECKED.keySet());
      types.add(CKA_ID);
      Map<Long, byte[]> values = session.attributes(keys.get(0), types);
      List<String> violations = KeyAttributePolicy.violations(values);
      if (!violations.isEmpty()) {
        throw new HsmException("private key '" + label + "' on token '" + slot.label()
            + "' breaks the key policy: " + String.join("; ", violations));
      }
      byte[] id = values.get(CKA_ID);
      if (id == null || id.length == 0) {
        throw new HsmException("private key '" + label + "' has no CKA_ID");
      }
      if (expectedId != null && !java.util.Arrays.equals(id, expectedId)) {
        throw new HsmException("private key '" + label + "' has an unexpected CKA_ID");
      }
      return id;
    }
  }

  private static byte[] serialDer(BigInteger serial) {
    try {
      return new ASN1Integer(serial).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding of an INTEGER failed", e);
    }
  }

  /** The profile this session was opened with. */
  public HsmProfile profile() {
    return profile;
  }

  /** Logs out of the token; keys from this session can no longer sign. */
  @Override
  public void close() {
    try {
      if (provider instanceof AuthProvider auth) {
        auth.logout();
      }
    } catch (LoginException | ProviderException e) {
      // The session ends with the process either way; a failed logout changes nothing stored.
    }
  }
}
