/**
 * The intermediate ceremony: {@link org.anchorhold.ceremony.intermediate.IntermediatePlan#of}
 * checks an intermediate ceremony file and every CSR against the clock and the profile; running
 * the plan signs one issuer intermediate per issuer with the root key in one HSM session and
 * records the batch, with each issuer's SPIRE files, in one commit of the state.
 */
package org.anchorhold.ceremony.intermediate;
