#!/usr/bin/env python3
"""Build ~/.fhir/packages/hl7.fhir.r4.core#4.0.1 offline from the Maven Central jar
com.ibm.fhir:fhir-registry:4.11.1, which carries the R4 4.0.1 core package contents under
hl7/fhir/core/package/ (one JSON file per resource plus .index.json) but no package.json.
Python standard library only.  Usage: make-core-package.py <fhir-registry.jar> <target-dir>"""
import json, os, sys, zipfile

PREFIX = "hl7/fhir/core/package/"

def main(jar, target):
    pkg = os.path.join(target, "package")
    tmp = target + ".partial"
    tmppkg = os.path.join(tmp, "package")
    os.makedirs(tmppkg, exist_ok=True)
    n = 0
    with zipfile.ZipFile(jar) as z:
        for info in z.infolist():
            if not info.filename.startswith(PREFIX) or info.is_dir():
                continue
            name = info.filename[len(PREFIX):]
            if "/" in name or not name.endswith(".json"):
                continue
            with z.open(info) as src, open(os.path.join(tmppkg, name), "wb") as dst:
                dst.write(src.read())
            n += 1
    manifest = {
        "name": "hl7.fhir.r4.core",
        "version": "4.0.1",
        "type": "Core",
        "fhirVersions": ["4.0.1"],
        "canonical": "http://hl7.org/fhir",
        "url": "http://hl7.org/fhir/R4",
        "description": "FHIR R4 core definitions, rebuilt offline from com.ibm.fhir:fhir-registry:4.11.1",
        "license": "CC0-1.0",
        "dependencies": {},
    }
    with open(os.path.join(tmppkg, "package.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    if os.path.exists(target):
        raise SystemExit(f"{target} already exists; remove it first")
    os.rename(tmp, target)
    print(f"installed {n} core files into {pkg}")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
