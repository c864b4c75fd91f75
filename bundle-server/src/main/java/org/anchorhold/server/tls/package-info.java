/**
 * The serving TLS identity: PEM loading ({@link org.anchorhold.server.tls.TlsIdentityLoader}),
 * the start-up checks of field case F16 ({@link org.anchorhold.server.tls.TlsIdentityCheck}),
 * Mozilla-intermediate protocols and AEAD suites ({@link org.anchorhold.server.tls.TlsPolicy}),
 * and a key manager that swaps to a new certificate and key when their files change ({@link
 * org.anchorhold.server.tls.ReloadingKeyManager}, {@link org.anchorhold.server.tls.TlsReloader}).
 */
package org.anchorhold.server.tls;
