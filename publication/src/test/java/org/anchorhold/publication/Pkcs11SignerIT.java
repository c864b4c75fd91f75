package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The signer with keys held by SunPKCS11 over SoftHSM2, as the ceremony uses it: SunPKCS11's
 * ECDSA output is DER and must reach the JWS as fixed-width R || S; its RSA signatures as is.
 */
class Pkcs11SignerIT {
  private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  // A throwaway token under target/; never a real HSM.
  private static final char[] TEST_PIN = "4711-test".toCharArray();
  private static Provider pkcs11;

  @BeforeAll
  static void token() throws Exception {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      fail("SOFTHSM2_CONF is not set: run through failsafe (mvn verify)");
    }
    if (!Files.isRegularFile(Path.of(LIBRARY))) {
      fail(LIBRARY + " is missing: install the Debian package softhsm2");
    }
    Path dir = Path.of(conf).getParent();
    Path repo = Path.of(System.getProperty("user.dir")).getParent();
    Files.deleteIfExists(Path.of(conf));
    Files.createDirectories(dir);
    Path pinFile = Files.writeString(dir.resolve("pin"), new String(TEST_PIN));
    String label = "pub-it-" + System.nanoTime();
    // The project's token script passes PINs to pkcs11-tool through the environment, never argv.
    Process init = new ProcessBuilder(repo.resolve("hsm-config/softhsm-token.sh").toString(),
        dir.toString(), label, pinFile.toString()).redirectErrorStream(true).start();
    if (!init.waitFor(60, TimeUnit.SECONDS)) {
      init.destroyForcibly();
      fail("hsm-config/softhsm-token.sh did not finish");
    }
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(init.exitValue()).as(output).isZero();
    Process list = new ProcessBuilder("pkcs11-tool", "--module", LIBRARY, "-L")
        .redirectErrorStream(true).start();
    String slots = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Matcher slot = Pattern.compile("Slot \\d+ \\((0x[0-9a-f]+)\\)[^\\n]*\\n"
        + "  token label        : "
        + Pattern.quote(label) + "\\n").matcher(slots);
    assertThat(slot.find()).as(slots).isTrue();

    Path config = dir.resolve("sunpkcs11-" + label + ".cfg");
    Files.writeString(config, "name = AnchorholdIT\nlibrary = " + LIBRARY + "\nslot = "
        + Long.decode(slot.group(1)) + "\n");
    pkcs11 = Security.getProvider("SunPKCS11").configure(config.toString());
    KeyStore store = KeyStore.getInstance("PKCS11", pkcs11);
    store.load(null, TEST_PIN);
  }

  @ParameterizedTest(name = "{0} key in SoftHSM2 signs a manifest that verifies as {1}")
  @CsvSource({"EC, secp256r1, ES256, 64", "EC, secp384r1, ES384, 96",
      "RSA, 2048, RS256, 256"})
  void pkcs11Key_signsAManifestThePublicationVerifierAccepts(String type, String parameter,
      String alg, int signatureBytes) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type, pkcs11);
    if (type.equals("EC")) {
      generator.initialize(new ECGenParameterSpec(parameter));
    } else {
      generator.initialize(Integer.parseInt(parameter));
    }
    KeyPair hsmKeys = generator.generateKeyPair();
    PublicationFixture fixture = new PublicationFixture();
    Issued certified = TestPki.certify(fixture.root, hsmKeys.getPublic(),
        PublicationFixture.ISSUED.minusSeconds(3600), PublicationFixture.NEXT_UPDATE);
    PublicationSigner signer = PublicationSigner.of(hsmKeys.getPrivate(), pkcs11,
        List.of(certified.cert()));

    Path publications = Files.createDirectories(Path.of("target/pkcs11-it")
        .resolve(alg + "-" + System.nanoTime()));
    Path dir = new PublicationWriter(publications).write(fixture.input(1), signer);

    VerifiedPublication verified = new PublicationVerifier(fixture.trustedRoots(),
        Clock.fixed(PublicationFixture.NOW, ZoneOffset.UTC))
        .verifyAll(PublicationSource.directory(dir));
    assertThat(signer.algorithm()).isEqualTo(alg);
    assertThat(verified.signer()).isEqualTo(certified.cert());
    String jws = new String(verified.manifestJws(), StandardCharsets.US_ASCII);
    assertThat(Base64.getUrlDecoder().decode(jws.substring(jws.lastIndexOf('.') + 1)))
        .hasSize(signatureBytes);
  }
}
