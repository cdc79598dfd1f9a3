package uk.cpis.fhir.retention;

/** What one retention run removed: counts of records, by kind. */
record RetentionOutcome(int plans, int flags, int notifications, int auditEvents) {

    static final RetentionOutcome NOTHING = new RetentionOutcome(0, 0, 0, 0);

    RetentionOutcome plus(RetentionOutcome other) {
        return new RetentionOutcome(plans + other.plans, flags + other.flags,
                notifications + other.notifications, auditEvents + other.auditEvents);
    }
}
