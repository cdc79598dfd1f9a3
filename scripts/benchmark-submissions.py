#!/usr/bin/env python3
"""Benchmark of the LA write path (not a test): posts N children, in transaction bundles of 100 children each
(LA, patient, plan and flag per child, as the guide's LA submission page describes), to a running server and
reports children per second and the time per bundle.

Usage: scripts/benchmark-submissions.py [--base http://localhost:8080/fhir] [--children 1000] [--per-bundle 100]
Start the server first (README's run command). Uses only the Python standard library.
"""
import argparse
import json
import random
import statistics
import time
import urllib.request
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


def phone(purpose, number):
    return {"extension": [{"url": SD + "cpis-contact-point-purpose",
                           "valueCoding": {"system": "https://fhir.cpis.uk/CodeSystem/cpis-contact-point-purpose",
                                           "code": purpose}}],
            "system": "phone", "use": "work", "value": number}


def bundle(ods, children):
    la = "urn:uuid:" + str(uuid.uuid4())
    entries = [{"fullUrl": la,
                "resource": {"resourceType": "Organization", "identifier": [{"system": ODS, "value": ods}],
                             "active": True, "name": "Benchmark LA " + ods,
                             "telecom": [phone("office-hours", "0113 000 0001"), phone("emergency-duty", "0113 000 0002")]},
                "request": {"method": "POST", "url": "Organization", "ifNoneExist": f"identifier={ODS}|{ods}"}}]
    for _ in range(children):
        nhs, plan_id = nhs_number(), "BENCH-" + str(uuid.uuid4())
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
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--base", default="http://localhost:8080/fhir")
    args.add_argument("--children", type=int, default=1000)
    args.add_argument("--per-bundle", type=int, default=100)
    args.add_argument("--token", default=None, help="bearer token, when the server requires one")
    opts = args.parse_args()
    ods = "B" + uuid.uuid4().hex[:5].upper()
    timings = []
    posted = 0
    while posted < opts.children:
        n = min(opts.per_bundle, opts.children - posted)
        body = json.dumps(bundle(ods, n)).encode()
        headers = {"Content-Type": "application/fhir+json"}
        if opts.token:
            headers["Authorization"] = "Bearer " + opts.token
        request = urllib.request.Request(opts.base, data=body, headers=headers, method="POST")
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            if response.status != 200:
                raise SystemExit(f"bundle refused: HTTP {response.status}")
        timings.append(time.perf_counter() - start)
        posted += n
    total = sum(timings)
    print(f"{posted} children in {len(timings)} bundles of up to {opts.per_bundle}: "
          f"{posted / total:.1f} children/s; per bundle mean {statistics.mean(timings):.2f} s, "
          f"median {statistics.median(timings):.2f} s, first {timings[0]:.2f} s, max {max(timings):.2f} s")


if __name__ == "__main__":
    main()
