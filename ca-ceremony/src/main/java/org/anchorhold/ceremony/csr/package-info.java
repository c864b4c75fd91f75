/**
 * Certificate signing requests from issuers: {@link org.anchorhold.ceremony.csr.CsrReader} turns
 * a file into a CSR or one line saying what it is instead, and
 * {@link org.anchorhold.ceremony.csr.CsrChecks} proves possession, applies the key policy and
 * checks the requested names before only the public key is taken.
 */
package org.anchorhold.ceremony.csr;
