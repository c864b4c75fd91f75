import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;

/**
 * Raw HSM signing time for bench/intermediates: logs in to the token through SunPKCS11, then
 * signs N messages the size of an intermediate's TBS with the root key, and prints the time from
 * JVM start to login and the time of the N signatures.
 *
 *   java bench/RawSign.java MODULE SLOT_INDEX KEY_LABEL PIN_FILE ALGORITHM N
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
    long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    long loggedIn = System.currentTimeMillis();
    int count = Integer.parseInt(args[5]);
    byte[] message = new byte[650];
    new SecureRandom().nextBytes(message);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Signature signature = Signature.getInstance(args[4], provider);
      signature.initSign(key);
      message[0] = (byte) i;
      signature.update(message);
      signature.sign();
    }
    long signing = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("startup_ms=" + (loggedIn - started) + " signing_ms=" + signing);
  }
}
