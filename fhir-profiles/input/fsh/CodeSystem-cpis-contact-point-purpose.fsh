CodeSystem: CpisContactPointPurposeCodes
Id: cpis-contact-point-purpose
Title: "CP-IS contact point purpose"
Description: "When a local authority contact point is to be used: during office hours, or out of hours by the emergency duty team. FHIR R4 ContactPoint.use (home | work | temp | old | mobile) says whose number it is, not when to call it, so CP-IS carries this distinction in its own small code system."
* insert CpisDefinitionMetadata
* ^caseSensitive = true
* ^content = #complete
* #office-hours "Office hours" "The local authority's children's social care number for use during office hours."
* #emergency-duty "Emergency duty team" "The local authority's emergency duty team (out-of-hours children's social care) number."
