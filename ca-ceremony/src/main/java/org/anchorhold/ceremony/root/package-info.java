/**
 * The root ceremony: {@link org.anchorhold.ceremony.root.RootPlan#of} checks a root ceremony file
 * against the clock; running the plan generates the root key in the HSM and self-signs the root.
 */
package org.anchorhold.ceremony.root;
