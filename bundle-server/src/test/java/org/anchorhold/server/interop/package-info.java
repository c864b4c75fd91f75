/** Interoperability tests: tools we did not write read what Anchorhold publishes. */
package org.anchorhold.server.interop;
