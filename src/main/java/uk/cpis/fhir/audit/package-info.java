/**
 * Who saw which child: every request that gives a user a patient's CP-IS data leaves one AuditEvent per patient,
 * and a clinician's unscheduled-care (B0107) access to a child with an active flag notifies the child's local
 * authority with a Communication. Both are committed before the response leaves; if they cannot be, the caller
 * gets a 503 and no data. Also the access history the next clinician is shown.
 */
package uk.cpis.fhir.audit;
