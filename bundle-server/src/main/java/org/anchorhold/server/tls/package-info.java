/**
 * The serving TLS identity: PEM loading ({@link org.anchorhold.server.tls.TlsIdentityLoader}),
 * the start-up checks of field case F16 ({@link org.anchorhold.server.tls.TlsIdentityCheck}),
 * Mozilla-intermediate protocols and AEAD suites ({@link org.anchorhold.server.tls.TlsPolicy}),
 * a key manager that swaps to a new certificate and key when their files change ({@link
 * org.anchorhold.server.tls.ReloadingKeyManager}, {@link org.anchorhold.server.tls.TlsReloader}),
 * and the TLS engine behind the listener ({@link org.anchorhold.server.tls.TlsEngine}): Conscrypt
 * as a provider instance of that one context, or the JDK's JSSE. Build the context with
 * {@code TlsPolicy.context(keyManager, TlsOptions.DEFAULTS)}.
 */
package org.anchorhold.server.tls;
