Profile: CpisLocalAuthority
Parent: Organization
Id: cpis-local-authority
Title: "CP-IS Local Authority"
Description: "The local authority responsible for a CP-IS plan. Differs from the base Organization: exactly one ODS code (system https://fhir.nhs.uk/Id/ods-organization-code), a required name, and at least two telephone numbers: one for office hours and one for the emergency duty team (out of hours). Both are ContactPoint.use = work (they are the authority's work numbers); which is which is said by the cpis-contact-point-purpose extension (office-hours | emergency-duty), because ContactPoint.use has no code for 'when to call'."
* insert CpisDefinitionMetadata
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: exactly one ODS code."
* identifier contains odsCode 1..1 MS
* identifier[odsCode] ^short = "The local authority's ODS code"
* identifier[odsCode].system 1..1
* identifier[odsCode].system = $ods (exactly)
* identifier[odsCode].value 1..1
* name 1..1 MS
* telecom 2..* MS
* telecom ^slicing.discriminator.type = #value
* telecom ^slicing.discriminator.path = "extension('https://fhir.cpis.uk/StructureDefinition/cpis-contact-point-purpose').value"
* telecom ^slicing.rules = #open
* telecom ^slicing.description = "Slice on the cpis-contact-point-purpose extension: the office-hours phone and the emergency duty team phone."
* telecom contains officeHours 1..1 MS and emergencyDuty 1..1 MS
* telecom[officeHours] ^short = "Office-hours children's social care phone"
* telecom[officeHours].extension contains CpisContactPointPurposeExt named purpose 1..1 MS
* telecom[officeHours].extension[purpose].valueCoding = CpisContactPointPurposeCodes#office-hours
* telecom[officeHours].system 1..1
* telecom[officeHours].system = #phone
* telecom[officeHours].value 1..1
* telecom[officeHours].use 1..1
* telecom[officeHours].use = #work
* telecom[emergencyDuty] ^short = "Emergency duty team (out of hours) phone"
* telecom[emergencyDuty].extension contains CpisContactPointPurposeExt named purpose 1..1 MS
* telecom[emergencyDuty].extension[purpose].valueCoding = CpisContactPointPurposeCodes#emergency-duty
* telecom[emergencyDuty].system 1..1
* telecom[emergencyDuty].system = #phone
* telecom[emergencyDuty].value 1..1
* telecom[emergencyDuty].use 1..1
* telecom[emergencyDuty].use = #work
