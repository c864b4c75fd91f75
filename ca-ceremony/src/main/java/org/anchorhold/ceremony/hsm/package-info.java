/**
 * Access to the PKCS#11 token that holds CA keys.
 *
 * <p>{@link org.anchorhold.ceremony.hsm.HsmSession#open} finds the token by label, configures a
 * SunPKCS11 provider instance for its slot and logs in once; keys are generated, found and used
 * only through that instance. A thin JNA binding in {@code internal} resolves slots, reads key
 * attributes back and stores certificates beside their keys.
 */
package org.anchorhold.ceremony.hsm;
