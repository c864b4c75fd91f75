package org.anchorhold.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.List;
import org.anchorhold.server.testing.TestPki;
import org.junit.jupiter.api.Test;

class ReloadingKeyManagerTest {
  private final TestPki.Issued root = TestPki.root("Key Manager Test Root", Duration.ofDays(1));

  private TlsIdentity identity(String host) {
    TestPki.Issued leaf = TestPki.leaf(host, root, List.of(host));
    return new TlsIdentity(List.of(leaf.cert()), leaf.keys().getPrivate());
  }

  private static BigInteger scalar(PrivateKey key) {
    return ((ECPrivateKey) key).getS();
  }

  @Test
  void withoutAProvider_servesTheLoadedKeyObject() throws Exception {
    TlsIdentity first = identity("a.example");
    ReloadingKeyManager keys = new ReloadingKeyManager(first);

    assertThat(keys.getPrivateKey("serving")).isSameAs(first.key());
    assertThat(keys.getCertificateChain("serving")).containsExactly(first.leaf());
  }

  @Test
  void keysHeldInConscrypt_areConscryptKeysOfTheSameKeyBeforeAndAfterAReload()
      throws Exception {
    Provider conscrypt = ConscryptProvider.load();
    TlsIdentity first = identity("a.example");
    TlsIdentity second = identity("b.example");
    ReloadingKeyManager keys = new ReloadingKeyManager(first);

    keys.holdKeysIn(conscrypt);
    assertThat(keys.getPrivateKey("serving").getClass().getName()).startsWith("org.conscrypt.");
    assertThat(scalar(keys.getPrivateKey("serving"))).isEqualTo(scalar(first.key()));

    keys.replace(second);
    assertThat(keys.getPrivateKey("serving").getClass().getName()).startsWith("org.conscrypt.");
    assertThat(scalar(keys.getPrivateKey("serving"))).isEqualTo(scalar(second.key()));
    assertThat(keys.getCertificateChain("serving")).containsExactly(second.leaf());
    assertThat(keys.identity()).isEqualTo(second);
  }
}
