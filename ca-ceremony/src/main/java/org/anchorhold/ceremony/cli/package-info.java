/**
 * The picocli commands of the {@code ceremony} tool, one per file. Each command is a
 * {@code Callable<Integer>} returning 0 (done), 1 (failed) or 2 (bad command line or file), and
 * prints failures as one line.
 */
package org.anchorhold.ceremony.cli;
