package uk.cpis.fhir.filesubmission;

/**
 * One line of the LA's report: a row (0 for the file as a whole, 1 for the header), the plan reference and NHS
 * number it holds, what became of it, and the column and problem when there is one (else empty).
 */
public record ReportLine(int row, String planReference, String nhsNumber, FileResult result, String column, String problem) {}
