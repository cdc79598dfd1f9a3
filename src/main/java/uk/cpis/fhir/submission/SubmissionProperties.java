package uk.cpis.fhir.submission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a submission may be, bound from {@code cpis.submission.*}.
 *
 * @param maxEntries the most entries one bundle may hold (default 2000: 100 children of four or five entries,
 *     with room to spare); more is refused with 413
 * @param maxBytes the largest request body accepted on {@code /fhir} (default 10MB); larger is refused with 413
 * @param maxFileBytes the largest CSV file an LA may send to {@code $cpis-submit-file} (default 5MB; 413)
 */
@ConfigurationProperties("cpis.submission")
public record SubmissionProperties(
        @DefaultValue("2000") int maxEntries, @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("5MB") DataSize maxFileBytes) {}
