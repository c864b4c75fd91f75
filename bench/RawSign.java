import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Raw HSM signing time for bench/intermediates: logs in to the token through SunPKCS11, then
 * signs N messages the size of an intermediate's TBS with the root key, and prints the time of
 * the N signatures; then the time software verification takes on one thread, as the ceremony
 * verifies after each signature: BouncyCastle's lightweight ECDSA (from the ceremony jar on the
 * class path) with the root certificate's key decoded once. The caller times the whole run: the
 * rest is JVM start-up, login and exit.
 *
 *   java -cp RAW:ceremony.jar RawSign MODULE SLOT_INDEX KEY_LABEL PIN_FILE ALGORITHM N
 */
public final class RawSign {
  public static void main(String[] args) throws Exception {
    String config = "--name=rawsign\nlibrary=" + args[0] + "\nslotListIndex=" + args[1] + "\n";
    Provider provider = Security.getProvider("SunPKCS11").configure(config);
    char[] pin = new String(Files.readAllBytes(Path.of(args[3])), StandardCharsets.UTF_8)
        .strip().toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS11", provider);
    store.load(null, pin);
    PrivateKey key = (PrivateKey) store.getKey(args[2], null);
    int count = Integer.parseInt(args[5]);
    byte[][] messages = new byte[count][650];
    byte[][] signatures = new byte[count][];
    SecureRandom random = new SecureRandom();
    for (byte[] message : messages) {
      random.nextBytes(message);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Signature signature = Signature.getInstance(args[4], provider);
      signature.initSign(key);
      signature.update(messages[i]);
      signatures[i] = signature.sign();
    }
    long signing = (System.nanoTime() - t0) / 1_000_000;
    long t1 = System.nanoTime();
    AsymmetricKeyParameter publicKey = PublicKeyFactory.createKey(
        store.getCertificate(args[2]).getPublicKey().getEncoded());
    for (int i = 0; i < count; i++) {
      DSADigestSigner verifier = new DSADigestSigner(new ECDSASigner(),
          args[4].startsWith("SHA384") ? new SHA384Digest() : new SHA256Digest());
      verifier.init(false, publicKey);
      verifier.update(messages[i], 0, messages[i].length);
      if (!verifier.verifySignature(signatures[i])) {
        throw new IllegalStateException("signature " + i + " does not verify");
      }
    }
    long verifying = (System.nanoTime() - t1) / 1_000_000;
    System.out.println("signing_ms=" + signing + " verifying_ms=" + verifying);
  }
}
