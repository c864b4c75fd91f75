/**
 * SPIFFE trust bundles as PROFILES.md shapes them: {@link
 * org.anchorhold.publication.bundle.SpiffeBundle#toJson()} writes one, {@link
 * org.anchorhold.publication.bundle.SpiffeBundle#parse(byte[])} reads one strictly and rejects a
 * malformed bundle whole (field case F11).
 */
package org.anchorhold.publication.bundle;
