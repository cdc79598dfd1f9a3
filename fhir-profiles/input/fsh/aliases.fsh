// Aliases shared by every file (not a resource).
Alias: $sct = http://snomed.info/sct
Alias: $nhs-number = https://fhir.nhs.uk/Id/nhs-number
Alias: $ods = https://fhir.nhs.uk/Id/ods-organization-code
Alias: $la-plan = https://fhir.cpis.uk/Id/local-authority-plan
Alias: $england-flag-category = https://fhir.nhs.uk/England/CodeSystem/England-FlagCategoryPatient
Alias: $flag-category = http://terminology.hl7.org/CodeSystem/flag-category
Alias: $flag-detail = http://hl7.org/fhir/StructureDefinition/flag-detail
Alias: $audit-event-type = http://terminology.hl7.org/CodeSystem/audit-event-type
Alias: $restful-interaction = http://hl7.org/fhir/restful-interaction
Alias: $audit-source-type = http://terminology.hl7.org/CodeSystem/security-source-type
Alias: $audit-entity-type = http://terminology.hl7.org/CodeSystem/audit-entity-type
Alias: $object-role = http://terminology.hl7.org/CodeSystem/object-role
Alias: $v3-ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $v3-RoleClass = http://terminology.hl7.org/CodeSystem/v3-RoleClass
Alias: $communication-category = http://terminology.hl7.org/CodeSystem/communication-category
Alias: $contact-point-system = http://hl7.org/fhir/contact-point-system
Alias: $contact-point-use = http://hl7.org/fhir/contact-point-use
