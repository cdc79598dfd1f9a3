CodeSystem: CpisActivityCodes
Id: cpis-activity
Title: "CP-IS clinician activity"
Description: "The NHS smartcard (RBAC) activity under which a clinician views CP-IS information, as carried by the cpis_activity claim of the access token. Recorded in the user agent of a clinician's AuditEvent (AuditEvent.agent.role, beside the cpis-role code), so that unscheduled-care accesses (B0107) can be searched with agent-role."
* insert CpisDefinitionMetadata
* ^caseSensitive = true
* ^content = #complete
* #B0107 "View CP-IS flag (unscheduled care)" "Unscheduled care: the child's local authority is notified of the access, and the access appears in the child's access history."
* #B0170 "View CP-IS flag without notification (scheduled care)" "Scheduled care: the access is audited but nobody is notified and it is not shown in the access history."
