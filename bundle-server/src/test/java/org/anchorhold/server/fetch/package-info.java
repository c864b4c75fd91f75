/** Tests of {@code bundle-server fetch}, each bad input of issue 5 by name. */
package org.anchorhold.server.fetch;
