Instance: cpis-episodeofcare-care-manager-role
InstanceOf: SearchParameter
Usage: #definition
Title: "EpisodeOfCare: care-manager-role (the plan's social worker's post)"
Description: "Searches EpisodeOfCare by the target of the cpis-care-manager-role extension, so that a clinician's lookup can write _include=EpisodeOfCare:care-manager-role (or _include:iterate from a Flag) to fetch the social worker's PractitionerRole, with the work phone and e-mail, with the plan."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-episodeofcare-care-manager-role"
* version = "0.5.0"
* name = "CpisEpisodeOfCareCareManagerRole"
* status = #active  // HAPI FHIR only indexes (and its package installer only stores) active search parameters
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The social worker's post (PractitionerRole) that the cpis-care-manager-role extension of a plan points at. Enables EpisodeOfCare?care-manager-role=PractitionerRole/123 and _include=EpisodeOfCare:care-manager-role."
* code = #care-manager-role
* base = #EpisodeOfCare
* type = #reference
* expression = "EpisodeOfCare.extension('https://fhir.cpis.uk/StructureDefinition/cpis-care-manager-role').value"
* xpath = "f:EpisodeOfCare/f:extension[@url='https://fhir.cpis.uk/StructureDefinition/cpis-care-manager-role']/f:valueReference"
* xpathUsage = #normal
* target = #PractitionerRole
