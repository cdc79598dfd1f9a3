package uk.cpis.fhir.filesubmission;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The columns of an LA's submission file, by their header names (exact, lower case). The six required ones must be
 * in the header; the optional ones may be left out, or left empty row by row.
 */
public enum FileColumn {
    NHS_NUMBER("nhs_number", true),
    DATE_OF_BIRTH("date_of_birth", true),
    PLAN_TYPE("plan_type", true),
    PLAN_REFERENCE("plan_reference", true),
    PLAN_START("plan_start", true),
    PLAN_STATUS("plan_status", true),
    PLAN_END("plan_end", false),
    EXPECTED_DELIVERY_DATE("expected_delivery_date", false),
    SOCIAL_WORKER_ID("social_worker_id", false),
    SOCIAL_WORKER_NAME("social_worker_name", false),
    SOCIAL_WORKER_PHONE("social_worker_phone", false),
    SOCIAL_WORKER_EMAIL("social_worker_email", false),
    TEAM_ID("team_id", false),
    TEAM_NAME("team_name", false),
    /** The LA's ODS code, where the export carries it: it must be the LA whose token sends the file. */
    LOCAL_AUTHORITY("local_authority", false);

    private final String header;
    private final boolean required;

    FileColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    /** The name as the header row writes it. */
    public String header() {
        return header;
    }

    public boolean required() {
        return required;
    }

    /** The column a header name names, exactly (names are case-sensitive). */
    public static Optional<FileColumn> byHeader(String name) {
        return Arrays.stream(values()).filter(c -> c.header.equals(name)).findFirst();
    }

    /** Every header name, in the template's order. */
    public static List<String> headers() {
        return Arrays.stream(values()).map(FileColumn::header).toList();
    }
}
