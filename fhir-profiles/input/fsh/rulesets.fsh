// Rule sets shared by every definition (not a resource).
RuleSet: CpisDefinitionMetadata
* ^status = #draft
* ^experimental = false
* ^publisher = "CP-IS FHIR server project"
* ^jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
