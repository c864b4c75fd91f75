/**
 * {@code bundle-server fetch}: downloads a publication from an https base URL or a local
 * directory, verifies it against trusted roots (signature, signer chain and revocation, hashes,
 * expiry, no rollback), then writes a relying party's bundle or an issuer's SPIRE upstream
 * files atomically. Any failure exits 1 with one line and leaves the old files as they were.
 */
package org.anchorhold.server.fetch;
