package uk.cpis.fhir.filesubmission;

import java.util.Arrays;
import java.util.Optional;
import uk.cpis.fhir.contract.CpisContract;

/**
 * What became of a row, as the report and the server's OperationOutcome say it (after the NHS's own per-record
 * result codes): stored, refused for its NHS number, refused for another reason, or not stored because another row
 * (or the file as a whole) was refused. {@code not-stored} is the report's alone: the server names only problems.
 */
public enum FileResult {
    ACCEPTED("accepted"),
    NHS_NUMBER_INVALID("nhs-number-invalid"),
    REJECTED("rejected"),
    NOT_STORED("not-stored");

    /** The code system of these codes in {@code OperationOutcome.issue.details.coding} (CodeSystem cpis-file-result). */
    public static final String SYSTEM = CpisContract.FileResults.SYSTEM;

    private final String code;

    FileResult(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<FileResult> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
