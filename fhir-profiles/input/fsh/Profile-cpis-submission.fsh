Profile: CpisSubmission
Parent: Bundle
Id: cpis-submission
Title: "CP-IS Submission"
Description: "What one local authority sends to CP-IS: a transaction (or batch) of its plans, flags, the patients they are about, its social workers and teams, and the authority itself. Differs from the base Bundle: type is transaction or batch (cpis-submission-1); every entry has a fullUrl and a request; entries are sliced by resource type so that each Patient, Organization, EpisodeOfCare, Flag, Practitioner, PractitionerRole and CareTeam is validated against the CP-IS profile (CpisPatient, CpisLocalAuthority, CpisEpisodeOfCare, CpisFlag, CpisSocialWorker, CpisSocialWorkerRole, CpisSocialWorkTeam); no other resource types (cpis-submission-2); at most one Organization, the submitting local authority (cpis-submission-3)."
* insert CpisDefinitionMetadata
* obeys cpis-submission-1 and cpis-submission-2 and cpis-submission-3
* type MS
* type ^short = "transaction | batch"
* entry 1..* MS
* entry.fullUrl 1..1 MS
* entry.request 1..1 MS
* entry ^slicing.discriminator.type = #type
* entry ^slicing.discriminator.path = "resource"
* entry ^slicing.rules = #open
* entry ^slicing.description = "Slice on the entry's resource type; entries without a resource (DELETE) match no slice."
* entry contains patient 0..* MS and localAuthority 0..1 MS and plan 0..* MS and flag 0..* MS and socialWorker 0..* MS and socialWorkerRole 0..* MS and team 0..* MS
* entry[patient].resource 1..1
* entry[patient].resource only CpisPatient
* entry[localAuthority].resource 1..1
* entry[localAuthority].resource only CpisLocalAuthority
* entry[plan].resource 1..1
* entry[plan].resource only CpisEpisodeOfCare
* entry[flag].resource 1..1
* entry[flag].resource only CpisFlag
* entry[socialWorker].resource 1..1
* entry[socialWorker].resource only CpisSocialWorker
* entry[socialWorkerRole].resource 1..1
* entry[socialWorkerRole].resource only CpisSocialWorkerRole
* entry[team].resource 1..1
* entry[team].resource only CpisSocialWorkTeam

Invariant: cpis-submission-1
Description: "A CP-IS submission is a transaction or a batch."
Severity: #error
Expression: "type = 'transaction' or type = 'batch'"

Invariant: cpis-submission-2
Description: "A CP-IS submission carries only Patient, Organization, EpisodeOfCare, Flag, Practitioner, PractitionerRole and CareTeam resources."
Severity: #error
Expression: "entry.resource.all(($this is Patient) or ($this is Organization) or ($this is EpisodeOfCare) or ($this is Flag) or ($this is Practitioner) or ($this is PractitionerRole) or ($this is CareTeam))"

Invariant: cpis-submission-3
Description: "A CP-IS submission comes from one local authority: it carries at most one Organization."
Severity: #error
Expression: "entry.resource.ofType(Organization).count() <= 1"
