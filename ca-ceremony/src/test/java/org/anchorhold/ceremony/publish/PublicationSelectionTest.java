package org.anchorhold.ceremony.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.anchorhold.ceremony.state.CrlRecord;
import org.anchorhold.ceremony.state.IssuedRecord;
import org.anchorhold.ceremony.state.RootRecord;
import org.anchorhold.ceremony.state.State;
import org.junit.jupiter.api.Test;

class PublicationSelectionTest {
  private static final Instant NOW = Instant.parse("2027-06-01T00:00:00Z");

  private static RootRecord root(String name, String notBefore, String notAfter,
      boolean publicationKey) {
    RootRecord root = new RootRecord(name, "roots/" + name + ".pem", "00", "01", "CN=" + name,
        "token", name, "01", "ecdsa-p384", Instant.parse(notBefore), Instant.parse(notAfter));
    return publicationKey ? root.withPublicationKey(name + "-publication", "02",
        "roots/" + name + "-publication.pem", "11") : root;
  }

  private static IssuedRecord issued(String serial, String issuer, String root, String td,
      String notBefore, String notAfter, String status) {
    return new IssuedRecord(serial, issuer, root, td, "issued/" + serial + ".pem", "22",
        Instant.parse(notBefore), Instant.parse(notAfter), status,
        IssuedRecord.REVOKED.equals(status) ? NOW.minusSeconds(60) : null,
        IssuedRecord.REVOKED.equals(status) ? "keyCompromise" : null, null);
  }

  private static CrlRecord crl(String root, int number) {
    return new CrlRecord(root, BigInteger.valueOf(number), NOW.minusSeconds(3600),
        NOW.plusSeconds(86400), "crls/" + root + "/" + number + ".crl", "33", 30);
  }

  private static State state(List<RootRecord> roots, List<IssuedRecord> issued,
      List<CrlRecord> crls) {
    return new State(State.FORMAT, roots, issued, crls, 0, null);
  }

  private static final RootRecord OLD = root("root-old", "2010-01-01T00:00:00Z",
      "2027-01-01T00:00:00Z", true);
  private static final RootRecord R2026 = root("root-2026", "2026-01-01T00:00:00Z",
      "2046-01-01T00:00:00Z", true);

  @Test
  void noIntermediateAndNoRootTrustDomain_givesNoTrustDomain() {
    PublicationSelection selection = PublicationSelection.of(
        state(List.of(R2026), List.of(), List.of()), Map.of(), NOW);
    assertThat(selection.trustDomains()).isEmpty();
    assertThat(selection.roots()).containsExactly(R2026);
    assertThat(selection.rootsWithoutCrl()).containsExactly("root-2026");
  }

  @Test
  void rootWithATrustDomain_bringsItsTrustDomainAlone() {
    PublicationSelection selection = PublicationSelection.of(
        state(List.of(R2026), List.of(), List.of()),
        Map.of("root-2026", "aws.example.org"), NOW);
    assertThat(selection.trustDomains())
        .containsExactly(Map.entry("aws.example.org", List.of("root-2026")));
  }

  @Test
  void expiredRoot_isLeftOutOfRootsAndBundles() {
    PublicationSelection selection = PublicationSelection.of(state(List.of(OLD, R2026),
        List.of(issued("0a", "aws-east", "root-2026", "aws.example.org",
            "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", IssuedRecord.VALID)),
        List.of(crl("root-old", 1), crl("root-2026", 1))), Map.of(), NOW);
    assertThat(selection.roots()).containsExactly(R2026);
    assertThat(selection.latestCrls()).containsOnlyKeys("root-2026");
    assertThat(selection.trustDomains())
        .containsExactly(Map.entry("aws.example.org", List.of("root-2026")));
  }

  @Test
  void revokedExpiredAndNotYetValidIntermediates_bringNoTrustDomainAndNoIssuer() {
    PublicationSelection selection = PublicationSelection.of(state(List.of(R2026), List.of(
        issued("01", "legacy", "root-2026", "legacy.example.org", "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z", IssuedRecord.REVOKED),
        issued("02", "gone", "root-2026", "gone.example.org", "2026-01-01T00:00:00Z",
            "2027-06-01T00:00:00Z", IssuedRecord.VALID),
        issued("03", "later", "root-2026", "later.example.org", "2027-06-01T00:00:01Z",
            "2028-01-01T00:00:00Z", IssuedRecord.VALID),
        issued("04", "aws-east", "root-2026", "aws.example.org", "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z", IssuedRecord.VALID)), List.of()), Map.of(), NOW);
    assertThat(selection.trustDomains()).containsOnlyKeys("aws.example.org");
    assertThat(selection.issuers()).extracting(IssuedRecord::serial).containsExactly("04");
  }

  @Test
  void rotatedIssuer_publishesOnlyItsNewestLiveIntermediate() {
    PublicationSelection selection = PublicationSelection.of(state(List.of(R2026), List.of(
        issued("0b", "aws-east", "root-2026", "aws.example.org", "2027-05-01T00:00:00Z",
            "2028-06-01T00:00:00Z", IssuedRecord.VALID),
        issued("0a", "aws-east", "root-2026", "aws.example.org", "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z", IssuedRecord.VALID),
        issued("0c", "aws-east", "root-2026", "aws.example.org", "2027-05-15T00:00:00Z",
            "2028-06-01T00:00:00Z", IssuedRecord.REVOKED)), List.of()), Map.of(), NOW);
    assertThat(selection.issuers()).extracting(IssuedRecord::serial).containsExactly("0b");
  }

  @Test
  void issuers_areSortedByName_andEachTrustDomainHoldsEveryRootWithoutATrustDomain() {
    RootRecord second = root("root-2027", "2027-01-01T00:00:00Z", "2047-01-01T00:00:00Z",
        false);
    PublicationSelection selection = PublicationSelection.of(state(List.of(R2026, second),
        List.of(issued("01", "gcp-central", "root-2027", "gcp.example.org",
            "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", IssuedRecord.VALID),
        issued("02", "aws-east", "root-2026", "aws.example.org", "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z", IssuedRecord.VALID)), List.of()), Map.of(), NOW);
    assertThat(selection.issuers()).extracting(IssuedRecord::issuer)
        .containsExactly("aws-east", "gcp-central");
    assertThat(selection.trustDomains()).containsExactly(
        Map.entry("aws.example.org", List.of("root-2026", "root-2027")),
        Map.entry("gcp.example.org", List.of("root-2026", "root-2027")));
  }

  @Test
  void rootWithATrustDomain_isOnlyInThatTrustDomainsBundle() {
    RootRecord aws = root("root-aws", "2026-06-01T00:00:00Z", "2046-01-01T00:00:00Z", false);
    PublicationSelection selection = PublicationSelection.of(state(List.of(R2026, aws),
        List.of(issued("01", "gcp-central", "root-2026", "gcp.example.org",
            "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", IssuedRecord.VALID)), List.of()),
        Map.of("root-aws", "aws.example.org"), NOW);
    assertThat(selection.trustDomains()).containsExactly(
        Map.entry("aws.example.org", List.of("root-2026", "root-aws")),
        Map.entry("gcp.example.org", List.of("root-2026")));
    assertThat(selection.trustDomainsWithoutRoot()).isEmpty();
  }

  @Test
  void trustDomainWhoseOnlyRootsNameAnother_isReportedWithoutRoot() {
    RootRecord aws = root("root-aws", "2026-06-01T00:00:00Z", "2046-01-01T00:00:00Z", false);
    PublicationSelection selection = PublicationSelection.of(state(List.of(aws), List.of(
        issued("01", "gcp-central", "root-aws", "gcp.example.org", "2027-01-01T00:00:00Z",
            "2028-01-01T00:00:00Z", IssuedRecord.VALID)), List.of()),
        Map.of("root-aws", "aws.example.org"), NOW);
    assertThat(selection.trustDomainsWithoutRoot()).containsExactly("gcp.example.org");
  }

  @Test
  void latestCrl_isTheHighestNumberPerRoot_notTheLastRecorded() {
    PublicationSelection selection = PublicationSelection.of(state(List.of(R2026), List.of(),
        List.of(crl("root-2026", 2), crl("root-2026", 10), crl("root-2026", 9))), Map.of(),
        NOW);
    assertThat(selection.latestCrls().get("root-2026").number()).isEqualTo(10);
    assertThat(selection.rootsWithoutCrl()).isEmpty();
  }

  @Test
  void signingRoot_isTheNewestLiveRootWithAPublicationKey() {
    RootRecord newestWithoutKey = root("root-2027", "2027-01-01T00:00:00Z",
        "2047-01-01T00:00:00Z", false);
    RootRecord older = root("root-2025", "2025-01-01T00:00:00Z", "2045-01-01T00:00:00Z", true);
    PublicationSelection selection = PublicationSelection.of(
        state(List.of(OLD, older, R2026, newestWithoutKey), List.of(), List.of()), Map.of(),
        NOW);
    assertThat(selection.signingRoot()).contains(R2026);
  }

  @Test
  void signingRoot_isEmptyWhenNoLiveRootHasAPublicationKey() {
    RootRecord withoutKey = root("root-2027", "2027-01-01T00:00:00Z", "2047-01-01T00:00:00Z",
        false);
    PublicationSelection selection = PublicationSelection.of(
        state(List.of(OLD, withoutKey), List.of(), List.of()), Map.of(), NOW);
    assertThat(selection.signingRoot()).isEmpty();
  }
}
