/**
 * Operators' metrics: the counters and timers CP-IS publishes at {@code /actuator/prometheus} (lookups,
 * submissions, refusals, the audit write, notification deliveries, retention removals), named once here.
 */
package uk.cpis.fhir.metrics;
