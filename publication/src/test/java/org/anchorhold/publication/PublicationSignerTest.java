package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.anchorhold.publication.fixtures.PublicationFixture;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.publication.fixtures.TestPki.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicationSignerTest {
  private static final byte[] PAYLOAD = "{\"sequence\":1}".getBytes(StandardCharsets.UTF_8);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2028-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} key signs {1} with signature of {2} bytes")
  @CsvSource({"P256, ES256, 64", "P384, ES384, 96", "RSA2048, RS256, 256"})
  void keyType_fixesTheAlgorithm(Kind kind, String alg, int signatureBytes) throws Exception {
    Issued root = TestPki.root("Signer Root " + kind, Kind.P384, START, END);
    Issued publication = TestPki.publicationCert(root, kind, START, END);
    // A provider other than the one that made the key's certificate: the JDK's own.
    Provider provider = kind.name().startsWith("P") ? Security.getProvider("SunEC")
        : Security.getProvider("SunRsaSign");
    PublicationSigner signer = PublicationSigner.of(publication.keys().getPrivate(), provider,
        List.of(publication.cert()));

    String jws = signer.sign(PAYLOAD);

    String[] parts = jws.split("\\.");
    JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(signer.algorithm()).isEqualTo(alg);
    assertThat(header.get("alg").asText()).isEqualTo(alg);
    assertThat(header.get("typ").asText()).isEqualTo("anchorhold-manifest+json");
    assertThat(header.size()).isEqualTo(3);
    assertThat(header.get("x5c").get(0).asText())
        .isEqualTo(Base64.getEncoder().encodeToString(publication.cert().getEncoded()));
    assertThat(Base64.getUrlDecoder().decode(parts[1])).isEqualTo(PAYLOAD);
    // RFC 7518 §3.4: ECDSA signatures are R || S at the curve's width, never DER.
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(signatureBytes);
  }

  @Test
  void keyThatDoesNotMatchTheCertificate_isRefusedBeforeAnythingIsReturned() {
    PublicationFixture fixture = new PublicationFixture();
    Issued other = TestPki.publicationCert(fixture.root, Kind.P256, START, END);
    PublicationSigner signer = PublicationSigner.of(other.keys().getPrivate(), TestPki.BC,
        List.of(fixture.publication.cert()));

    assertThatThrownBy(() -> signer.sign(PAYLOAD))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining("key and certificate do not match");
  }

  @Test
  void keyOfAnotherType_isRefused() {
    PublicationFixture fixture = new PublicationFixture();
    Issued rsa = TestPki.publicationCert(fixture.root, Kind.RSA2048, START, END);

    assertThatThrownBy(() -> PublicationSigner.of(rsa.keys().getPrivate(), TestPki.BC,
        List.of(fixture.publication.cert())))
        .hasMessageContaining("private key type RSA does not match");
  }
}
