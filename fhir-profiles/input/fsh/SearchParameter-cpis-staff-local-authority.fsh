Instance: cpis-staff-local-authority
InstanceOf: SearchParameter
Usage: #definition
Title: "Practitioner and CareTeam: local-authority (whose social worker or team it is)"
Description: "Searches a social worker (Practitioner) by the local authority that assigned its staff identifier, and a team (CareTeam) by its managing organization. R4 defines neither. The server uses it to narrow an LA's conditional updates and searches to its own staff: staff identifiers are unique only within an LA."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-staff-local-authority"
* version = "0.5.0"
* name = "CpisStaffLocalAuthority"
* status = #active  // HAPI FHIR only indexes (and its package installer only stores) active search parameters
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The local authority (Organization) a social worker's staff identifier was assigned by, or a team's managing organization."
* code = #local-authority
* base[0] = #Practitioner
* base[1] = #CareTeam
* type = #reference
* expression = "Practitioner.identifier.where(system = 'https://fhir.cpis.uk/Id/local-authority-staff').assigner | CareTeam.managingOrganization"
* xpath = "f:Practitioner/f:identifier[f:system/@value='https://fhir.cpis.uk/Id/local-authority-staff']/f:assigner | f:CareTeam/f:managingOrganization"
* xpathUsage = #normal
* target = #Organization
