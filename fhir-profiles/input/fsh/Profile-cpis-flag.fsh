Profile: CpisFlag
Parent: Flag
Id: cpis-flag
Title: "CP-IS Flag"
Description: "The CP-IS flag a clinician's system shows: this child (or, for an unborn child plan, this mother) is subject to a CP-IS plan. Differs from the base Flag: exactly one identifier in the local authority plan system (https://fhir.cpis.uk/Id/local-authority-plan); category must contain both NHS England's child-protection-information-system-flag category and the core safety category; code is bound (required) to the cpis-plan-type value set; subject must be a CpisPatient; period and period.start are required; author is required and must be the CpisLocalAuthority; the core flag-detail extension is required and points at the plan (CpisEpisodeOfCare); period.end is not before period.start (cpis-flag-1) and an inactive flag has period.end (cpis-flag-2)."
* insert CpisDefinitionMetadata
* obeys cpis-flag-1 and cpis-flag-2
* extension contains $flag-detail named plan 1..1 MS
* extension[plan] ^short = "The plan (CpisEpisodeOfCare) this flag is raised for"
* extension[plan].value[x] only Reference(CpisEpisodeOfCare)
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: the local authority's own plan reference."
* identifier contains laPlan 1..1 MS
* identifier[laPlan] ^short = "The local authority's plan reference (the same value as the plan's)"
* identifier[laPlan].system 1..1
* identifier[laPlan].system = $la-plan (exactly)
* identifier[laPlan].value 1..1
* status MS
* category 2..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category ^slicing.description = "Slice on the category coding: the NHS England CP-IS flag category and the core safety category."
* category contains cpisFlag 1..1 MS and safety 1..1 MS
* category[cpisFlag] = $england-flag-category#child-protection-information-system-flag
* category[cpisFlag] ^short = "NHS England patient flag category: Child Protection Information System flag"
* category[safety] = $flag-category#safety
* category[safety] ^short = "Core flag category: safety"
* code MS
* code from CpisPlanType (required)
* code ^short = "Plan type: child protection plan | looked after child | unborn child protection plan"
* code.coding 1..* MS
* subject only Reference(CpisPatient)
* subject MS
* subject ^short = "The child; for an unborn child protection plan, the mother"
* period 1..1 MS
* period.start 1..1 MS
* period.end MS
* author 1..1 MS
* author only Reference(CpisLocalAuthority)

Invariant: cpis-flag-1
Description: "The flag's period.end is not before its period.start."
Severity: #error
Expression: "period.start.hasValue().not() or period.end.hasValue().not() or (period.start <= period.end)"

Invariant: cpis-flag-2
Description: "An inactive flag has an end date (period.end)."
Severity: #error
Expression: "status = 'inactive' implies period.end.exists()"
