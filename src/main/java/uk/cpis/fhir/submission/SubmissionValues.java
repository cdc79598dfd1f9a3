package uk.cpis.fhir.submission;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
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
