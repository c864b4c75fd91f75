/**
 * Publication from the CA state: choosing what is live ({@link
 * org.anchorhold.ceremony.publish.PublicationSelection}), and writing a signed publication in
 * the HSM session of a ceremony ({@link org.anchorhold.ceremony.publish.Publisher}), plus the
 * {@code publish} ceremony itself.
 */
package org.anchorhold.ceremony.publish;
