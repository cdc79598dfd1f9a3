Instance: cpis-episodeofcare-team
InstanceOf: SearchParameter
Usage: #definition
Title: "EpisodeOfCare: team (the plan's social work team)"
Description: "Searches EpisodeOfCare by its team. R4 defines no search parameter on EpisodeOfCare.team, so without this one a clinician's system cannot write _include=EpisodeOfCare:team (or _include:iterate from a Flag) to fetch the plan's social work team (CareTeam) with the plan."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-episodeofcare-team"
* version = "0.5.0"
* name = "CpisEpisodeOfCareTeam"
* status = #active  // HAPI FHIR only indexes (and its package installer only stores) active search parameters
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The social work team (CareTeam) a plan names. Enables EpisodeOfCare?team=CareTeam/123 and _include=EpisodeOfCare:team."
* code = #team
* base = #EpisodeOfCare
* type = #reference
* expression = "EpisodeOfCare.team"
* xpath = "f:EpisodeOfCare/f:team"
* xpathUsage = #normal
* target = #CareTeam
