Profile: CpisPatient
Parent: Patient
Id: cpis-patient
Title: "CP-IS Patient"
Description: "The child a CP-IS plan is about or, for an unborn child protection plan, the mother. Differs from the base Patient: exactly one NHS number identifier (system https://fhir.nhs.uk/Id/nhs-number), which must be 10 digits with a valid modulus-11 check digit (cpis-patient-1, cpis-patient-2), and birthDate is required. Demographics other than these are optional: the NHS number is the key CP-IS shares with the Personal Demographics Service."
* insert CpisDefinitionMetadata
* obeys cpis-patient-1 and cpis-patient-2
* identifier 1..* MS
* identifier ^slicing.discriminator.type = #value
* identifier ^slicing.discriminator.path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Slice on identifier.system: exactly one NHS number."
* identifier contains nhsNumber 1..1 MS
* identifier[nhsNumber] ^short = "The NHS number (10 digits, modulus-11 check digit)"
* identifier[nhsNumber].system 1..1
* identifier[nhsNumber].system = $nhs-number (exactly)
* identifier[nhsNumber].value 1..1
* birthDate 1..1 MS

Invariant: cpis-patient-1
Description: "A CP-IS patient has exactly one NHS number (identifier with system https://fhir.nhs.uk/Id/nhs-number)."
Severity: #error
Expression: "identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').count() = 1"

Invariant: cpis-patient-2
Description: "An NHS number is 10 digits and its last digit is the modulus-11 check digit of the first nine (weights 10 to 2; check = 11 - (sum mod 11), 11 becomes 0, 10 is never valid)."
Severity: #error
Expression: "identifier.where(system = 'https://fhir.nhs.uk/Id/nhs-number').all(value.matches('^[0-9]{10}$') and ((11 - ((value.substring(0, 1).toInteger() * 10 + value.substring(1, 1).toInteger() * 9 + value.substring(2, 1).toInteger() * 8 + value.substring(3, 1).toInteger() * 7 + value.substring(4, 1).toInteger() * 6 + value.substring(5, 1).toInteger() * 5 + value.substring(6, 1).toInteger() * 4 + value.substring(7, 1).toInteger() * 3 + value.substring(8, 1).toInteger() * 2) mod 11)) mod 11) = value.substring(9, 1).toInteger())"
