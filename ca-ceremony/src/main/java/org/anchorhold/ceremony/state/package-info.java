/**
 * The CA state directory: its index, its files and the atomic, durable writes that change them.
 * Open it with {@link org.anchorhold.ceremony.state.StateDirectory#open}, which locks it and checks
 * the audit chain and the audit head the index records; change it only through {@code commit}.
 */
package org.anchorhold.ceremony.state;
