package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A submitted bundle seen as the rules need it: its entries with their indexes and FHIRPath locations, and
 * references between entries ({@code urn:uuid:} full URLs, or conditional references on an entry's identifier)
 * resolved within the bundle.
 */
final class SubmissionBundle {

    private final Bundle bundle;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byFullUrl = new HashMap<>();

    /** @param bundle the bundle as posted (a batch is seen as a transaction: its locations are the same) */
    SubmissionBundle(Bundle bundle) {
        this.bundle = bundle;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = bundle.getEntry().get(i);
            Entry entry = new Entry(i, e.getResource(), e.getRequest(), e.getFullUrl());
            entries.add(entry);
            if (e.hasFullUrl()) {
                byFullUrl.put(e.getFullUrl(), entry);
            }
        }
    }

    Bundle bundle() {
        return bundle;
    }


    /** One entry: its position, resource and request. */
    record Entry(int index, Resource resource, Bundle.BundleEntryRequestComponent request, String fullUrl) {}

    List<Entry> entries() {
        return entries;
    }

    /** Entries whose resource is of the given type. */
    <T extends Resource> List<Typed<T>> entriesOf(Class<T> type) {
        List<Typed<T>> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (type.isInstance(entry.resource())) {
                found.add(new Typed<>(entry, type.cast(entry.resource())));
            }
        }
        return found;
    }

    /** An entry with its resource already cast. */
    record Typed<T extends Resource>(Entry entry, T resource) {}

    /** The entry a reference points at, when it points inside the bundle (by full URL). */
    Optional<Entry> resolve(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String literal = reference.getReference();
        Entry byUrl = byFullUrl.get(literal);
        if (byUrl != null) {
            return Optional.of(byUrl);
        }
        // A conditional reference (a batch's only way to link entries): the entry of that type with that identifier.
        int query = literal.indexOf("?identifier=");
        int bar = literal.indexOf('|', query + 1);
        if (query <= 0 || bar < 0) {
            return Optional.empty();
        }
        String type = literal.substring(0, query);
        String system = literal.substring(query + "?identifier=".length(), bar);
        String value = literal.substring(bar + 1);
        return entries.stream()
                .filter(e -> e.resource() != null && e.resource().fhirType().equals(type)
                        && SubmissionValues.identifier(identifiers(e.resource()), system).filter(value::equals).isPresent())
                .findFirst();
    }

    private static List<org.hl7.fhir.r4.model.Identifier> identifiers(Object resource) {
        if (resource instanceof org.hl7.fhir.r4.model.Patient patient) {
            return patient.getIdentifier();
        } else if (resource instanceof org.hl7.fhir.r4.model.Organization organization) {
            return organization.getIdentifier();
        } else if (resource instanceof org.hl7.fhir.r4.model.EpisodeOfCare plan) {
            return plan.getIdentifier();
        } else if (resource instanceof org.hl7.fhir.r4.model.Flag flag) {
            return flag.getIdentifier();
        }
        return List.of();
    }

    /** An entry's index in a FHIRPath location ({@code Bundle.entry[3]}), as group 1. */
    static final Pattern ENTRY_INDEX = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    /** The FHIRPath location of a path inside an entry's resource, e.g. {@code Bundle.entry[3].resource.period}. */
    String location(Entry entry, String path) {
        String base = "Bundle.entry[" + entry.index() + "].resource";
        return path.isEmpty() ? base : base + "." + path;
    }

    /** The FHIRPath location of an entry's request, e.g. {@code Bundle.entry[3].request.url}. */
    String requestLocation(Entry entry, String element) {
        return "Bundle.entry[" + entry.index() + "].request." + element;
    }
}
