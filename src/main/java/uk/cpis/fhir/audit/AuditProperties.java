package uk.cpis.fhir.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings, bound from {@code cpis.audit.*}.
 *
 * @param enabled false turns auditing and notification off: only for the benchmark's baseline; a production
 *     profile refuses to start so
 * @param historySize how many accesses {@code Patient/$cpis-access-history} returns (the NHS service shows 25)
 */
@ConfigurationProperties("cpis.audit")
public record AuditProperties(@DefaultValue("true") boolean enabled, @DefaultValue("25") int historySize) {}
