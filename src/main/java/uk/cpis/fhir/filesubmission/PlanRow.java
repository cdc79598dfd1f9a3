package uk.cpis.fhir.filesubmission;

import java.time.LocalDate;

/**
 * A row with no problem of its own, read into what the bundle needs: the child (or the mother, for an unborn
 * plan), the plan, and the plan's social worker and team where the row gives them (else null).
 */
record PlanRow(
        int row,
        String nhsNumber,
        LocalDate dateOfBirth,
        PlanType planType,
        String planReference,
        LocalDate planStart,
        boolean finished,
        LocalDate planEnd,
        LocalDate expectedDelivery,
        SocialWorker socialWorker,
        Team team) {

    /** A social worker as the LA identifies it; at least one of phone and e-mail is given (the other may be null). */
    record SocialWorker(String id, String name, String phone, String email) {}

    record Team(String id, String name) {}
}
