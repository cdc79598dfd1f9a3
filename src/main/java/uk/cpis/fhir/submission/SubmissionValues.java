package uk.cpis.fhir.submission;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;

/** Small readings of submitted resources that several rules share. */
final class SubmissionValues {

    private SubmissionValues() {}

    /** The value of the first identifier in the given system. */
    static Optional<String> identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst();
    }

    /** The identifier value a conditional reference {@code <type>?identifier=<system>|<value>} names, if it is one. */
    static Optional<String> conditional(Reference reference, String type, String system) {
        String prefix = type + "?identifier=" + system + "|";
        String literal = reference.getReference();
        return literal != null && literal.startsWith(prefix) && literal.length() > prefix.length()
                ? Optional.of(literal.substring(prefix.length()))
                : Optional.empty();
    }

    /** The ODS code of the LA a reference names: the bundle's Organization entry, or a conditional reference. */
    static Optional<String> odsCodeOf(SubmissionBundle submission, Reference reference) {
        return submission.resolve(reference)
                .filter(e -> e.resource() instanceof Organization)
                .flatMap(e -> identifier(((Organization) e.resource()).getIdentifier(), Identifiers.ODS_CODE))
                .or(() -> conditional(reference, "Organization", Identifiers.ODS_CODE));
    }

    /** The SNOMED CT plan-type code of a Flag.code or EpisodeOfCare.type. */
    static Optional<String> planType(CodeableConcept concept) {
        return concept.getCoding().stream()
                .filter(c -> PlanTypes.SNOMED.equals(c.getSystem()) && c.hasCode())
                .map(c -> c.getCode())
                .findFirst();
    }

    static Optional<String> planType(List<CodeableConcept> concepts) {
        return concepts.stream().map(SubmissionValues::planType).flatMap(Optional::stream).findFirst();
    }
}
