/**
 * Local authority file submissions: an LA's CSV file, one row per plan, read and checked row by row, turned into the
 * same {@code cpis-submission} transaction an LA's FHIR system would post, and answered with a per-row report.
 *
 * <p>The way in is {@link uk.cpis.fhir.filesubmission.SubmissionFileConverter} (a file and the LA's ODS code to a
 * {@link uk.cpis.fhir.filesubmission.FileConversion}: the problems, the bundle and a
 * {@link uk.cpis.fhir.filesubmission.RowLocator} that names the row behind a server problem's FHIRPath). The
 * server's answer and the LA's report share one format: {@link uk.cpis.fhir.filesubmission.FileOutcomeBuilder}
 * writes it as an OperationOutcome, {@link uk.cpis.fhir.filesubmission.FileOutcomeParser} reads it back, and
 * {@link uk.cpis.fhir.filesubmission.ReportWriter} writes the report. {@code java -jar cpis-fhir-server.jar submit}
 * ({@link uk.cpis.fhir.filesubmission.SubmitFileCommand}) is the LA's side: it posts the file and writes the report.
 */
package uk.cpis.fhir.filesubmission;
