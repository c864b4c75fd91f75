/**
 * Certificate profiles, their lint, serial numbers and the lint-sign-verify sequence.
 *
 * <p>A profile builds the to-be-signed certificate and checks it; {@link
 * org.anchorhold.ceremony.cert.CertificateSigning} lints the exact TBS bytes, has the HSM sign
 * them, then verifies the signature in software and re-parses the result with the JDK.
 */
package org.anchorhold.ceremony.cert;
