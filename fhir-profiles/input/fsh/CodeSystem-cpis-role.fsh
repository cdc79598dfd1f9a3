CodeSystem: CpisRoleCodes
Id: cpis-role
Title: "CP-IS user role"
Description: "The role a CP-IS user acts in, as carried by the cpis_role claim of the access token. Recorded in the user agent of every CP-IS AuditEvent (AuditEvent.agent.role)."
* insert CpisDefinitionMetadata
* ^caseSensitive = true
* ^content = #complete
* #clinician "Clinician" "A clinician in a care setting, looking up a child by NHS number."
* #local-authority "Local authority" "A local authority's children's social care system, submitting and reading its own plans and notifications."
* #auditor "Auditor" "Reads the audit trail: AuditEvent, Communication and Provenance."
* #admin "Administrator" "Operates the server."
