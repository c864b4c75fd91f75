package org.anchorhold.ceremony.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationLagTest {
  private static String entry(String event, String details) {
    return "{\"seq\":1,\"time\":\"2026-12-03T12:00:00Z\",\"prev\":\"0\",\"event\":\"" + event
        + "\",\"officers\":[],\"inputs\":{},\"outputs\":{},\"details\":{" + details + "}}";
  }

  @Test
  void stateThatNeverPublished_hasNoLag() {
    assertThat(PublicationLag.of(List.of(entry("root ceremony", ""),
        entry("crl ceremony", "")))).isEmpty();
  }

  @Test
  void changeFollowedByAPublication_hasNoLag() {
    assertThat(PublicationLag.of(List.of(entry("revoke ceremony", ""),
        entry("publication", "\"sequence\":\"3\"")))).isEmpty();
  }

  @Test
  void revocationAfterTheLastPublication_isALag() {
    assertThat(PublicationLag.of(List.of(entry("publication", "\"sequence\":\"3\""),
        entry("revoke ceremony", ""))))
        .contains("the state changed after publication 3 (revoke ceremony at "
            + "2026-12-03T12:00:00Z); relying parties do not see the change until a publish "
            + "ceremony");
  }
}
