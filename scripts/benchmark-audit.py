#!/usr/bin/env python3
"""Benchmark of the audit's cost (not a test): clinician lookups of flagged children with the access audit and LA
notification on, against the same lookups with them off (cpis.audit.enabled=false), at 1 and 8 concurrent clients.

It loads N flagged children once (LA submissions, kept in --work-dir and reused by later runs), then for each mode
starts the server from target/cpis-fhir-server.jar on that database, warms it up, and times the guide's clinician
lookup (Flag by NHS number with _include of the LA, the patient and the plan) for random loaded children, each
client with its own B0107 clinician token. Prints throughput, p50 and p99 latency, and the on/off ratio, as a
Markdown table (also written to <work-dir>/results.md).

Usage:
  ./mvnw -B -q package -DskipTests
  scripts/benchmark-audit.py [--children 100000] [--lookups 2000] [--work-dir target/benchmark-audit]
                             [--postgres-url jdbc:postgresql://127.0.0.1:5432/cpis_bench]
Python standard library only. H2 (the embedded default) unless --postgres-url is given.
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

from cpis_submission import NHS, bundle

LOOKUP = "Flag?patient.identifier=" + NHS + "%7C{}&_include=Flag:author&_include=Flag:subject&_include=Flag:detail"


class Server:
    """The server jar on a port of its own, on the benchmark's database, with the audit on or off."""

    def __init__(self, opts, audit_enabled):
        self.opts = opts
        self.port = opts.port
        self.base = f"http://localhost:{self.port}"
        args = ["java", "-jar", str(opts.jar), f"--server.port={self.port}",
                f"--cpis.server.data-directory={opts.data_dir}",
                f"--cpis.audit.enabled={'true' if audit_enabled else 'false'}"]
        if opts.postgres_url:
            # The postgres profile is production-like: it refuses the development key and a disabled audit.
            args += ["--spring.profiles.active=postgres", f"--spring.datasource.url={opts.postgres_url}",
                     "--cpis.access.production=false", "--cpis.access.allow-development-key=true"]
        log = open(opts.work_dir / f"server-audit-{'on' if audit_enabled else 'off'}.log", "w")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)

    def __enter__(self):
        deadline = time.time() + 600
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited with {self.process.returncode}; see {self.opts.work_dir}")
            try:
                with urllib.request.urlopen(self.base + "/actuator/health", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(2)
        raise SystemExit("server did not start in 10 minutes")

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=120)


def token(opts, role, org, sub, activity=None):
    args = ["java", "-jar", str(opts.jar), "token", "--role", role, "--org", org, "--sub", sub, "--minutes", "1440",
            "--data-directory", str(opts.data_dir)]
    if activity:
        args += ["--activity", activity]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def call(url, bearer, body=None):
    headers = {"Authorization": "Bearer " + bearer, "Accept": "application/fhir+json"}
    if body is not None:
        headers["Content-Type"] = "application/fhir+json"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body is not None else "GET")
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.status, response.read()


def load(opts, server):
    """Submits children until the work directory's list holds --children flagged children."""
    children_file = opts.work_dir / "children.txt"
    loaded = children_file.read_text().split() if children_file.exists() else []
    if len(loaded) >= opts.children:
        print(f"{len(loaded)} children already loaded in {opts.work_dir}")
        return loaded
    admin = token(opts, "admin", "X26", "benchmark-loader")
    issued = set(loaded)
    lock = threading.Lock()
    start, done, already = time.perf_counter(), len(loaded), len(loaded)

    def submit_one(size):
        nonlocal done
        # Eight LAs share the children, as many LAs do in production.
        body, numbers = bundle("BL" + str(random.randint(100, 107)), size, issued, lock)
        status, _ = call(server.base + "/fhir", admin, json.dumps(body).encode())
        if status != 200:
            raise SystemExit(f"bundle refused: HTTP {status}")
        with lock:
            with children_file.open("a") as out:
                out.write("\n".join(numbers) + "\n")
            loaded.extend(numbers)
            done += len(numbers)
            print(f"  {done} children loaded ({(done - already) / (time.perf_counter() - start):.0f}/s)", flush=True)

    remaining = opts.children - len(loaded)
    sizes = [opts.per_bundle] * (remaining // opts.per_bundle) + ([remaining % opts.per_bundle] if remaining % opts.per_bundle else [])
    with concurrent.futures.ThreadPoolExecutor(opts.load_clients) as pool:
        for future in concurrent.futures.as_completed([pool.submit(submit_one, s) for s in sizes]):
            future.result()
    print(f"loaded {len(loaded)} children in {time.perf_counter() - start:.0f} s")
    return loaded


def lookups(server, tokens, children, clients, count):
    """Runs `count` lookups spread over `clients` threads; returns latencies (s) and wall time (s)."""
    latencies, errors = [], []
    lock = threading.Lock()

    def client(bearer, n):
        mine = []
        for _ in range(n):
            url = server.base + "/fhir/" + LOOKUP.format(random.choice(children))
            start = time.perf_counter()
            status, body = call(url, bearer)
            mine.append(time.perf_counter() - start)
            found = json.loads(body)
            if status != 200 or not any(e["resource"]["resourceType"] == "Flag" for e in found.get("entry", [])):
                errors.append(url)
        with lock:
            latencies.extend(mine)

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(tokens[i], count // clients)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} lookups did not return a flag, e.g. {errors[0]}")
    return latencies, wall


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--children", type=int, default=100_000)
    args.add_argument("--lookups", type=int, default=2000, help="timed lookups per mode and concurrency")
    args.add_argument("--warm-up", type=int, default=400)
    args.add_argument("--per-bundle", type=int, default=250)
    args.add_argument("--load-clients", type=int, default=3)
    args.add_argument("--order", default="on,off", help="which server runs first (on,off or off,on)")
    args.add_argument("--port", type=int, default=18080)
    args.add_argument("--work-dir", type=pathlib.Path, default=pathlib.Path("target/benchmark-audit"))
    args.add_argument("--postgres-url", default=None)
    args.add_argument("--jar", type=pathlib.Path, default=pathlib.Path("target/cpis-fhir-server.jar"),
                      help="copy it elsewhere to keep building while a long run goes on")
    opts = args.parse_args()
    if not opts.jar.exists():
        raise SystemExit(f"{opts.jar} is missing: ./mvnw -B -q package -DskipTests")
    opts.work_dir.mkdir(parents=True, exist_ok=True)
    opts.data_dir = opts.work_dir.resolve() / "data"

    results = {}
    for audit_enabled in [mode == "on" for mode in opts.order.split(",")]:
        mode = "on" if audit_enabled else "off"
        with Server(opts, audit_enabled) as server:
            children = load(opts, server)
            tokens = [token(opts, "clinician", "RXX01", f"benchmark-clinician-{i}", "B0107") for i in range(8)]
            lookups(server, tokens, children, 8, opts.warm_up)
            for clients in (1, 8):
                latencies, wall = lookups(server, tokens, children, clients, opts.lookups)
                results[(mode, clients)] = (len(latencies) / wall, percentile(latencies, 50), percentile(latencies, 99))
                print(f"audit {mode}, {clients} client(s): {len(latencies) / wall:.1f} lookups/s, "
                      f"p50 {percentile(latencies, 50) * 1000:.0f} ms, p99 {percentile(latencies, 99) * 1000:.0f} ms",
                      flush=True)

    lines = [f"{len(children)} flagged children, {'PostgreSQL' if opts.postgres_url else 'H2'}, "
             f"{opts.lookups} lookups per row after {opts.warm_up} warm-up lookups, {os.cpu_count()} CPUs",
             "",
             "| clients | audit on: lookups/s | p50 | p99 | audit off: lookups/s | p50 | p99 | throughput on/off |",
             "|---|---|---|---|---|---|---|---|"]
    for clients in (1, 8):
        on, off = results[("on", clients)], results[("off", clients)]
        lines.append(f"| {clients} | {on[0]:.1f} | {on[1] * 1000:.0f} ms | {on[2] * 1000:.0f} ms "
                     f"| {off[0]:.1f} | {off[1] * 1000:.0f} ms | {off[2] * 1000:.0f} ms | {on[0] / off[0]:.2f} |")
    report = "\n".join(lines)
    (opts.work_dir / "results.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    sys.exit(main())
