package org.anchorhold.ceremony.hsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.anchorhold.ceremony.cert.CertificateSigning;
import org.anchorhold.ceremony.cert.RootProfile;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HsmSession on SoftHSM2 inside one JVM: several sessions, many threads signing at once, and a
 * key that does not match the certificate it is said to belong to.
 */
class HsmSessionIT {
  private static final String PIN = "11223344";
  private static HsmProfile profile;

  @BeforeAll
  static void token() throws Exception {
    Path directory = Path.of(System.getProperty("anchorhold.softhsm.dir"));
    Path repo = Path.of(System.getProperty("anchorhold.repo"));
    new ProcessBuilder("rm", "-rf", directory.toString()).start().waitFor();
    Files.createDirectories(directory);
    Path pin = Files.writeString(directory.resolve("pin"), PIN);
    Process script = new ProcessBuilder(repo.resolve("hsm-config/softhsm-token.sh").toString(),
        directory.resolve("hsm").toString(), "it-token", pin.toString()).inheritIO().start();
    assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(script.exitValue()).isZero();
    assertThat(System.getenv("SOFTHSM2_CONF"))
        .isEqualTo(directory.resolve("hsm/softhsm2.conf").toString());
    profile = new HsmProfile(Path.of("/usr/lib/softhsm/libsofthsm2.so"), "it-token",
        new PinSource.FilePin(pin));
  }

  private static byte[] id() {
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    id[0] = 0x11;
    return id;
  }

  private static X509Certificate selfSigned(HsmKey key) throws Exception {
    RootProfile.Request request = new RootProfile.Request(new X500Name("CN=" + key.label()),
        key.publicKey(), BigInteger.valueOf(7), Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), Optional.empty());
    return CertificateSigning.sign(RootProfile.builder(request),
        CertificateSigning.hsmSigner(key, KeyAlgorithm.ECDSA_P256), "test root",
        tbs -> RootProfile.lint(tbs, request), key.publicKey());
  }

  @Test
  @DisplayName("F03 a second session in the same process logs in harmlessly")
  void secondLogin_inTheSameProcess_isHarmless() throws Exception {
    try (HsmSession first = HsmSession.open(profile);
        HsmSession second = HsmSession.open(profile)) {
      assertThat(first.token().slotId()).isEqualTo(second.token().slotId());
      HsmKey key = first.generateKeyPair(KeyAlgorithm.ECDSA_P256, "twice", id());
      first.storeCertificate(key, selfSigned(key));
      assertThat(second.objects()).extracting(TokenObject::label).contains("twice");
    }
  }

  @Test
  @DisplayName("F03 eight threads signing 200 times at once: every signature verifies")
  void manyThreadsSigningAtOnce_allSignaturesVerify() throws Exception {
    try (HsmSession hsm = HsmSession.open(profile)) {
      HsmKey key = hsm.generateKeyPair(KeyAlgorithm.ECDSA_P384, "threads", id());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        byte[] message = ("message " + i).getBytes();
        results.add(pool.submit(() -> {
          Signature signer = Signature.getInstance("SHA384withECDSA", key.provider());
          signer.initSign(key.privateKey());
          signer.update(message);
          byte[] signature = signer.sign();
          Signature verifier = Signature.getInstance("SHA384withECDSA");
          verifier.initVerify(key.publicKey());
          verifier.update(message);
          return verifier.verify(signature);
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isTrue();
      }
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("F04 a key that does not match the certificate is refused before signing")
  void keyNotMatchingTheCertificate_isRefused() throws Exception {
    try (HsmSession hsm = HsmSession.open(profile)) {
      HsmKey first = hsm.generateKeyPair(KeyAlgorithm.ECDSA_P256, "f04-first", id());
      HsmKey second = hsm.generateKeyPair(KeyAlgorithm.ECDSA_P256, "f04-second", id());
      X509Certificate firstCertificate = selfSigned(first);
      hsm.requireMatches(first, firstCertificate, KeyAlgorithm.ECDSA_P256);
      assertThatThrownBy(() ->
          hsm.requireMatches(second, firstCertificate, KeyAlgorithm.ECDSA_P256))
          .isInstanceOf(HsmException.class)
          .hasMessage("key 'f04-second' on token 'it-token' does not match the certificate "
              + "'CN=f04-first'");
    }
  }

  @Test
  @DisplayName("F01 two private keys with one label make the label ambiguous")
  void twoKeysWithOneLabel_areRefusedWhenLookedUp() throws Exception {
    try (HsmSession hsm = HsmSession.open(profile)) {
      HsmKey key = hsm.generateKeyPair(KeyAlgorithm.ECDSA_P256, "dup", id());
      hsm.storeCertificate(key, selfSigned(key));
      assertThat(hsm.findKey("dup").idHex()).isEqualTo(key.idHex());
      assertThatThrownBy(() -> hsm.generateKeyPair(KeyAlgorithm.ECDSA_P256, "dup", id()))
          .hasMessage("key label 'dup' is already used by 3 object(s) on token 'it-token'");
      assertThatThrownBy(() -> hsm.findKey("missing"))
          .hasMessage("no private key labelled 'missing' on token 'it-token'");
    }
  }
}
