package uk.cpis.fhir.filesubmission;

/**
 * How the report names a row to the LA: its row number and the plan reference and NHS number it holds (each as
 * written in the file, empty when the cell is).
 */
public record RowKey(int row, String planReference, String nhsNumber) {}
