package org.anchorhold.publication.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.anchorhold.publication.PublicationException;
import org.anchorhold.publication.fixtures.TestPki;
import org.anchorhold.publication.fixtures.TestPki.Issued;
import org.anchorhold.publication.fixtures.TestPki.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("F11 bundle entries")
class FieldCaseF11Test {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2046-01-01T00:00:00Z");
  private static final Issued P256 = TestPki.root("F11 Root P-256", Kind.P256, START, END);
  private static final Issued P384 = TestPki.root("F11 Root P-384", Kind.P384, START, END);
  private static final Issued RSA = TestPki.root("F11 Root RSA", Kind.RSA3072, START, END);

  @Test
  @DisplayName("F11 a bundle with one root has exactly the profile's members")
  void oneRoot_hasExactlyTheProfileMembers() throws Exception {
    JsonNode bundle = JSON.readTree(new SpiffeBundle(3, 300, List.of(P256.cert())).toJson());

    assertThat(names(bundle)).containsExactly("keys", "spiffe_refresh_hint", "spiffe_sequence");
    assertThat(bundle.get("spiffe_sequence").asLong()).isEqualTo(3);
    assertThat(bundle.get("spiffe_refresh_hint").asLong()).isEqualTo(300);
    JsonNode key = bundle.get("keys").get(0);
    assertThat(names(key)).containsExactly("crv", "kty", "use", "x", "x5c", "y");
    assertThat(key.get("use").asText()).isEqualTo("x509-svid");
    assertThat(key.get("kty").asText()).isEqualTo("EC");
    assertThat(key.get("crv").asText()).isEqualTo("P-256");
    assertThat(key.get("x5c")).hasSize(1);
    assertThat(Base64.getDecoder().decode(key.get("x5c").get(0).asText()))
        .isEqualTo(P256.cert().getEncoded());
  }

  @Test
  @DisplayName("F11 two roots during rotation are both published and both read back")
  void twoRoots_duringRotation_areBothPublishedInOrder() throws Exception {
    SpiffeBundle written = new SpiffeBundle(9, 60, List.of(P256.cert(), RSA.cert()));

    SpiffeBundle read = SpiffeBundle.parse(written.toJson());

    assertThat(read).isEqualTo(written);
    JsonNode rsa = JSON.readTree(written.toJson()).get("keys").get(1);
    assertThat(names(rsa)).containsExactly("e", "kty", "n", "use", "x5c");
    assertThat(rsa.get("e").asText()).isEqualTo("AQAB");
  }

  @Test
  @DisplayName("F11 ec coordinates are fixed width: 48 bytes for p-384, 32 with a leading zero")
  void ecCoordinates_areFixedWidth() throws Exception {
    JsonNode p384 = JSON.readTree(new SpiffeBundle(1, 60, List.of(P384.cert())).toJson())
        .get("keys").get(0);
    assertThat(Base64.getUrlDecoder().decode(p384.get("x").asText())).hasSize(48);
    assertThat(Base64.getUrlDecoder().decode(p384.get("y").asText())).hasSize(48);
    assertThat(p384.get("x").asText()).doesNotContain("=");

    Issued small = rootWithShortX();
    JsonNode key = JSON.readTree(new SpiffeBundle(1, 60, List.of(small.cert())).toJson())
        .get("keys").get(0);
    byte[] x = Base64.getUrlDecoder().decode(key.get("x").asText());
    assertThat(x).hasSize(32);
    assertThat(x[0]).isZero();
    assertThat(new BigInteger(1, x))
        .isEqualTo(((ECPublicKey) small.cert().getPublicKey()).getW().getAffineX());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("entry without x5c", k -> k.remove("x5c"), "bundle.keys[1].x5c is missing"),
        bad("entry with kid", k -> k.put("kid", "abc"), "bundle.keys[1].kid is not allowed"),
        bad("entry with x5t#S256", k -> k.put("x5t#S256", "abc"),
            "bundle.keys[1].x5t#S256 is not allowed"),
        bad("unknown use", k -> k.put("use", "jwt-svid"), "bundle.keys[1].use must be x509-svid"),
        bad("unknown kty", k -> k.put("kty", "OKP"), "bundle.keys[1].kty must be EC or RSA"),
        bad("x5c with two certificates", k -> ((ArrayNode) k.get("x5c")).add(
            k.get("x5c").get(0).asText()), "bundle.keys[1].x5c must hold exactly one"),
        bad("x5c in base64url", k -> ((ArrayNode) k.get("x5c")).set(0,
            urlSafe(k.get("x5c").get(0).asText())), "bundle.keys[1].x5c[0] must be"),
        bad("x5c not a root", k -> ((ArrayNode) k.get("x5c")).set(0, intermediate()),
            "bundle.keys[1].x5c must be a self-signed ca certificate"),
        bad("x coordinate padded", k -> k.put("x", k.get("x").asText() + "="),
            "bundle.keys[1] key parameters must equal its x5c certificate's key"),
        bad("key of another root", k -> k.put("y", otherY()),
            "bundle.keys[1] key parameters must equal its x5c certificate's key"));
  }

  @ParameterizedTest(name = "F11 reader rejects the whole bundle: {0}")
  @MethodSource("malformed")
  void reader_rejectsAMalformedBundleWhole(String name, Consumer<ObjectNode> breakIt,
      String message) throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(
        new SpiffeBundle(4, 300, List.of(RSA.cert(), P256.cert())).toJson());
    breakIt.accept((ObjectNode) bundle.get("keys").get(1));

    assertThatThrownBy(() -> SpiffeBundle.parse(JSON.writeValueAsBytes(bundle)))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("F11 reader rejects bad top-level members and repeated or missing roots")
  void reader_rejectsBadTopLevel() throws Exception {
    String good = new String(new SpiffeBundle(4, 300, List.of(P256.cert())).toJson(),
        StandardCharsets.UTF_8);
    String key = good.substring(good.indexOf('[') + 1, good.indexOf("],\"spiffe_sequence\""));

    assertRejected(good.replace(",\"spiffe_refresh_hint\":300", ""),
        "bundle.spiffe_refresh_hint is missing");
    assertRejected(good.replace("\"spiffe_refresh_hint\":300", "\"spiffe_refresh_hint\":0"),
        "bundle.spiffe_refresh_hint must be an integer from 1");
    assertRejected(good.replace("\"spiffe_sequence\":4", "\"spiffe_sequence\":\"4\""),
        "bundle.spiffe_sequence must be an integer");
    assertRejected(good.substring(0, good.length() - 1) + ",\"extra\":true}",
        "bundle.extra is not allowed");
    assertRejected(good.replace(key, key + "," + key), "bundle.keys[1] repeats a root");
    assertRejected(good.replace(key, ""), "bundle.keys must hold at least one root");
    assertRejected(good + " []", "bundle is not strict json");
  }

  @Test
  void writer_refusesAnIntermediateAsABundleEntry() {
    Issued issuer = TestPki.intermediate(P256, "aws.example.org", START, END);

    assertThatThrownBy(() -> new SpiffeBundle(1, 60, List.of(P256.cert(), issuer.cert())))
        .hasMessageContaining("is not a self-signed ca certificate; a bundle holds roots only");
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> SpiffeBundle.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining(message);
  }

  private static Arguments bad(String name, Consumer<ObjectNode> breakIt, String message) {
    return Arguments.of(name, breakIt, message);
  }

  private static String urlSafe(String base64) {
    return base64.replace('+', '-').replace('/', '_').replace("=", "") + "-_";
  }

  private static String intermediate() {
    X509Certificate cert = TestPki.intermediate(P256, "aws.example.org", START, END).cert();
    try {
      return Base64.getEncoder().encodeToString(cert.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String otherY() {
    try {
      return JSON.readTree(new SpiffeBundle(1, 1, List.of(rootWithShortX().cert())).toJson())
          .get("keys").get(0).get("y").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued rootWithShortX() {
    for (int i = 0; i < 5000; i++) {
      Issued root = TestPki.root("F11 short x " + i, Kind.P256, START, END);
      if (((ECPublicKey) root.cert().getPublicKey()).getW().getAffineX().bitLength() <= 248) {
        return root;
      }
    }
    throw new IllegalStateException("no p-256 key with a leading zero byte in 5000 tries");
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
