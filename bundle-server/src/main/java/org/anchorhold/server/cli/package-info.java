/**
 * The {@code bundle-server} command line (picocli): {@link
 * org.anchorhold.server.cli.BundleServerCommand} and its {@code serve} subcommand, which
 * assembles store, watcher, TLS and listeners through {@link
 * org.anchorhold.server.cli.RunningServer}. Exit codes: 0 done, 1 failed, 2 bad command line.
 */
package org.anchorhold.server.cli;
