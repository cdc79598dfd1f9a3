ValueSet: CpisPlanType
Id: cpis-plan-type
Title: "CP-IS plan type"
Description: "The three kinds of plan CP-IS records: a child protection plan, a looked after child, and an unborn child protection plan (recorded against the mother). The SNOMED CT codes are those of NHS England's England-ChildProtectionPlan value set, enumerated here so that the value set can be expanded and checked offline, without a terminology server."
* insert CpisDefinitionMetadata
* $sct#342191000000101 "Subject to child protection plan"
* $sct#764841000000100 "Looked after child"
* $sct#818901000000100 "Unborn child subject to child protection plan"
