Profile: CpisAccessNotification
Parent: Communication
Id: cpis-access-notification
Title: "CP-IS Access Notification"
Description: "The notification CP-IS sends to the responsible local authority when a clinician in an unscheduled care setting opens a flagged child's record. Differs from the base Communication: category is fixed to the core communication-category notification; subject is required and must be a CpisPatient; about is required and must be the CpisFlag or CpisEpisodeOfCare accessed; recipient is required: the CpisLocalAuthority that authored the flag, the plan's social worker (its CpisSocialWorkerRole, while active) and team (CpisSocialWorkTeam) where the plan names them; sender is required and must be the Organization (care setting) where the access happened; sent is required; payload carries the human-readable notice."
* insert CpisDefinitionMetadata
* status MS
* category 1..1 MS
* category = $communication-category#notification
* subject 1..1 MS
* subject only Reference(CpisPatient)
* subject ^short = "The flagged child (or the mother, for an unborn child plan)"
* about 1..* MS
* about only Reference(CpisFlag or CpisEpisodeOfCare)
* about ^short = "The flag (and plan) the clinician saw"
* sent 1..1 MS
* recipient 1..* MS
* recipient only Reference(CpisLocalAuthority or CpisSocialWorkerRole or CpisSocialWorkTeam or Practitioner)
* recipient ^short = "The responsible local authority, and the social worker (PractitionerRole) and team where the plan names them"
* sender 1..1 MS
* sender only Reference(Organization)
* sender ^short = "The care setting (ODS-coded organisation) where the record was accessed"
* payload MS
* payload.content[x] only string
* payload ^short = "Human-readable notice: the care setting, the time and the plan type"
