/**
 * The hash-chained audit log of a CA state directory. {@link
 * org.anchorhold.ceremony.audit.AuditLog#verify} checks the whole chain; every ceremony appends
 * exactly one entry when it commits, and the state's index records the last one.
 */
package org.anchorhold.ceremony.audit;
