#!/usr/bin/env python3
"""Benchmark of the LA write path (not a test): posts N children, in transaction bundles of 100 children each
(LA, patient, plan and flag per child, as the guide's LA submission page describes), to a running server and
reports children per second and the time per bundle.

Usage: scripts/benchmark-submissions.py [--base http://localhost:8080/fhir] [--children 1000] [--per-bundle 100]
Start the server first (README's run command). Uses only the Python standard library.
"""
import argparse
import json
import statistics
import time
import urllib.request
import uuid

from cpis_submission import bundle


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
        body = json.dumps(bundle(ods, n)[0]).encode()
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
