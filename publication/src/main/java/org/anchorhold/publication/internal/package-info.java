/**
 * Implementation detail of the publication module: strict JSON reading, hashing, PEM and file
 * helpers. Not an API; other modules use the types of {@code org.anchorhold.publication}.
 */
package org.anchorhold.publication.internal;
