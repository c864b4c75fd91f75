/**
 * The state report behind {@code ceremony status}: {@link
 * org.anchorhold.ceremony.status.StatusReport#of} turns a state and a moment into roots, CRL due
 * dates, intermediates and warnings, as text for officers or JSON for monitoring.
 */
package org.anchorhold.ceremony.status;
