Extension: CpisExpectedDeliveryDate
Id: cpis-expected-delivery-date
Title: "CP-IS expected delivery date"
Description: "The expected date of delivery of the unborn child that an unborn child protection plan is about. The plan is held against the mother's NHS number (no record of the unborn child exists), so the date sits on the plan (EpisodeOfCare). No public CP-IS artefact defines this element."
Context: EpisodeOfCare
* insert CpisDefinitionMetadata
* value[x] only date
* valueDate 1..1
