Instance: cpis-flag-detail
InstanceOf: SearchParameter
Usage: #definition
Title: "Flag: detail (the plan a CP-IS flag points at)"
Description: "Searches Flag by the target of the core flag-detail extension. R4 defines no search parameter on that extension, so without this one a clinician's system cannot write _include=Flag:detail to fetch the plan (EpisodeOfCare) with the flag."
* url = "https://fhir.cpis.uk/SearchParameter/cpis-flag-detail"
* version = "0.3.0"
* name = "CpisFlagDetail"
* status = #active  // HAPI FHIR only indexes (and its package installer only stores) active search parameters
* experimental = false
* publisher = "CP-IS FHIR server project"
* jurisdiction = urn:iso:std:iso:3166#GB "United Kingdom of Great Britain and Northern Ireland"
* description = "The resource (for CP-IS, the plan: an EpisodeOfCare) that the core flag-detail extension of a Flag points at. Enables Flag?detail=EpisodeOfCare/123 and _include=Flag:detail."
* code = #detail
* base = #Flag
* type = #reference
* expression = "Flag.extension('http://hl7.org/fhir/StructureDefinition/flag-detail').value"
* xpath = "f:Flag/f:extension[@url='http://hl7.org/fhir/StructureDefinition/flag-detail']/f:valueReference"
* xpathUsage = #normal
* target = #EpisodeOfCare
