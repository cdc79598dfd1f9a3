Extension: CpisContactPointPurposeExt
Id: cpis-contact-point-purpose
Title: "CP-IS contact point purpose"
Description: "Says when a contact point is to be used: office-hours or emergency-duty (the local authority's out-of-hours emergency duty team). Used on a local authority's telephone numbers so that a clinician's system can show the right number at the right time."
Context: ContactPoint
* insert CpisDefinitionMetadata
* value[x] only Coding
* valueCoding 1..1
* valueCoding from CpisContactPointPurpose (required)
* valueCoding.system 1..1
* valueCoding.code 1..1
