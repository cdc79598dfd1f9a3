Profile: CpisSocialWorker
Parent: Practitioner
Id: cpis-social-worker
Title: "CP-IS Social Worker"
Description: "A child's allocated social worker, as the local authority sends it with the child's plan. Differs from the base Practitioner: exactly one identifier in the local authority staff system (https://fhir.cpis.uk/Id/local-authority-staff), whose assigner is required and must be the CpisLocalAuthority that employs the worker (the identifier is unique only within that LA, and the assigner is what makes the record that LA's); a name is required (text, or a family name; cpis-sw-1); active says whether the worker is still in post (a worker who leaves is ended, active = false, never deleted). The worker's work phone and e-mail are on the CpisSocialWorkerRole, not here."
* insert CpisDefinitionMetadata
* obeys cpis-sw-1
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: the LA's staff identifier."
* identifier contains laStaff 1..1 MS
* identifier[laStaff] ^short = "The LA's staff identifier (unique within the LA that assigned it)"
* identifier[laStaff].system 1..1
* identifier[laStaff].system = $la-staff (exactly)
* identifier[laStaff].value 1..1
* identifier[laStaff].assigner 1..1 MS
* identifier[laStaff].assigner only Reference(CpisLocalAuthority)
* identifier[laStaff].assigner ^short = "The local authority that employs the worker and assigned the identifier"
* active 1..1 MS
* name 1..* MS

Invariant: cpis-sw-1
Description: "A social worker has a name: its text or a family name."
Severity: #error
Expression: "name.where(text.exists() or family.exists()).exists()"
