package uk.cpis.fhir.filesubmission;

import java.util.Arrays;
import java.util.Optional;
import uk.cpis.fhir.contract.CpisContract.PlanTypes;

/**
 * The file's {@code plan_type} codes and the SNOMED CT concepts they stand for, with the displays of the value set
 * {@code cpis-plan-type} ({@code fhir-profiles/input/fsh/ValueSet-cpis-plan-type.fsh}).
 */
enum PlanType {
    CPP(PlanTypes.CHILD_PROTECTION_PLAN, "Subject to child protection plan"),
    LAC(PlanTypes.LOOKED_AFTER_CHILD, "Looked after child"),
    /** Held against the mother, until the child is born. */
    UNBORN(PlanTypes.UNBORN_CHILD_PROTECTION_PLAN, "Unborn child subject to child protection plan");

    private final String snomedCode;
    private final String display;

    PlanType(String snomedCode, String display) {
        this.snomedCode = snomedCode;
        this.display = display;
    }

    String snomedCode() {
        return snomedCode;
    }

    String display() {
        return display;
    }

    /** The plan type a cell names, exactly as the file writes it ({@code CPP}, {@code LAC}, {@code UNBORN}). */
    static Optional<PlanType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
    }
}
