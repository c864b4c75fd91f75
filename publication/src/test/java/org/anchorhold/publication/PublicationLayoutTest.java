package org.anchorhold.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicationLayoutTest {
  @ParameterizedTest
  @CsvSource({
      "bundles/aws.example.org.json, application/json",
      "bundles/aws.example.org.pem, application/pem-certificate-chain",
      "roots/root-2026.crt, application/pkix-cert",
      "crls/root-2026.crl, application/pkix-crl",
      "issuers/aws-east/chain.pem, application/pem-certificate-chain",
      "manifest.json, application/json",
      "manifest.jws, application/jose"})
  void contentType_isTheDesignTable(String path, String type) {
    assertThat(PublicationLayout.contentType(path)).contains(type);
  }

  @ParameterizedTest
  @CsvSource({"bundles/../x.json", "bundles/x.txt", "roots/.crt", "issuers/a/b/chain.pem",
      "index.html", "crls/-x.crl", "bundles/UPPER.json", "issuers/../chain.pem"})
  void contentType_isEmptyOutsideTheLayout(String path) {
    assertThat(PublicationLayout.contentType(path)).isEqualTo(Optional.empty());
  }

  @Test
  void sequenceDirName_isTwelveDigits() {
    assertThat(PublicationLayout.sequenceDirName(42)).isEqualTo("000000000042");
    assertThat(PublicationLayout.parseSequenceDirName("000000000042")).hasValue(42);
    assertThat(PublicationLayout.parseSequenceDirName("42")).isEqualTo(OptionalLong.empty());
    assertThat(PublicationLayout.parseSequenceDirName(".tmp-000000000042-1")).isEmpty();
    assertThatThrownBy(() -> PublicationLayout.sequenceDirName(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
