Profile: CpisAccessAudit
Parent: AuditEvent
Id: cpis-access-audit
Title: "CP-IS Access Audit"
Description: "The audit record CP-IS writes, one per patient, whenever a user is given a patient's CP-IS information: a read, a search (flagged or not: a lookup that finds nothing is audited against the NHS number searched), or the access-history operation. A clinician's unscheduled-care (B0107) accesses to a flagged child are shown to the next clinician. Aligned with IHE Basic Audit Log Patterns (BALP) PatientRead and PatientQuery. Differs from the base AuditEvent: type is fixed to audit-event-type#rest; subtype is exactly one restful-interaction code (cpis-audit-1: read, search-type, operation, transaction...) with action R for a read and E otherwise (cpis-audit-2); outcome is required; agent is sliced by type into the user (v3-ParticipationType#IRCP, requestor = true, identified by the access token's sub claim; role carries the cpis-role code and, for a clinician, the cpis-activity code) and the user's organisation (v3-RoleClass#PROV, identified by ODS code from the cpis_org claim); source is the CP-IS server (security-source-type#4 Application Server); entity is sliced by role into the patient (object-role#1, required), the query (object-role#24, required for a search, cpis-audit-3) and the flags returned (object-role#4)."
* insert CpisDefinitionMetadata
* obeys cpis-audit-1 and cpis-audit-2 and cpis-audit-3
* type MS
* type = $audit-event-type#rest "RESTful Operation"
* subtype 1..1 MS
* subtype ^short = "read | vread | search-type | operation | transaction | batch (http://hl7.org/fhir/restful-interaction)"
* action 1..1 MS
* recorded MS
* outcome 1..1 MS
* agent 2..* MS
* agent ^slicing.discriminator.type = #pattern
* agent ^slicing.discriminator.path = "type"
* agent ^slicing.rules = #open
* agent ^slicing.description = "Slice on agent.type: the user and the user's organisation."
* agent contains user 1..1 MS and userOrganization 1..1 MS
* agent[user] ^short = "The clinician (access token sub claim)"
* agent[user].type 1..1
* agent[user].type = $v3-ParticipationType#IRCP
* agent[user].who 1..1 MS
* agent[user].who.identifier 1..1 MS
* agent[user].who.identifier.value 1..1 MS
* agent[user].who.identifier ^short = "The sub claim of the user's access token"
* agent[user].requestor = true
* agent[user].role MS
* agent[user].role ^short = "The user's CP-IS role (cpis_role claim, cpis-role code system) and, for a clinician, the activity (cpis_activity claim, cpis-activity code system)"
* agent[user].purposeOfUse MS
* agent[userOrganization] ^short = "The user's organisation (cpis_org claim, an ODS code)"
* agent[userOrganization].type 1..1
* agent[userOrganization].type = $v3-RoleClass#PROV
* agent[userOrganization].who 1..1 MS
* agent[userOrganization].who only Reference(Organization)
* agent[userOrganization].who.identifier 1..1 MS
* agent[userOrganization].who.identifier.system 1..1
* agent[userOrganization].who.identifier.system = $ods (exactly)
* agent[userOrganization].who.identifier.value 1..1
* agent[userOrganization].requestor = false
* source MS
* source ^short = "The CP-IS FHIR server"
* source.observer MS
* source.type 1..1 MS
* source.type = $audit-source-type#4
* entity 1..* MS
* entity ^slicing.discriminator.type = #pattern
* entity ^slicing.discriminator.path = "role"
* entity ^slicing.rules = #open
* entity ^slicing.description = "Slice on entity.role: the patient, the query, the flags returned."
* entity contains patient 1..1 MS and query 0..1 MS and data 0..* MS
* entity[patient] ^short = "The patient whose CP-IS information was read or searched for"
* entity[patient].type 1..1
* entity[patient].type = $audit-entity-type#1
* entity[patient].role 1..1
* entity[patient].role = $object-role#1
* entity[patient].what 1..1 MS
* entity[patient].what only Reference(CpisPatient)
* entity[patient].what ^short = "The patient: identifier = the NHS number, and a reference to the Patient when CP-IS holds one"
* entity[query] ^short = "The search, for a search-type interaction"
* entity[query].type 1..1
* entity[query].type = $audit-entity-type#2
* entity[query].role 1..1
* entity[query].role = $object-role#24
* entity[query].query 1..1 MS
* entity[query].query ^short = "The request URL (path and query string), base64-encoded"
* entity[data] ^short = "A CP-IS flag or plan returned to the user"
* entity[data].type 1..1
* entity[data].type = $audit-entity-type#2
* entity[data].role 1..1
* entity[data].role = $object-role#4
* entity[data].what 1..1 MS
* entity[data].what only Reference(CpisFlag or CpisEpisodeOfCare)

Invariant: cpis-audit-1
Description: "subtype is one http://hl7.org/fhir/restful-interaction code: read or vread for a read, search-type for a search, operation for an operation such as $cpis-access-history, transaction or batch for a bundle with read entries."
Severity: #error
Expression: "subtype.where(system = 'http://hl7.org/fhir/restful-interaction').count() = 1"

Invariant: cpis-audit-2
Description: "action is R (read) for a read or vread and E (execute) for anything else (a search, an operation, a bundle), as in IHE BALP."
Severity: #error
Expression: "iif(subtype.where(code = 'read' or code = 'vread').exists(), action = 'R', action = 'E')"

Invariant: cpis-audit-3
Description: "A search-type audit records the query (an entity with role object-role#24 and a query)."
Severity: #error
Expression: "subtype.where(code = 'search-type').exists() implies entity.where(role.system = 'http://terminology.hl7.org/CodeSystem/object-role' and role.code = '24' and query.exists()).exists()"
