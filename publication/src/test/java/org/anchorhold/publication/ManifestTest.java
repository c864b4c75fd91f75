package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestTest {
  private static final String SHA = "a".repeat(64);
  private static final String GOOD = "{\"sequence\":7,\"issued\":\"2026-06-01T12:00:00Z\","
      + "\"expires\":\"2026-06-08T12:00:00Z\",\"files\":[{\"path\":\"bundles/a.example.json\","
      + "\"size\":12,\"sha256\":\"" + SHA + "\",\"content_type\":\"application/json\"}]}";

  @Test
  void canonicalJson_roundTripsByteForByte() throws Exception {
    Manifest manifest = Manifest.parse(bytes(GOOD));

    assertThat(manifest.sequence()).isEqualTo(7);
    assertThat(manifest.issued()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
    assertThat(manifest.files()).containsExactly(
        new ManifestFile("bundles/a.example.json", 12, SHA, "application/json"));
    assertThat(new String(manifest.toJson(), StandardCharsets.UTF_8)).isEqualTo(GOOD);
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        rule("\"sequence\":7,", "\"sequence\":7,\"extra\":1,",
            "manifest.extra is not allowed"),
        rule("\"sequence\":7,", "\"sequence\":7,\"sequence\":8,",
            "not strict json: Duplicate field 'sequence'"),
        rule("\"sequence\":7,", "\"sequence\":\"7\",", "manifest.sequence must be an integer"),
        rule("\"sequence\":7,", "\"sequence\":7.0,", "manifest.sequence must be an integer"),
        rule("\"sequence\":7,", "\"sequence\":0,",
            "manifest.sequence must be an integer from 1"),
        rule("12:00:00Z\",\"expires", "12:00:00.5Z\",\"expires",
            "manifest.issued must be a utc time in whole seconds"),
        rule("12:00:00Z\",\"expires", "12:00:00+00:00\",\"expires",
            "manifest.issued must be a utc time"),
        rule("\"size\":12,", "\"size\":12,\"mode\":1,", "manifest.files[0].mode is not allowed"),
        rule(",\"content_type\":\"application/json\"", "",
            "manifest.files[0].content_type is missing"),
        rule("\"content_type\":\"application/json\"", "\"content_type\":\"text/html\"",
            "content type of 'bundles/a.example.json' must be application/json"),
        rule("bundles/a.example.json", "../etc/passwd",
            "path '../etc/passwd' is not a publication path"),
        rule("aaaaaaaaaaaaaaaaaaaa", "AAAAAAAAAAAAAAAAAAAA", "must be 64 lowercase hex digits"),
        rule("\"size\":12", "\"size\":-1", "manifest.files[0].size must be an integer from 0"));
  }

  private static Arguments rule(String from, String to, String message) {
    return Arguments.of(from, to, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("brokenRules")
  void parse_refusesBrokenRule(String from, String to, String message) {
    String json = GOOD.replace(from, to);
    assertThat(json).isNotEqualTo(GOOD);

    assertThatThrownBy(() -> Manifest.parse(bytes(json)))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_refusesTrailingTokens() {
    assertThatThrownBy(() -> Manifest.parse(bytes(GOOD + "{}")))
        .isInstanceOf(PublicationException.class)
        .hasMessageContaining("not strict json");
  }

  @Test
  void parse_refusesByteOrderMarkAndInvalidUtf8() {
    assertThatThrownBy(() -> Manifest.parse(bytes("\uFEFF" + GOOD)))
        .hasMessage("manifest starts with a byte order mark");
    byte[] broken = bytes(GOOD);
    broken[GOOD.indexOf("bundles")] = (byte) 0xC3;
    assertThatThrownBy(() -> Manifest.parse(broken)).hasMessage("manifest is not valid utf-8");
  }

  @Test
  void parse_refusesAPathListedTwice() {
    String entry = GOOD.substring(GOOD.indexOf('[') + 1, GOOD.indexOf(']'));
    String json = GOOD.replace(entry, entry + "," + entry);

    assertThatThrownBy(() -> Manifest.parse(bytes(json)))
        .hasMessageContaining("path 'bundles/a.example.json' is listed twice");
  }

  @Test
  void parse_refusesAnExpiryNotAfterIssue() {
    String json = GOOD.replace("2026-06-08T12:00:00Z", "2026-06-01T12:00:00Z");

    assertThatThrownBy(() -> Manifest.parse(bytes(json)))
        .hasMessageContaining("expires must be after issued");
  }

  @Test
  void manifestFile_refusesTheManifestItself() {
    assertThatThrownBy(() -> new ManifestFile("manifest.json", 1, SHA, "application/json"))
        .hasMessageContaining("cannot be listed");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
