package uk.cpis.fhir.support;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/** One LA's transaction for many children, as an LA's nightly submission sends them: one Organization entry. */
public final class ManyChildren {

    private final List<ChildSubmission> children = new ArrayList<>();

    /** {@code count} new children of one new LA, each changed by {@code each} before its entries are made. */
    public ManyChildren(int count, Consumer<ChildSubmission> each) {
        String odsCode = new ChildSubmission().odsCode;
        for (int i = 0; i < count; i++) {
            ChildSubmission child = new ChildSubmission();
            child.odsCode = odsCode;
            each.accept(child);
            children.add(child);
        }
    }

    public List<ChildSubmission> children() {
        return children;
    }

    public Bundle transaction() {
        Bundle bundle = children.get(0).transaction();
        String la = laUrn(bundle);
        for (ChildSubmission child : children.subList(1, children.size())) {
            Bundle own = child.transaction();
            String ownLa = laUrn(own);
            for (Bundle.BundleEntryComponent entry : own.getEntry()) {
                if (entry.getResource() instanceof Organization) {
                    continue;
                }
                FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)
                        .stream().filter(r -> ownLa.equals(r.getReference())).forEach(r -> r.setReference(la));
                bundle.addEntry(entry);
            }
        }
        return bundle;
    }

    private static String laUrn(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Organization)
                .map(Bundle.BundleEntryComponent::getFullUrl).findFirst().orElseThrow();
    }
}
