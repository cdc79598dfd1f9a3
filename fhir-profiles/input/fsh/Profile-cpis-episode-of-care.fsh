Profile: CpisEpisodeOfCare
Parent: EpisodeOfCare
Id: cpis-episode-of-care
Title: "CP-IS Plan (EpisodeOfCare)"
Description: "A CP-IS plan: a child protection plan, a looked-after-child episode or an unborn child protection plan, as recorded by the responsible local authority. Differs from the base EpisodeOfCare: exactly one identifier in the local authority plan system (https://fhir.cpis.uk/Id/local-authority-plan); type is required, single, and bound (required) to the cpis-plan-type value set; patient must be a CpisPatient (the child, or the mother for an unborn child plan); managingOrganization is required and must be a CpisLocalAuthority; period and period.start are required; careManager (a CpisSocialWorker), its post (the cpis-care-manager-role extension: a CpisSocialWorkerRole) and team (a CpisSocialWorkTeam) are must-support, given where the LA knows them; an unborn child plan must carry the cpis-expected-delivery-date extension and no other plan may (cpis-eoc-2, cpis-eoc-3); a finished plan has an end date (cpis-eoc-4)."
* insert CpisDefinitionMetadata
* obeys cpis-eoc-1 and cpis-eoc-2 and cpis-eoc-3 and cpis-eoc-4
* extension contains CpisExpectedDeliveryDate named expectedDeliveryDate 0..1 MS
* extension[expectedDeliveryDate] ^short = "Expected date of delivery (unborn child protection plans only)"
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: the local authority's own plan reference."
* identifier contains laPlan 1..1 MS
* identifier[laPlan] ^short = "The local authority's plan reference (unique within the authoring LA)"
* identifier[laPlan].system 1..1
* identifier[laPlan].system = $la-plan (exactly)
* identifier[laPlan].value 1..1
* status MS
* type 1..1 MS
* type from CpisPlanType (required)
* type ^short = "Plan type: child protection plan | looked after child | unborn child protection plan"
* type.coding 1..* MS
* patient only Reference(CpisPatient)
* patient MS
* patient ^short = "The child; for an unborn child protection plan, the mother"
* managingOrganization 1..1 MS
* managingOrganization only Reference(CpisLocalAuthority)
* period 1..1 MS
* period.start 1..1 MS
* period.end MS
* careManager MS
* careManager ^short = "The allocated social worker, where the LA gives one"
* team MS
* team ^short = "The social work team, where the LA gives one"
* team only Reference(CpisSocialWorkTeam)
* careManager only Reference(CpisSocialWorker)
* extension contains CpisCareManagerRole named careManagerRole 0..1 MS
* extension[careManagerRole] ^short = "The allocated social worker's post (PractitionerRole): work phone and e-mail"

Invariant: cpis-eoc-1
Description: "The plan's period.end is not before its period.start."
Severity: #error
Expression: "period.start.hasValue().not() or period.end.hasValue().not() or (period.start <= period.end)"

Invariant: cpis-eoc-2
Description: "An unborn child protection plan (SNOMED CT 818901000000100) has an expected delivery date (extension cpis-expected-delivery-date)."
Severity: #error
Expression: "type.coding.where(system = 'http://snomed.info/sct' and code = '818901000000100').exists() implies extension('https://fhir.cpis.uk/StructureDefinition/cpis-expected-delivery-date').exists()"

Invariant: cpis-eoc-3
Description: "Only an unborn child protection plan (SNOMED CT 818901000000100) has an expected delivery date."
Severity: #error
Expression: "extension('https://fhir.cpis.uk/StructureDefinition/cpis-expected-delivery-date').exists() implies type.coding.where(system = 'http://snomed.info/sct' and code = '818901000000100').exists()"

Invariant: cpis-eoc-4
Description: "A finished plan has an end date (period.end)."
Severity: #error
Expression: "status = 'finished' implies period.end.exists()"
