package org.anchorhold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityTagsTest {
  private static final String TAG = "\"" + "ab".repeat(32) + "\"";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*|true",
      " * |true",
      "TAG|true",
      "W/TAG|true",
      "\"x\", TAG|true",
      "\"x\",TAG,\"y\"|true",
      "\"x\"|false",
      "\"x\", W/\"y\"|false",
      "TAGx|false",
      "unquoted|false",
      "\"unterminated|false",
      "\"" + "ab" + "\"|false",
      "\"a,b\", TAG|true"})
  void noneMatchHits_followsRfc9110WeakComparison(String header, boolean hits) {
    assertThat(EntityTags.noneMatchHits(header.replace("TAG", TAG), TAG)).isEqualTo(hits);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/bundles/x.json|/bundles/x.json",
      "/a b|/a\\x20b",
      "/\"q\"|/\\x22q\\x22",
      "/tab\tline|/tab\\x09line"})
  void accessLogPath_escapesControlQuoteAndSpace(String raw, String logged) {
    assertThat(AccessLogHandler.printable(raw)).isEqualTo(logged);
  }
}
