package org.anchorhold.ceremony.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Date;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.anchorhold.ceremony.cert.Pem;
import org.anchorhold.ceremony.support.CsrFixtures;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrChecksTest {
  private static final String TD = "aws.example.org";
  private static final X500Name SUBJECT = new X500Name("O=Anchorhold Test,CN=aws-east");
  private static final Path FIXTURES = Path.of("target", "csr-fixtures");

  private static CsrChecks checks() {
    return new CsrChecks(TD, SUBJECT, 2048);
  }

  private static CheckedCsr check(byte[] bytes) throws CsrException {
    return checks().check(CsrReader.parse(bytes));
  }

  private static Arguments refused(String fixture, Supplier<byte[]> csr, String message) {
    return Arguments.of(fixture, csr, message);
  }

  private static Supplier<byte[]> pem(CsrFixtures fixture) {
    return () -> fixture.pem().getBytes(StandardCharsets.US_ASCII);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refused("csr-bad-signature.pem", pem(CsrFixtures.ec("secp256r1").corruptSignature()),
            "signature does not verify with the CSR's key: no proof of possession"),
        refused("csr-rsa-1024.pem", pem(CsrFixtures.rsa(1024)),
            "key is RSA 1024 bits; at least 2048 are required"),
        refused("csr-p192.pem", pem(CsrFixtures.ec("secp192r1")),
            "key is ECDSA on curve P-192; allowed: P-256, P-384"),
        refused("csr-p521.pem", pem(CsrFixtures.ec("secp521r1")),
            "key is ECDSA on curve P-521; allowed: P-256, P-384"),
        refused("csr-ed25519.pem", pem(CsrFixtures.ed25519()),
            "key type 1.3.101.112 is not allowed; allowed: ECDSA P-256, P-384, RSA of at least "
            + "2048 bits"),
        refused("csr-san-other-trust-domain.pem",
            pem(CsrFixtures.ec("secp256r1").uri("spiffe://gcp.example.org")),
            "requests URI SAN 'spiffe://gcp.example.org', which is not spiffe://aws.example.org"),
        refused("csr-san-two-uris.pem", pem(CsrFixtures.ec("secp256r1")
            .uri("spiffe://aws.example.org").uri("spiffe://aws.example.org")),
            "requests 2 URI SANs; at most one, spiffe://aws.example.org"),
        refused("csr-san-spiffe-id-with-path.pem",
            pem(CsrFixtures.ec("secp256r1").uri("spiffe://aws.example.org/spire/server")),
            "requests 'spiffe://aws.example.org/spire/server', a SPIFFE ID with a path; an "
            + "intermediate names only its trust domain, spiffe://aws.example.org"),
        refused("csr-san-https-uri.pem",
            pem(CsrFixtures.ec("secp256r1").uri("https://aws.example.org")),
            "requests URI SAN 'https://aws.example.org', which is not spiffe://aws.example.org"),
        refused("csr-san-dns.pem", pem(CsrFixtures.ec("secp256r1").dns("aws.example.org")),
            "requests a DNS SAN; only the URI spiffe://aws.example.org is allowed"),
        refused("csr-san-ip.pem", pem(CsrFixtures.ec("secp256r1").ip("10.0.0.1")),
            "requests a IP address SAN; only the URI spiffe://aws.example.org is allowed"),
        refused("csr-unknown-critical-extension.pem", pem(CsrFixtures.ec("secp256r1")
            .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, new byte[] {5, 0})),
            "requests an unknown critical extension 1.3.6.1.4.1.55555.1"),
        refused("csr-subject-of-another-issuer.pem",
            pem(CsrFixtures.ec("secp256r1").subject("O=Anchorhold Test,CN=gcp-central")),
            "subject 'O=Anchorhold Test,CN=gcp-central' is neither empty nor the subject of the "
            + "ceremony file 'O=Anchorhold Test,CN=aws-east'"),
        refused("not-a-csr-empty.pem", () -> new byte[0], "is empty"),
        refused("not-a-csr-garbage.txt",
            () -> "hello, this is not a CSR\n".getBytes(StandardCharsets.US_ASCII),
            "is not a PEM or DER certificate request"),
        refused("not-a-csr-garbage-der.der", () -> new byte[] {0x30, 0x03, 0x02, 0x01},
            "is not a PEM or DER certificate request"),
        refused("not-a-csr-private-key.pem", CsrChecksTest::privateKeyPem,
            "holds a private key (PRIVATE KEY), not a certificate request; an issuer's key "
            + "never leaves the issuer"),
        refused("not-a-csr-certificate.pem",
            () -> Pem.encode("CERTIFICATE", certificate()).getBytes(StandardCharsets.US_ASCII),
            "holds a PEM CERTIFICATE, not a CERTIFICATE REQUEST"),
        refused("not-a-csr-certificate.der", CsrChecksTest::certificate,
            "is a certificate, not a certificate request"),
        refused("csr-two-pem-blocks.pem", () -> (CsrFixtures.ec("secp256r1").pem()
            + CsrFixtures.ec("secp256r1").pem()).getBytes(StandardCharsets.US_ASCII),
            "holds more than one PEM block; send the CSR alone"),
        refused("csr-trailing-bytes.der", () -> {
          byte[] der = CsrFixtures.ec("secp256r1").der();
          byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);
          return longer;
        }, "is not DER: the request must be encoded canonically, with nothing after it"),
        refused("not-a-csr-10mb.bin", () -> new byte[10 * 1024 * 1024],
            "is larger than 64 KiB; a CSR is a few kilobytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void defectiveCsr_isRefusedWithItsMessage(String fixture, Supplier<byte[]> csr, String message)
      throws Exception {
    byte[] bytes = csr.get();
    Files.createDirectories(FIXTURES);
    if (bytes.length < CsrReader.MAX_BYTES) {
      Files.write(FIXTURES.resolve(fixture), bytes);
    }
    assertThatThrownBy(() -> check(bytes))
        .isInstanceOf(CsrException.class)
        .hasMessage(message);
  }

  @Test
  void spireLikeCsr_givesItsKey() throws Exception {
    CsrFixtures fixture = CsrFixtures.ec("secp256r1").uri("spiffe://aws.example.org");
    CheckedCsr csr = check(fixture.der());
    assertThat(csr.publicKey().getEncoded()).isEqualTo(fixture.keyPair().getPublic().getEncoded());
    assertThat(csr.keyDescription()).isEqualTo("ECDSA P-256");
    assertThat(csr.ignoredExtensions()).isEmpty();
  }

  @Test
  void csrWithoutSanOrSubject_isAccepted() throws Exception {
    assertThat(check(CsrFixtures.ec("secp384r1").subject("").pem()
        .getBytes(StandardCharsets.US_ASCII)).keyDescription()).isEqualTo("ECDSA P-384");
  }

  @Test
  void rsa2048_isAcceptedAndAHigherFloorRefusesIt() throws Exception {
    byte[] der = CsrFixtures.rsa(2048).der();
    assertThat(check(der).keyDescription()).isEqualTo("RSA 2048");
    assertThatThrownBy(() -> new CsrChecks(TD, SUBJECT, 3072).check(CsrReader.parse(der)))
        .hasMessage("key is RSA 2048 bits; at least 3072 are required");
  }

  @Test
  void requestedCaRightsEkuAndCrlUrl_areIgnoredAndListed() throws Exception {
    byte[] der = CsrFixtures.ec("secp256r1")
        .extension(Extension.basicConstraints, true, encoded(new BasicConstraints(0)))
        .extension(Extension.extendedKeyUsage, false,
            encoded(new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)))
        .extension(Extension.cRLDistributionPoints, false, encoded(new DERSequence()))
        .extension(Extension.nameConstraints, true, encoded(new DERSequence()))
        .extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.2"), false, new byte[] {5, 0})
        .der();
    assertThat(check(der).ignoredExtensions()).containsExactly("basicConstraints",
        "extendedKeyUsage", "cRLDistributionPoints", "nameConstraints", "1.3.6.1.4.1.55555.2");
  }

  @Test
  void csrFile_largerThanTheLimit_isRefusedBeforeReading(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("not-a-csr-10mb.bin");
    Files.write(file, new byte[10 * 1024 * 1024]);
    assertThatThrownBy(() -> CsrReader.read(file))
        .hasMessage("is larger than 64 KiB; a CSR is a few kilobytes");
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Object object) {
    try {
      return object.getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] privateKeyPem() {
    KeyPair pair = CsrFixtures.ec("secp256r1").keyPair();
    return Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded())
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] certificate() {
    try {
      KeyPair pair = CsrFixtures.ec("secp256r1").keyPair();
      X500Name name = new X500Name("CN=not a csr");
      return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
          new Date(System.currentTimeMillis() + 86_400_000L), name, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CsrFixtures.BC)
              .build(pair.getPrivate())).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
