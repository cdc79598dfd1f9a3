Instance: cpis-access-history
InstanceOf: OperationDefinition
Usage: #definition
Title: "Patient $cpis-access-history: a child's recent unscheduled-care accesses"
Description: "The last 25 unscheduled-care accesses (a clinician acting under activity B0107) to a child with an active CP-IS flag, newest first: when, and in which care setting. Shown to the next clinician, as the NHS service does. It does not say who looked: the care setting and the time are what a clinician needs, the user is for auditors. The call is itself an access: it is audited, and notifies the child's local authority under B0107."
* url = "https://fhir.cpis.uk/OperationDefinition/cpis-access-history"
* version = "0.3.0"
* name = "CpisAccessHistory"
* status = #active
* kind = #operation
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "GET [base]/Patient/$cpis-access-history?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919 returns, newest first, at most 25 accesses made under unscheduled care (B0107) while the child had an active CP-IS flag. Allowed to clinicians (by exact, valid NHS number), auditors and admins."
* code = #cpis-access-history
* resource = #Patient
* system = false
* type = true
* instance = false
* affectsState = true  // the call is audited and may notify the local authority
* parameter[0].name = #identifier
* parameter[=].use = #in
* parameter[=].min = 1
* parameter[=].max = "1"
* parameter[=].documentation = "The child's NHS number as a token: https://fhir.nhs.uk/Id/nhs-number|<10 digits>."
* parameter[=].type = #string
* parameter[=].searchType = #token
* parameter[+].name = #access
* parameter[=].use = #out
* parameter[=].min = 0
* parameter[=].max = "25"
* parameter[=].documentation = "One access, newest first."
* parameter[=].part[0].name = #recorded
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "When the access happened."
* parameter[=].part[=].type = #instant
* parameter[=].part[+].name = #careSetting
* parameter[=].part[=].use = #out
* parameter[=].part[=].min = 1
* parameter[=].part[=].max = "1"
* parameter[=].part[=].documentation = "The care setting, by ODS code (Reference.identifier)."
* parameter[=].part[=].type = #Reference
