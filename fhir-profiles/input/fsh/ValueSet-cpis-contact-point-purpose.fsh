ValueSet: CpisContactPointPurpose
Id: cpis-contact-point-purpose
Title: "CP-IS contact point purpose"
Description: "All codes of the CP-IS contact point purpose code system: office-hours and emergency-duty."
* insert CpisDefinitionMetadata
* include codes from system CpisContactPointPurposeCodes
