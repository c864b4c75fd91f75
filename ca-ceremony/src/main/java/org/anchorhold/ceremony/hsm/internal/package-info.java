/** The JNA binding of the few PKCS#11 functions SunPKCS11 does not expose. */
package org.anchorhold.ceremony.hsm.internal;
