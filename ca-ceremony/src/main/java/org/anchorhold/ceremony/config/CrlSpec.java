package org.anchorhold.ceremony.config;

import java.time.Instant;

/**
 * How a CRL is signed: which root, how long it is valid, when the next ceremony is due, and the
 * currently published CRL it must follow.
 *
 * <pre>
 * crl:
 *   root: root-2026                # the crl ceremony only; revoke takes the revoked one's root
 *   validity-days: 90              # nextUpdate = thisUpdate + 90 days; 1 to 365
 *   renewal-margin-days: 30        # the next ceremony is due this long before nextUpdate
 *   published-crl: ../publication/crls/root-2026.crl   # optional
 *   recover-from-published: false  # continue after a published CRL the state does not know
 * </pre>
 *
 * @param root the root that signs, by its name in the state
 * @param validityDays days from thisUpdate to nextUpdate (PROFILES.md, CRL: at most 365)
 * @param renewalMarginDays days before nextUpdate from which {@code status} warns
 * @param thisUpdate an explicit thisUpdate; without it the CRL is dated at signing
 * @param publishedCrl the CRL relying parties have now, relative to the ceremony file
 * @param recoverFromPublished allow a published CRL whose number is ahead of the state
 */
public record CrlSpec(
    String root,
    Integer validityDays,
    Integer renewalMarginDays,
    Instant thisUpdate,
    String publishedCrl,
    Boolean recoverFromPublished) {

  /** The default window, in days. */
  public static final int DEFAULT_VALIDITY_DAYS = 90;

  /** The longest window PROFILES.md allows, in days. */
  public static final int MAX_VALIDITY_DAYS = 365;

  /** The default renewal margin, in days. */
  public static final int DEFAULT_RENEWAL_MARGIN_DAYS = 30;

  public CrlSpec {
    validityDays = validityDays == null ? DEFAULT_VALIDITY_DAYS : validityDays;
    boolean defaultMargin = renewalMarginDays == null;
    renewalMarginDays = defaultMargin ? DEFAULT_RENEWAL_MARGIN_DAYS : renewalMarginDays;
    recoverFromPublished = recoverFromPublished != null && recoverFromPublished;
    if (root != null && !root.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new ConfigProblem("root", "must be the name of a root in the state");
    }
    if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
      throw new ConfigProblem("validity-days", "must be 1 to " + MAX_VALIDITY_DAYS
          + " (Baseline Requirements §4.9.7)");
    }
    if (renewalMarginDays < 1 || renewalMarginDays >= validityDays) {
      throw new ConfigProblem("renewal-margin-days", (defaultMargin ? "(default "
          + DEFAULT_RENEWAL_MARGIN_DAYS + ") " : "") + "must be at least 1 and less than "
          + "validity-days (" + validityDays + ")" + (defaultMargin ? "; set it" : ""));
    }
    if (thisUpdate != null && thisUpdate.getNano() != 0) {
      throw new ConfigProblem("this-update", "must be whole seconds (RFC 5280 §5.1.2.4)");
    }
    if (publishedCrl != null) {
      CeremonyFile.checkPath("published-crl", publishedCrl);
    }
  }

  /** The settings when a file has no {@code crl} section. */
  public static CrlSpec defaults() {
    return new CrlSpec(null, null, null, null, null, null);
  }
}
