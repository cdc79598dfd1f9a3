Extension: CpisCareManagerRole
Id: cpis-care-manager-role
Title: "CP-IS care manager's role"
Description: "The post (PractitionerRole) of the plan's allocated social worker: the worker's work phone and e-mail, and the address of the access notification. R4's EpisodeOfCare.careManager may name only a Practitioner (R5 also allows a PractitionerRole); this extension carries the role beside it, and the package's care-manager-role search parameter lets a clinician's lookup include it."
Context: EpisodeOfCare
* insert CpisDefinitionMetadata
* value[x] only Reference(CpisSocialWorkerRole)
* valueReference 1..1
