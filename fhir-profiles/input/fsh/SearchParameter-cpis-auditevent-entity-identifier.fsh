Instance: cpis-auditevent-entity-identifier
InstanceOf: SearchParameter
Usage: #definition
Title: "AuditEvent: entity-identifier (the patient, by NHS number)"
Description: "Searches AuditEvent by the identifier of an entity: for CP-IS, the patient's NHS number. A clinician's lookup of a child CP-IS holds nothing about is still audited, against the NHS number alone (no Patient resource exists to refer to), so the patient parameter cannot find it."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-auditevent-entity-identifier"
* version = "0.3.0"
* name = "CpisAuditEventEntityIdentifier"
* status = #active
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The identifier of an entity of the AuditEvent. AuditEvent?entity-identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919 finds every audited access to that patient."
* code = #entity-identifier
* base = #AuditEvent
* type = #token
* expression = "AuditEvent.entity.what.identifier"
* xpath = "f:AuditEvent/f:entity/f:what/f:identifier"
* xpathUsage = #normal
