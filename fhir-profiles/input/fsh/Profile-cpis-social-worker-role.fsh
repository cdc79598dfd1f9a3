Profile: CpisSocialWorkerRole
Parent: PractitionerRole
Id: cpis-social-worker-role
Title: "CP-IS Social Worker Role"
Description: "A social worker's post at a local authority: who a clinician's system shows as the child's social worker, and the address of the access notification. Differs from the base PractitionerRole: exactly one identifier in the local authority staff system (the same value as the CpisSocialWorker's); practitioner is required and must be a CpisSocialWorker; organization is required and must be the CpisLocalAuthority; code is the SNOMED CT occupation social worker (106328005); at least one work telecom, a phone or an e-mail (cpis-swr-1); active says whether the worker is still in post."
* insert CpisDefinitionMetadata
* obeys cpis-swr-1
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: the LA's staff identifier."
* identifier contains laStaff 1..1 MS
* identifier[laStaff] ^short = "The LA's staff identifier of the worker in this post"
* identifier[laStaff].system 1..1
* identifier[laStaff].system = $la-staff (exactly)
* identifier[laStaff].value 1..1
* active 1..1 MS
* practitioner 1..1 MS
* practitioner only Reference(CpisSocialWorker)
* organization 1..1 MS
* organization only Reference(CpisLocalAuthority)
* code 1..* MS
* code = $sct#106328005 "Social worker"
* telecom 1..* MS
* telecom ^short = "The worker's work phone and work e-mail"
* telecom.system 1..1
* telecom.value 1..1

Invariant: cpis-swr-1
Description: "A social worker's role has a work phone or a work e-mail."
Severity: #error
Expression: "telecom.where((system = 'phone' or system = 'email') and use = 'work' and value.exists()).exists()"
