/**
 * The served publication: an immutable in-memory {@link org.anchorhold.server.serve.Snapshot},
 * the {@link org.anchorhold.server.serve.PublicationStore} that swaps it atomically, and the
 * {@link org.anchorhold.server.serve.PublicationWatcher} that finds, verifies and offers new
 * publications.
 *
 * <p>Usage: build a {@code PublicationStore}, give it and a {@link
 * org.anchorhold.server.serve.PublicationLoader} to a watcher, call {@code scanOnce()} at start
 * and {@code start()} to follow the directory.
 */
package org.anchorhold.server.serve;
