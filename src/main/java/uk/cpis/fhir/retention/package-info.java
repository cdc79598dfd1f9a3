/**
 * Retention: a nightly job and an admin operation ({@code $cpis-apply-retention}) remove each plan, its flags and
 * their access notifications a set period (12 months) after the plan ended, physically, with their history, and
 * record each removal in an AuditEvent in the same database transaction. AuditEvents are kept, unless their own
 * retention period is set.
 */
package uk.cpis.fhir.retention;
