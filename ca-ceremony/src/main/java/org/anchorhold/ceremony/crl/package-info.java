/**
 * Certificate revocation lists: the CRL profile of PROFILES.md ({@link
 * org.anchorhold.ceremony.crl.CrlProfile}), lint-sign-verify ({@link
 * org.anchorhold.ceremony.crl.CrlSigning}), the next number and entries from the state ({@link
 * org.anchorhold.ceremony.crl.CrlDraft}), the check that the state still revokes what the root's
 * latest CRL revokes ({@link org.anchorhold.ceremony.crl.CrlContinuity}) and the {@code crl}
 * ceremony that re-signs a root's CRL. The {@code revoke} ceremony signs through the same draft.
 */
package org.anchorhold.ceremony.crl;
