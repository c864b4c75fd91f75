/**
 * The signed publication format shared by the ceremony and the bundle server.
 *
 * <p>Writing: build a {@link org.anchorhold.publication.PublicationInput}, wrap the HSM's
 * publication key in a {@link org.anchorhold.publication.PublicationSigner}, and call
 * {@link org.anchorhold.publication.PublicationWriter#write}. Reading: give a
 * {@link org.anchorhold.publication.PublicationSource} to
 * {@link org.anchorhold.publication.PublicationVerifier#verifyAll} (everything) or
 * {@link org.anchorhold.publication.PublicationVerifier#verify} (only the paths a client needs);
 * only a {@link org.anchorhold.publication.VerifiedPublication} is ever used.
 */
package org.anchorhold.publication;
