CodeSystem: CpisFileResultCodes
Id: cpis-file-result
Title: "CP-IS file submission result"
Description: "What became of each row of a local authority's CSV file submitted to $cpis-submit-file, as the answer's OperationOutcome (issue.details.coding) and the submit command's per-row report say it, like the per-record result codes of the NHS's file services. A file is stored whole or not at all."
* insert CpisDefinitionMetadata
* ^caseSensitive = true
* ^content = #complete
* #accepted "Accepted" "The row was stored (the whole file was accepted)."
* #nhs-number-invalid "NHS number invalid" "The row's NHS number is not 10 digits or fails its modulus-11 check digit. Nothing of the file was stored."
* #rejected "Rejected" "The row breaks the file layout, a CP-IS profile or a submission rule; the reason is in the issue's diagnostics. Nothing of the file was stored."
* #not-stored "Not stored" "The row has no problem of its own, but the file was refused as a whole because of other rows: nothing was stored. Used in the submit command's report only."
