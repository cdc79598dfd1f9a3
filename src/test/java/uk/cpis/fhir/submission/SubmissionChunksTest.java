package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.ManyChildren;

/** How a large submission is split for validation: whole children a part, shared entries in every part. */
class SubmissionChunksTest {

    @Test
    void keepsASmallBundleWhole() {
        Bundle bundle = new ManyChildren(10, c -> {}).transaction();

        assertThat(SubmissionChunks.of(bundle, 60)).containsExactly(indexes(bundle.getEntry().size()));
    }

    @Test
    void splitsALargeBundleIntoWholeChildrenEachWithTheLocalAuthority() {
        Bundle bundle = new ManyChildren(100, c -> {}).transaction();
        int la = indexOf(bundle, Organization.class);

        List<List<Integer>> parts = SubmissionChunks.of(bundle, 60);

        assertThat(parts).hasSize(5).allSatisfy(part -> {
            assertThat(part).startsWith(la).hasSize(61);
            assertThat(refersOnlyWithin(bundle, part)).isTrue();
        });
        Set<Integer> covered = new HashSet<>();
        parts.forEach(covered::addAll);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(indexes(bundle.getEntry().size()));
    }

    @Test
    void keepsEachChildsStaffWithTheChild() {
        Bundle bundle = new ManyChildren(50, c -> {
            c.socialWorker = ChildSubmission.SocialWorker.random();
            c.teamId = "TEAM-" + UUID.randomUUID();
        }).transaction();

        List<List<Integer>> parts = SubmissionChunks.of(bundle, 60);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(refersOnlyWithin(bundle, part)).isTrue());
        int worker = indexOf(bundle, Practitioner.class);
        assertThat(parts).filteredOn(part -> part.contains(worker)).hasSize(1);
    }

    @Test
    void keepsABundleWholeWhenTwoEntriesShareAFullUrl() {
        Bundle bundle = new ManyChildren(100, c -> {}).transaction();
        bundle.getEntry().get(200).setFullUrl(bundle.getEntry().get(5).getFullUrl());

        assertThat(SubmissionChunks.of(bundle, 60)).hasSize(1);
    }

    @Test
    void keepsABundleWholeWhenASharedEntryRefersToAChild() {
        Bundle bundle = new ManyChildren(100, c -> {}).transaction();
        Organization la = (Organization) bundle.getEntry().get(indexOf(bundle, Organization.class)).getResource();
        la.setPartOf(new Reference(bundle.getEntry().get(250).getFullUrl()));

        assertThat(SubmissionChunks.of(bundle, 60)).hasSize(1);
    }

    @Test
    void keepsAFlagWithItsPlanAndChildWhenItNamesThemByConditionalReference() {
        Bundle bundle = new ManyChildren(100, c -> {}).transaction();
        Bundle.BundleEntryComponent patient = bundle.getEntry().get(1);
        Flag flag = (Flag) bundle.getEntry().get(3).getResource();
        flag.setSubject(new Reference(patient.getRequest().getUrl() + "?" + patient.getRequest().getIfNoneExist()));

        assertThat(SubmissionChunks.of(bundle, 60)).anySatisfy(part -> assertThat(part).contains(1, 3));
    }

    private static List<Integer> indexes(int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(i);
        }
        return all;
    }

    private static int indexOf(Bundle bundle, Class<?> type) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (type.isInstance(bundle.getEntry().get(i).getResource())) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    /** Whether every urn:uuid reference of the part's entries names an entry of the part. */
    private static boolean refersOnlyWithin(Bundle bundle, List<Integer> part) {
        Set<String> inPart = new HashSet<>();
        part.forEach(i -> inPart.add(bundle.getEntry().get(i).getFullUrl()));
        return part.stream().map(i -> bundle.getEntry().get(i).getResource())
                .flatMap(r -> ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser()
                        .getAllPopulatedChildElementsOfType(r, Reference.class).stream())
                .map(Reference::getReference)
                .filter(ref -> ref != null && ref.startsWith("urn:uuid:"))
                .allMatch(inPart::contains);
    }
}
