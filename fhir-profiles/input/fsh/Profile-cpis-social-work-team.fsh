Profile: CpisSocialWorkTeam
Parent: CareTeam
Id: cpis-social-work-team
Title: "CP-IS Social Work Team"
Description: "A local authority's social work team, named on a child's plan. Differs from the base CareTeam: exactly one identifier in the local authority team system (https://fhir.cpis.uk/Id/local-authority-team), unique within the LA; a name is required; managingOrganization is exactly one CpisLocalAuthority (whose team it is); a team is the LA's, not one child's: no subject or encounter (cpis-swt-1)."
* insert CpisDefinitionMetadata
* obeys cpis-swt-1
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: the LA's team identifier."
* identifier contains laTeam 1..1 MS
* identifier[laTeam] ^short = "The LA's team identifier (unique within the LA)"
* identifier[laTeam].system 1..1
* identifier[laTeam].system = $la-team (exactly)
* identifier[laTeam].value 1..1
* status 1..1 MS
* name 1..1 MS
* managingOrganization 1..1 MS
* managingOrganization only Reference(CpisLocalAuthority)
* telecom MS
* telecom ^short = "The team's duty phone or e-mail, where the LA gives one"

Invariant: cpis-swt-1
Description: "A social work team is the local authority's, not one child's: it has no subject and no encounter."
Severity: #error
Expression: "subject.empty() and encounter.empty()"
