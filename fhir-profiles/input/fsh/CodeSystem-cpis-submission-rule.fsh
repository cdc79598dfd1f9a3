CodeSystem: CpisSubmissionRuleCodes
Id: cpis-submission-rule
Title: "CP-IS submission rule"
Description: "Why the server refused (part of) a local authority's submission: each issue of the refusing OperationOutcome carries one of these codes in issue.details.coding, so that an LA system can act on the reason without reading the text. See the guide's LA submission page for each rule."
* insert CpisDefinitionMetadata
* ^caseSensitive = true
* ^content = #complete
* #profile "Breaks a CP-IS profile" "The bundle or an entry does not conform to cpis-submission or to its entry's CP-IS profile (the invariant key, where there is one, is in the diagnostics)."
* #element-limits "Too large to validate" "An element repeats more than 50 times in one place, an identifier is longer than 64 characters, a request URL or ifNoneExist longer than 512, or a text longer than 10,000: refused before validation."
* #conditional-keys "Not keyed on its own identifier" "Each Patient and Organization is a conditional create on its own NHS number / ODS code (exactly), each EpisodeOfCare and Flag a conditional update on its own plan reference, each Practitioner and PractitionerRole on its own staff identifier, each CareTeam on its own team identifier."
* #duplicate-entry "The same entry twice" "The same request (method, URL and key) appears more than once in one bundle."
* #submitting-authority "Not the submitting local authority" "The bundle holds at most one Organization, the submitting LA, and every plan's managingOrganization, Flag's author, social worker's staff identifier assigner, PractitionerRole's organization and CareTeam's managingOrganization refers to it (or, without an Organization entry, to one ODS code by conditional reference; never by a logical identifier); a plan's social worker, post and team are the LA's own: an entry of the bundle or a conditional reference on its staff or team identifier, never a literal id."
* #something-to-flag "Nothing to flag" "A submission carries at least one plan or Flag: CP-IS holds only children it flags."
* #flag-agrees-with-plan "Flag and plan disagree" "A Flag's plan is an EpisodeOfCare in the same bundle with the same plan reference, patient, plan type, dates and a matching status."
* #unborn-plan-on-mother "Unborn-child plan not on the mother" "An unborn-child plan and its Flag are held against a female patient, the mother."
* #one-active-plan "A second active plan of a type" "A child has at most one active plan of each type from one local authority: update the existing plan instead."
* #no-future-dates "A date in the future" "No plan or Flag date after today (except up to the expected delivery date of an unborn-child plan), and no Patient born in the future."
