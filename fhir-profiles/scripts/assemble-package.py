#!/usr/bin/env python3
"""Assemble the NPM FHIR package directory from SUSHI's output.
Usage: assemble-package.py <sushi-config.yaml> <fsh-generated/resources> <package-dir> <examples-dir>
Writes <package-dir>/package.json, one JSON file per resource, the package's ImplementationGuide resource
(listing every definition and example), .index.json (index-version 1), and example/ with the guide's valid
examples and their own .index.json. Output is deterministic: files and index entries sorted by name, fixed
JSON formatting, no timestamps but the configured date. Python standard library only."""
import json, os, re, shutil, sys

def read_config(path):
    cfg = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z]+):\s*(\S.*?)\s*$", line)
            if m and not m.group(2).startswith("#"):
                cfg[m.group(1)] = m.group(2).strip("'\"")
    for key in ("id", "canonical", "version", "fhirVersion", "title", "license", "date"):
        if key not in cfg:
            raise SystemExit(f"sushi-config.yaml: missing {key}")
    return cfg

def dump(obj, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")

DESCRIPTION = ("CP-IS (Child Protection Information Sharing, England) FHIR R4 profiles, "
               "extensions, terminology, search parameters and operations")

def index_entry(filename, res):
    entry = {"filename": filename, "resourceType": res["resourceType"], "id": res["id"]}
    for key in ("url", "version", "kind", "type", "supplements", "content"):
        if isinstance(res.get(key), str):
            entry[key] = res[key]
    return entry

def write_folder(resources, folder):
    """Writes each resource as <ResourceType>-<id>.json (the FHIR package spec's naming), and the index."""
    os.makedirs(folder, exist_ok=True)
    index = []
    for res in resources:
        filename = f"{res['resourceType']}-{res['id']}.json"
        dump(res, os.path.join(folder, filename))
        index.append(index_entry(filename, res))
    index.sort(key=lambda e: e["filename"])
    dump({"index-version": 1, "files": index}, os.path.join(folder, ".index.json"))
    return index

def read_all(folder):
    found = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".json") and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                found.append(json.load(f))
    return found

def implementation_guide(cfg, definitions, examples):
    """The package's ImplementationGuide resource: what it holds, by reference, and which profile each example shows."""
    resources = [{"reference": {"reference": f"{r['resourceType']}/{r['id']}"},
                  "name": r.get("title") or r.get("name") or r["id"], "exampleBoolean": False}
                 for r in definitions]
    for example in examples:
        entry = {"reference": {"reference": f"{example['resourceType']}/{example['id']}"}, "name": example["id"]}
        profiles = example.get("meta", {}).get("profile", [])
        if profiles:
            entry["exampleCanonical"] = profiles[0]
        else:
            entry["exampleBoolean"] = True
        resources.append(entry)
    return {
        "resourceType": "ImplementationGuide",
        "id": cfg["id"],
        "url": f"{cfg['canonical']}/ImplementationGuide/{cfg['id']}",
        "version": cfg["version"],
        "name": cfg["name"],
        "title": cfg["title"],
        "status": cfg.get("status", "draft"),
        "date": cfg["date"],
        "publisher": "CP-IS FHIR server project",
        "description": DESCRIPTION + ". The guide's pages are served by the CP-IS server at /ig/.",
        "jurisdiction": [{"coding": [{"system": "urn:iso:std:iso:3166", "code": "GB"}]}],
        "packageId": cfg["id"],
        "license": cfg["license"],
        "fhirVersion": [cfg["fhirVersion"]],
        "definition": {"resource": resources},
    }

def main(config, resources, out, examples_dir):
    cfg = read_config(config)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    definitions = read_all(resources)
    # The valid examples only (the top folder); the invalid ones break rules on purpose.
    examples = read_all(examples_dir)
    guide = implementation_guide(cfg, definitions, examples)
    index = write_folder(definitions + [guide], out)
    write_folder(examples, os.path.join(out, "example"))
    manifest = {
        "name": cfg["id"],
        "version": cfg["version"],
        "title": cfg["title"],
        "description": DESCRIPTION,
        "date": cfg["date"].replace("-", "") + "000000",
        "license": cfg["license"],
        "author": "CP-IS FHIR server project",
        "type": "fhir.ig",
        "canonical": cfg["canonical"],
        "url": cfg["canonical"],
        "fhirVersions": [cfg["fhirVersion"]],
        "dependencies": {"hl7.fhir.r4.core": "4.0.1"},
        "jurisdiction": "urn:iso:std:iso:3166#GB",
    }
    dump(manifest, os.path.join(out, "package.json"))
    print(f"assembled {len(index)} resources and {len(examples)} examples into {out}")

if __name__ == "__main__":
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
