Instance: cpis-auditevent-agent-identifier
InstanceOf: SearchParameter
Usage: #definition
Title: "AuditEvent: agent-identifier (the user or organisation that acted)"
Description: "Searches AuditEvent by the identifier of an agent: the user (the sub claim of the access token) or the user's organisation (ODS code). R4's agent parameter is a reference and CP-IS agents are identified by identifier only, so an auditor needs this one to find what a user or an organisation read."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-auditevent-agent-identifier"
* version = "0.3.0"
* name = "CpisAuditEventAgentIdentifier"
* status = #active
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The identifier of an agent of the AuditEvent. AuditEvent?agent-identifier=https://fhir.nhs.uk/Id/ods-organization-code|RXX finds the reads made in care setting RXX; AuditEvent?agent-identifier=<sub> finds a user's."
* code = #agent-identifier
* base = #AuditEvent
* type = #token
* expression = "AuditEvent.agent.who.identifier"
* xpath = "f:AuditEvent/f:agent/f:who/f:identifier"
* xpathUsage = #normal
