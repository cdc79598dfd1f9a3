package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Splits a large submission into smaller bundles that validate to the same result, so that HAPI's validator, whose
 * cost grows with the square of a bundle's size (each reference is looked up among all entries, each message
 * compared with all before it), sees a few dozen entries at a time, and the parts can be validated side by side.
 *
 * <p>A part holds whole children: the entries that refer to one another (a child's Patient, plans and flags) are
 * never split, nor are a child and the social worker, post and team its plan names, and every part also holds the
 * bundle's LA, which all of them refer to. A bundle is left whole when splitting could change a finding: when it
 * is small, when two entries share a {@code fullUrl}, or when the LA's entry refers to a child's entry.
 */
final class SubmissionChunks {

    /**
     * Entries every part holds: the LA. (Staff entries go with the children that name them; a worker of several
     * children keeps those children in one part.)
     */
    private static final Set<String> SHARED_TYPES = Set.of("Organization");
    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    private SubmissionChunks() {}

    /**
     * The parts, each as the indexes of its entries in the bundle (shared entries first, then whole children in
     * bundle order, at least {@code size} entries of children a part); one part of every index when the bundle
     * stays whole.
     */
    static List<List<Integer>> of(Bundle bundle, int size) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        List<Integer> whole = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            whole.add(i);
        }
        if (entries.size() < 2 * size) {
            return List.of(whole);
        }
        Map<String, Integer> byAddress = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (String address : addresses(entries.get(i))) {
                if (byAddress.put(address, i) != null) {
                    return List.of(whole); // two entries answer to one address: the validator must see both
                }
            }
        }
        List<Integer> shared = new ArrayList<>();
        int[] group = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            group[i] = i;
            if (isShared(entries.get(i))) {
                shared.add(i);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource == null) {
                continue;
            }
            for (Reference reference : TERSER.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                Integer target = reference.getReference() == null ? null : byAddress.get(reference.getReference());
                if (target == null || isShared(entries.get(target))) {
                    continue;
                }
                if (isShared(entries.get(i))) {
                    return List.of(whole); // a shared entry naming one child would not resolve in the other parts
                }
                union(group, i, target);
            }
        }
        Map<Integer, List<Integer>> children = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!isShared(entries.get(i))) {
                children.computeIfAbsent(find(group, i), g -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> parts = new ArrayList<>();
        List<Integer> part = new ArrayList<>(shared);
        for (List<Integer> child : children.values()) {
            part.addAll(child);
            if (part.size() - shared.size() >= size) {
                parts.add(part);
                part = new ArrayList<>(shared);
            }
        }
        if (part.size() > shared.size()) {
            parts.add(part);
        }
        return parts.size() < 2 ? List.of(whole) : parts;
    }

    /** The bundle of one part: the same type and metadata, the listed entries in order. */
    static Bundle part(Bundle bundle, List<Integer> indexes) {
        Bundle part = new Bundle();
        part.setMeta(bundle.getMeta());
        part.setType(bundle.getType());
        part.setIdentifier(bundle.getIdentifier());
        for (int index : indexes) {
            part.addEntry(bundle.getEntry().get(index));
        }
        return part;
    }

    private static boolean isShared(Bundle.BundleEntryComponent entry) {
        return entry.getResource() != null && SHARED_TYPES.contains(entry.getResource().fhirType());
    }

    /** How other entries may refer to an entry: its {@code fullUrl}, and the conditional URL it is created or updated by. */
    private static Set<String> addresses(Bundle.BundleEntryComponent entry) {
        Set<String> addresses = new HashSet<>();
        Optional.ofNullable(entry.getFullUrl()).ifPresent(addresses::add);
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        if (request.hasUrl() && request.getUrl().contains("?")) {
            addresses.add(request.getUrl());
        }
        if (request.hasUrl() && request.hasIfNoneExist()) {
            addresses.add(request.getUrl() + "?" + request.getIfNoneExist());
        }
        return addresses;
    }

    private static int find(int[] group, int i) {
        while (group[i] != i) {
            group[i] = group[group[i]];
            i = group[i];
        }
        return i;
    }

    private static void union(int[] group, int a, int b) {
        group[find(group, a)] = find(group, b);
    }
}
