package uk.cpis.fhir.support;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;

/** How many resources of each submission type are stored: taken before and after, it shows nothing was written. */
public final class StoredCounts {

    private static final List<String> TYPES =
            List.of("Patient", "Organization", "EpisodeOfCare", "Flag", "Provenance", "Practitioner", "PractitionerRole", "CareTeam");

    private StoredCounts() {}

    public static Map<String, Integer> of(IGenericClient client) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String type : TYPES) {
            Bundle count = client.search()
                    .forResource(type)
                    .summaryMode(SummaryEnum.COUNT)
                    .returnBundle(Bundle.class)
                    .execute();
            counts.put(type, count.getTotal());
        }
        return counts;
    }
}
