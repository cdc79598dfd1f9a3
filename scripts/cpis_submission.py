"""Builds LA submission bundles (the LA, and per child a patient, plan and flag, as the guide's LA submission page
describes) for the benchmark scripts. Python standard library only."""
import contextlib
import random
import uuid

NHS = "https://fhir.nhs.uk/Id/nhs-number"
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"
PLAN = "https://fhir.cpis.uk/Id/local-authority-plan"
SD = "https://fhir.cpis.uk/StructureDefinition/"
CPP = {"system": "http://snomed.info/sct", "code": "342191000000101"}


def nhs_number():
    while True:
        digits = [random.randint(1 if i == 0 else 0, 9) for i in range(9)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def unique_nhs_number(issued, lock):
    if issued is None:
        return nhs_number()
    with lock or contextlib.nullcontext():
        while True:
            candidate = nhs_number()
            if candidate not in issued:
                issued.add(candidate)
                return candidate


def phone(purpose, number):
    return {"extension": [{"url": SD + "cpis-contact-point-purpose",
                           "valueCoding": {"system": "https://fhir.cpis.uk/CodeSystem/cpis-contact-point-purpose",
                                           "code": purpose}}],
            "system": "phone", "use": "work", "value": number}


def bundle(ods, children, issued=None, lock=None):
    """A transaction bundle submitting `children` new children for the LA `ods`; returns it and their NHS numbers.
    `issued` (a set, guarded by `lock` when given) keeps NHS numbers unique across bundles."""
    numbers = []
    la = "urn:uuid:" + str(uuid.uuid4())
    entries = [{"fullUrl": la,
                "resource": {"resourceType": "Organization", "identifier": [{"system": ODS, "value": ods}],
                             "active": True, "name": "Benchmark LA " + ods,
                             "telecom": [phone("office-hours", "0113 000 0001"), phone("emergency-duty", "0113 000 0002")]},
                "request": {"method": "POST", "url": "Organization", "ifNoneExist": f"identifier={ODS}|{ods}"}}]
    for _ in range(children):
        nhs, plan_id = unique_nhs_number(issued, lock), "BENCH-" + str(uuid.uuid4())
        numbers.append(nhs)
        patient, plan = "urn:uuid:" + str(uuid.uuid4()), "urn:uuid:" + str(uuid.uuid4())
        period = {"start": "2025-01-06"}
        entries += [
            {"fullUrl": patient,
             "resource": {"resourceType": "Patient", "identifier": [{"system": NHS, "value": nhs}],
                          "gender": "male", "birthDate": "2016-04-12"},
             "request": {"method": "POST", "url": "Patient", "ifNoneExist": f"identifier={NHS}|{nhs}"}},
            {"fullUrl": plan,
             "resource": {"resourceType": "EpisodeOfCare", "identifier": [{"system": PLAN, "value": plan_id}],
                          "status": "active", "type": [{"coding": [CPP]}], "patient": {"reference": patient},
                          "managingOrganization": {"reference": la}, "period": period},
             "request": {"method": "PUT", "url": f"EpisodeOfCare?identifier={PLAN}|{plan_id}"}},
            {"fullUrl": "urn:uuid:" + str(uuid.uuid4()),
             "resource": {"resourceType": "Flag", "identifier": [{"system": PLAN, "value": plan_id}],
                          "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/flag-detail",
                                         "valueReference": {"reference": plan}}],
                          "status": "active",
                          "category": [{"coding": [{"system": "https://fhir.nhs.uk/England/CodeSystem/England-FlagCategoryPatient",
                                                    "code": "child-protection-information-system-flag"}]},
                                       {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/flag-category",
                                                    "code": "safety"}]}],
                          "code": {"coding": [CPP]}, "subject": {"reference": patient},
                          "period": period, "author": {"reference": la}},
             "request": {"method": "PUT", "url": f"Flag?identifier={PLAN}|{plan_id}"}}]
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}, numbers
