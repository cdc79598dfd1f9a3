Instance: cpis-submit-file
InstanceOf: OperationDefinition
Usage: #definition
Title: "$cpis-submit-file: an LA's CSV file of plans, submitted as one transaction"
Description: "For a local authority without a FHIR developer: its case management system's export, one row per plan, in the CSV layout of the guide's LA file submission page (header row required; UTF-8, with or without a byte order mark; CRLF or LF; RFC 4180 quoting). The server turns the file into the same submission bundle an LA would send (cpis-submission: patients, plans, flags, social workers and teams), checks it against the same profiles and rules, and stores all of it or none of it. Local authorities only; the LA is the token's, and must be registered (its Organization stored) first."
* url = "https://fhir.cpis.uk/OperationDefinition/cpis-submit-file"
* version = "0.5.0"
* name = "CpisSubmitFile"
* status = #active
* kind = #operation
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "POST [base]/$cpis-submit-file with Content-Type text/csv and the file as the body (not a Parameters resource). The answer is an OperationOutcome with one issue per row: on 200, each row's issue has severity information and details code accepted (system https://fhir.cpis.uk/CodeSystem/cpis-file-result); on 422, nothing was stored and each problem is an error issue whose location is 'row <n>, column <name>' (or 'row <n>'), whose details code is nhs-number-invalid or rejected, and whose expression, for a problem found in the bundle made from the file, is the FHIRPath in that bundle. 415 for a body that is not text/csv; 413 for a file over the size limit; 403 for a caller other than a local authority."
* code = #cpis-submit-file
* system = true
* type = false
* instance = false
* affectsState = true
* parameter[0].name = #return
* parameter[=].use = #out
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "One issue per row (accepted), or per problem (nothing stored)."
* parameter[=].type = #OperationOutcome
