#!/usr/bin/env python3
"""Assemble the NPM FHIR package directory from SUSHI's output.
Usage: assemble-package.py <sushi-config.yaml> <fsh-generated/resources> <package-dir>
Writes <package-dir>/package.json, one JSON file per resource and .index.json
(index-version 1). Output is deterministic: files and index entries sorted by name,
fixed JSON formatting, no timestamps. Python standard library only."""
import json, os, re, shutil, sys

def read_config(path):
    cfg = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z]+):\s*(\S.*?)\s*$", line)
            if m and not m.group(2).startswith("#"):
                cfg[m.group(1)] = m.group(2).strip("'\"")
    for key in ("id", "canonical", "version", "fhirVersion"):
        if key not in cfg:
            raise SystemExit(f"sushi-config.yaml: missing {key}")
    return cfg

def dump(obj, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")

def main(config, resources, out):
    cfg = read_config(config)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    index = []
    for name in sorted(os.listdir(resources)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(resources, name), encoding="utf-8") as f:
            res = json.load(f)
        # One file per resource, named <ResourceType>-<id>.json as in the FHIR package spec.
        filename = f"{res['resourceType']}-{res['id']}.json"
        dump(res, os.path.join(out, filename))
        entry = {"filename": filename, "resourceType": res["resourceType"], "id": res["id"]}
        for key in ("url", "version", "kind", "type", "supplements", "content"):
            if isinstance(res.get(key), str):
                entry[key] = res[key]
        index.append(entry)
    index.sort(key=lambda e: e["filename"])
    dump({"index-version": 1, "files": index}, os.path.join(out, ".index.json"))
    manifest = {
        "name": cfg["id"],
        "version": cfg["version"],
        "description": "CP-IS (Child Protection Information Sharing, England) FHIR R4 profiles, "
                       "extensions, terminology and search parameters",
        "author": "CP-IS FHIR server project",
        "type": "fhir.ig",
        "canonical": cfg["canonical"],
        "url": cfg["canonical"],
        "fhirVersions": [cfg["fhirVersion"]],
        "dependencies": {"hl7.fhir.r4.core": "4.0.1"},
        "jurisdiction": "urn:iso:std:iso:3166#GB",
    }
    dump(manifest, os.path.join(out, "package.json"))
    print(f"assembled {len(index)} resources into {out}")

if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
