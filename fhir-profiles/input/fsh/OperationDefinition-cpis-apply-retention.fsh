Instance: cpis-apply-retention
InstanceOf: OperationDefinition
Usage: #definition
Title: "$cpis-apply-retention: remove now the records past their retention period"
Description: "Applies the CP-IS retention policy now, as the server's nightly job does: removes, physically and with their history, each plan (EpisodeOfCare) that ended more than the retention period ago (12 months by default), its flags and the access notifications about them, recording each removal in an AuditEvent in the same database transaction; and, only if the server is configured with an AuditEvent retention period, AuditEvents older than that. Patients, Provenance and (by default) AuditEvents are kept. Admin only."
* url = "https://fhir.cpis.uk/OperationDefinition/cpis-apply-retention"
* version = "0.3.0"
* name = "CpisApplyRetention"
* status = #active
* kind = #operation
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "POST [base]/$cpis-apply-retention (no parameters) removes what is past its retention period and answers how many records of each kind it removed. Allowed to admins only; every other caller gets 403. A second call removes nothing the first left behind."
* code = #cpis-apply-retention
* system = true
* type = false
* instance = false
* affectsState = true
* parameter[0].name = #plans
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Plans (EpisodeOfCare) removed."
* parameter[=].type = #integer
* parameter[+].name = #flags
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Flags removed with their plans."
* parameter[=].type = #integer
* parameter[+].name = #notifications
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "Access notifications (Communication) removed with their flags."
* parameter[=].type = #integer
* parameter[+].name = #auditEvents
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "AuditEvents removed under their own retention period (0 unless the server sets one)."
* parameter[=].type = #integer
