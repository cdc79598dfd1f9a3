package uk.cpis.fhir.submission;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A submitted bundle seen as the rules need it: its entries with their indexes and FHIRPath locations, and
 * references between entries ({@code urn:uuid:} full URLs) resolved within the bundle.
 */
final class SubmissionBundle {

    private final Bundle bundle;
    private final boolean relativeLocations;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byFullUrl = new HashMap<>();

    /**
     * @param bundle the bundle as posted
     * @param relativeLocations true for one entry of a batch, whose problems are reported relative to the
     *     resource (a batch answers each entry on its own), false for a transaction
     *     ({@code Bundle.entry[i].resource…})
     */
    SubmissionBundle(Bundle bundle, boolean relativeLocations) {
        this.bundle = bundle;
        this.relativeLocations = relativeLocations;
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

    /** True when this is one entry of a batch: other entries cannot be referred to, and locations are relative. */
    boolean relativeLocations() {
        return relativeLocations;
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
        return Optional.ofNullable(byFullUrl.get(reference.getReference()));
    }

    /** The FHIRPath location of a path inside an entry's resource, e.g. {@code Bundle.entry[3].resource.period}. */
    String location(Entry entry, String path) {
        String type = entry.resource() == null ? "Resource" : entry.resource().fhirType();
        if (relativeLocations) {
            return path.isEmpty() ? type : type + "." + path;
        }
        String base = "Bundle.entry[" + entry.index() + "].resource";
        return path.isEmpty() ? base : base + "." + path;
    }

    /** The FHIRPath location of an entry's request, e.g. {@code Bundle.entry[3].request.url}. */
    String requestLocation(Entry entry, String element) {
        return relativeLocations ? "request." + element : "Bundle.entry[" + entry.index() + "].request." + element;
    }
}
