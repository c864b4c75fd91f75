/**
 * The hash-chained audit log of a CA state directory. {@link
 * org.anchorhold.ceremony.audit.AuditLog#verify} checks the whole chain; every ceremony appends
 * exactly one entry when it commits.
 */
package org.anchorhold.ceremony.audit;
