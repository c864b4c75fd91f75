/**
 * The {@code revoke} ceremony: {@link org.anchorhold.ceremony.revocation.Revocations} resolves
 * what the file names against the state and refuses what may not be revoked; {@link
 * org.anchorhold.ceremony.revocation.RevokePlan} records the revocations and signs the root's
 * fresh CRL in the same HSM session and the same state commit.
 */
package org.anchorhold.ceremony.revocation;
