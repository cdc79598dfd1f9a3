package uk.cpis.fhir.audit;

import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;

/**
 * An active CP-IS flag of a patient, with the local authority that authored it and its plan where found.
 *
 * @param flag the active Flag
 * @param localAuthority the authoring LA's Organization reference ("Organization/12")
 * @param plan the EpisodeOfCare the flag points at (flag-detail), or null
 */
record ActiveFlag(Flag flag, String localAuthority, EpisodeOfCare plan) {

    String flagReference() {
        return flag.getIdElement().toUnqualifiedVersionless().getValue();
    }

    String planType() {
        return flag.getCode().getCodingFirstRep().getDisplay() != null
                ? flag.getCode().getCodingFirstRep().getDisplay()
                : flag.getCode().getCodingFirstRep().getCode();
    }
}
