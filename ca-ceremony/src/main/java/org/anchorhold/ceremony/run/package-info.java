/**
 * Running ceremonies: a ceremony file is loaded ({@link
 * org.anchorhold.ceremony.run.LoadedCeremony}), planned by its type's planner into a {@link
 * org.anchorhold.ceremony.run.Plan}, and run with a transcript and witness confirmations.
 */
package org.anchorhold.ceremony.run;
