#!/usr/bin/env python3
"""Side-by-side benchmark (not a test): the CP-IS server against a plain HAPI FHIR 8.8.0 JPA server
(benchmark/plain-hapi: HAPI's defaults, no profiles, validation, access control or audit), on the same data, in
one sitting. Prints a Markdown table (work | plain HAPI | CP-IS | ratio), also written to <work-dir>/results.md.

What is measured, per server:
  - Clinician lookup, the guide's `Flag?patient.identifier=<NHS>&_include=Flag:author&_include=Flag:subject
    &_include=Flag:detail` for random loaded children: requests/s, p50 and p99 latency, at 1 and at 8 clients.
    CP-IS runs with its audit on (each lookup stores an AuditEvent and notifies the LA), one B0107 clinician token
    per client; the plain server takes no token and runs twice: with HAPI's search-result reuse off
    (`plain-off`) and with HAPI's default 60 s reuse (`plain-default`). Every answer must be HTTP 200 with a Flag
    in the bundle, else the run stops with an error. Each client keeps one HTTP connection open (keep-alive).
  - LA ingest, children/s: the same transaction bundles (scripts/cpis_submission.py) posted one at a time, then
    by --ingest-clients parallel submitters; also the server JVM's CPU time per child (all its threads) and, on
    PostgreSQL, its database backends', and the garbage collector's share of the JVM's CPU (its threads' CPU time
    from /proc: what a smaller heap costs, e.g. with --limited-jvm-args). The lookup rows give the same share.
    This is a separate timed ingest of --ingest-children new children
    per mode, made after the base data set is loaded, rather than the base load itself, so that every run
    measures it, on a database of the same size for both servers, while later runs still reuse the loaded base.
    Untimed bundles go first (--ingest-warm-up children, 500 by default, the same on both servers): just after a
    start the JIT compiler is still busy with the write path (on CP-IS, with the validator's code too) and takes
    as much CPU as the requests; an LA's nightly load runs for minutes, past that. The new
    children stay (the data set grows by 2 x --ingest-children + --ingest-warm-up per run, the same children in both
    servers). It is timed once per server: in the first plain session of --order (search reuse does not apply
    to the conditional matches of a transaction) and in the CP-IS session. CP-IS ingests with a
    local-authority token per LA (ODS code), as LAs do; the plain server takes no token.
  - LA files (CP-IS only, after its ingest rows): --file-rows rows sent as CSV files of --per-bundle rows to
    $cpis-submit-file, one at a time, each followed by as many new children as a bundle, so that rows/s by file
    are set against children/s by bundle in the same minutes. Plain HAPI has no file path.
  - Start-up: seconds from launching the JVM until GET /fhir/metadata answers, always a restart on the loaded
    database (a session that had to load data restarts its server before measuring); resident memory (VmRSS of
    the JVM) just after that start and at the end of the lookups.

Only one server runs at a time (the machine may have 2 cores), in --order (sessions `plain-off`, `cpis`,
`plain-default`), each warmed up before timing --lookups per row: --warm-up lookups at 8 clients, then rounds of
1,000 more until the JVM's JIT compiler threads (C1, C2) used under --jit-quiet percent of one CPU during a round,
or --warm-up-max lookups in all. Both servers compile HAPI's code for tens of thousands of lookups after a start;
timed before that, a server's figures mostly measure how far its compiler has got (on 2 cores, C2 alone took half
the machine for the first ~20,000 lookups), not the steady state a long-running service serves in. Each row
asks for the same children in the same order on every server (seeded). With --rounds N the sessions of --order run
N times in turn (plain, CP-IS, plain, CP-IS, ...), each a restart, a warm-up and the timed lookups: a shared
machine's speed drifts within minutes, so the table gives each figure's median over the rounds and the lowest and
highest CP-IS / plain ratio of one round.

Data: <work-dir> keeps the generated bundles (bundles/, gzip, with an index of their children), children.txt
(every child's NHS number), both servers' data directories (cpis-data/, plain-data/: H2 databases; on
PostgreSQL only the CP-IS development signing key) and, per server and database, the bundles already loaded
(loaded-<server>-<h2|postgres>.txt). A run generates bundles until the data set has --children children and
loads into each server only the bundles it misses, so both always hold the same children; a missing database
(data directory deleted, PostgreSQL database created by this run) starts that server's list afresh. The plain
server also gets CP-IS's Flag:detail SearchParameter (fhir-profiles/package) as data before its first bundle,
since _include=Flag:detail needs it; it is the same definition the CP-IS server installs from its package.

Both jars (--cpis-jar, --plain-jar) are copied into <work-dir>/jars at the start, so rebuilding during a run
changes nothing, and run with <work-dir> as working directory (run from the project's, CP-IS would also read
the project's ./config/, which may differ from what its jar was built with). The base data set is loaded by
--ingest-clients parallel submitters, untimed. CP-IS tokens are made with `java -jar cpis-fhir-server.jar token
...`, valid 60 minutes (the server refuses longer lifetimes: cpis.access.max-token-lifetime, 1 hour), and made
anew after 45 minutes. The report's header says, per session, how much CPU other processes took during the
timed lookups (the machine may be shared) and, on PostgreSQL, how much the server's database backends took.

Usage:
  ./mvnw -B -q package -DskipTests                                    # target/cpis-fhir-server.jar
  ./mvnw -B -q -f benchmark/plain-hapi/pom.xml package                 # benchmark/plain-hapi/target/plain-hapi-server.jar
  scripts/benchmark.py [--children 100000] [--lookups 2000] [--warm-up 400] [--warm-up-max 40000]
                       [--jit-quiet 10] [--per-bundle 100]
                       [--ingest-children 800] [--ingest-clients 4] [--ingest-warm-up 500]
                       [--order plain-off,cpis,plain-default] [--rounds 3]
                       [--work-dir target/benchmark] [--postgres] [--jvm-args '-Xmx768m']
                       [--limited-jvm-args '-Xmx768m']
                       [--cpis-args '--cpis.audit.enabled=false'] [--port 28080]
                       [--cpis-jar target/cpis-fhir-server.jar]
                       [--plain-jar benchmark/plain-hapi/target/plain-hapi-server.jar]
With --limited-jvm-args CP-IS runs a second session, after its first in each round, with those JVM options added
(e.g. a smaller heap), on the same database and children; its own table sets it against CP-IS's first session
(lookups, and ingest of other new children after the same untimed warm-up), to show what the options cost.
With --postgres both servers use PostgreSQL at 127.0.0.1:5432 (user postgres, trust authentication), databases
cpis_bench and plain_bench, created with createdb if missing. While a session runs the script ANALYZEs its database's
changed tables every minute, and before each timed ingest row and the lookups, by autovacuum's rule (it is off on
this machine; without statistics PostgreSQL scans whole index tables for a bundle's identifier checks). Python 3
standard library only.
"""
import argparse
import concurrent.futures
import gzip
import http.client
import json
import os
import pathlib
import platform
import random
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in scripts/
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from cpis_submission import NHS, bundle, unique_nhs_number  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
LOOKUP = "/fhir/Flag?patient.identifier=" + NHS + "%7C{}&_include=Flag:author&_include=Flag:subject&_include=Flag:detail"
FLAG_DETAIL = ROOT / "fhir-profiles" / "package" / "SearchParameter-cpis-flag-detail.json"
SESSIONS = {"plain-off": "plain HAPI, search reuse off", "cpis": "CP-IS",
            "plain-default": "plain HAPI, HAPI's defaults (60 s search reuse)",
            "cpis-limited": "CP-IS with --limited-jvm-args"}
LAS = ["BL" + str(n) for n in range(100, 108)]  # eight LAs share the children, as many LAs do in production
PG = ("127.0.0.1", "5432", "postgres")
TOKEN_MINUTES, TOKEN_RENEW_S = 60, 45 * 60
WARM_UP_ROUND = 1000  # lookups per warm-up round after --warm-up, until the JIT compilers are quiet


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


# --- HTTP ----------------------------------------------------------------------------------------------------

class Client:
    """One keep-alive HTTP connection to a server (one per client thread). GETs are retried once on a connection
    the server closed while idle; POSTs are never retried (a transaction must not be sent twice)."""

    def __init__(self, port, bearer=None):
        self.port, self.bearer, self.connection = port, bearer, None

    def request(self, method, path, body=None, media_type="application/fhir+json"):
        headers = {"Accept": "application/fhir+json"}
        if self.bearer:
            headers["Authorization"] = "Bearer " + self.bearer
        if body is not None:
            headers["Content-Type"] = media_type
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if method != "GET" or attempt == 2:
                    raise

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def port_in_use(port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


# --- Servers -------------------------------------------------------------------------------------------------

class Server:
    """One server JVM on the benchmark's database: start (timed until /fhir/metadata answers), RSS, stop."""

    def __init__(self, opts, session):
        self.opts, self.session = opts, session
        self.kind = "cpis" if session.startswith("cpis") else "plain"
        self.process = self.log_file = None
        self.starts = 0

    def command(self):
        o = self.opts
        java = ["java"] + shlex.split(o.jvm_args)
        if self.session == "cpis-limited":
            java += shlex.split(o.limited_jvm_args)  # after --jvm-args: the JVM takes the last of a repeated option
        if self.kind == "cpis":
            args = java + ["-jar", str(o.cpis_jar), f"--server.port={o.port}", f"--cpis.server.data-directory={o.cpis_data}"]
            if o.postgres:
                # The postgres profile is production-like: it refuses the development key unless told otherwise.
                args += ["--spring.profiles.active=postgres", f"--spring.datasource.url={jdbc('cpis_bench')}",
                         "--cpis.access.production=false", "--cpis.access.allow-development-key=true"]
            return args + shlex.split(o.cpis_args)
        reuse = "0" if self.session == "plain-off" else "60000"
        args = java + ["-jar", str(o.plain_jar), f"--server.port={o.port}", f"--plain.data-directory={o.plain_data}",
                       f"--plain.reuse-cached-search-results-millis={reuse}"]
        if o.postgres:
            args += [f"--spring.datasource.url={jdbc('plain_bench')}", f"--spring.datasource.username={PG[2]}",
                     "--spring.datasource.password="]
        return args

    def start(self):
        if port_in_use(self.opts.port):
            raise SystemExit(f"port {self.opts.port} is already in use: choose another with --port")
        self.starts += 1
        path = self.opts.work_dir / "logs" / f"{self.opts.run_id}-r{self.opts.round}-{self.session}-{self.starts}.log"
        self.log_file = path.open("w")
        started = time.perf_counter()
        # In the work directory: run from the project's, CP-IS would also read its ./config/ (which may differ
        # from what the jar was built with).
        self.process = subprocess.Popen(self.command(), cwd=self.opts.work_dir, stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        probe = Client(self.opts.port)
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.session} server exited with {self.process.returncode}; see {path}")
            try:
                if probe.request("GET", "/fhir/metadata")[0] == 200:
                    break
            except OSError:
                probe.close()
            if time.perf_counter() - started > 900:
                raise SystemExit(f"{self.session} server not ready after 15 minutes; see {path}")
            time.sleep(0.25)
        probe.close()
        self.startup_s = time.perf_counter() - started
        log(f"{self.session}: ready in {self.startup_s:.1f} s, RSS {self.rss_mib()} MiB (log {path})")

    def rss_mib(self):
        for line in pathlib.Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
        return None

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log_file is not None:
            self.log_file.close()
        self.process = self.log_file = None


class Tokens:
    """CP-IS development tokens, made by the jar's token command and kept until they near their expiry."""

    def __init__(self, opts):
        self.opts, self.cache, self.lock = opts, {}, threading.Lock()

    def get(self, role, org, sub, activity=None):
        key = (role, org, sub, activity)
        with self.lock:
            cached = self.cache.get(key)
        if cached and time.time() - cached[1] < TOKEN_RENEW_S:
            return cached[0]
        args = ["java", "-jar", str(self.opts.cpis_jar), "token", "--role", role, "--org", org, "--sub", sub,
                "--minutes", str(TOKEN_MINUTES), "--data-directory", str(self.opts.cpis_data)]
        if activity:
            args += ["--activity", activity]
        minted = time.time()
        value = subprocess.run(args, check=True, capture_output=True, text=True, cwd=self.opts.work_dir).stdout.strip()
        with self.lock:
            self.cache[key] = (value, minted)
        return value

    def local_authorities(self):
        """Makes the LAs' tokens ahead, so that none is made while an ingest is timed."""
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda ods: self.get("local-authority", ods, "benchmark-la-" + ods), LAS))

    def clinicians(self, count):
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            return list(pool.map(lambda i: self.get("clinician", "RXX01", f"benchmark-clinician-{i}", "B0107"),
                                 range(count)))


# --- Data set ------------------------------------------------------------------------------------------------

class DataSet:
    """The bundles both servers get, stored once (gzip) with an index line per bundle: name, LA, NHS numbers."""

    def __init__(self, work_dir):
        self.dir = work_dir / "bundles"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.index = self.dir / "index.tsv"
        self.bundles = []  # (name, ods, [nhs numbers]), in the order they were made
        self.by_name = {}
        if self.index.exists():
            for line in self.index.read_text().splitlines():
                name, ods, numbers = line.split("\t")
                self._remember(name, ods, numbers.split(","))

    def _remember(self, name, ods, numbers):
        self.bundles.append((name, ods, numbers))
        self.by_name[name] = (ods, numbers)

    def children(self, names=None):
        return [n for name, _, numbers in self.bundles if names is None or name in names for n in numbers]

    def add(self, children, per_bundle):
        """Generates bundles for `children` new children; returns their names."""
        issued, names = set(self.children()), []
        while children > 0:
            size = min(per_bundle, children)
            # The LAs take turns: any run of len(LAS) bundles has each LA once, so parallel submitters never
            # create the same LA at once, and a data set of that many bundles has created every LA.
            ods = LAS[len(self.bundles) % len(LAS)]
            body, numbers = bundle(ods, size, issued)
            name = f"{len(self.bundles):06d}"
            with gzip.open(self.dir / f"{name}.json.gz", "wt") as out:
                json.dump(body, out)
            with self.index.open("a") as out:
                out.write(f"{name}\t{ods}\t{','.join(numbers)}\n")
            self._remember(name, ods, numbers)
            names.append(name)
            children -= size
        return names

    def body(self, name):
        return (self.dir / f"{name}.json.gz").read_bytes()

    def ods(self, name):
        return self.by_name[name][0]

    def size(self, name):
        return len(self.by_name[name][1])


class Loaded:
    """The bundles one server's database already holds (a file of names, appended as each is accepted)."""

    def __init__(self, path, fresh_database):
        self.path, self.lock = path, threading.Lock()
        if fresh_database and path.exists():
            path.unlink()
        self.names = set(path.read_text().split()) if path.exists() else set()

    def add(self, name):
        with self.lock:
            self.names.add(name)
            with self.path.open("a") as out:
                out.write(name + "\n")


def post_bundles(opts, server, data, loaded, names, clients, tokens):
    """Posts the bundles by `clients` parallel submitters, each bundle on a new connection; returns (children,
    wall seconds). An LA's first bundle on this server goes alone, before the others: two transactions creating
    the same LA (conditional create) at once would make two of it, or fail, on a plain HAPI server."""
    created, first = {data.ods(name) for name in loaded.names}, []
    for name in names:
        if data.ods(name) not in created:
            created.add(data.ods(name))
            first.append(name)
    queue, lock, failure = [name for name in names if name not in first], threading.Lock(), []
    bodies = {name: gzip.decompress(data.body(name)) for name in names}  # read before the clock starts

    def post(name):
        bearer = None
        if server.kind == "cpis":
            ods = data.ods(name)
            bearer = tokens.get("local-authority", ods, "benchmark-la-" + ods)
        client = Client(opts.port, bearer)
        try:
            status, answer = client.request("POST", "/fhir", bodies[name])
        except OSError as error:
            failure.append(f"bundle {name} to {server.session}: {type(error).__name__}: {error}")
            return
        finally:
            client.close()
        if status != 200:
            failure.append(f"bundle {name} refused by {server.session}: HTTP {status}: {answer[:500]!r}")
            return
        loaded.add(name)

    def submitter():
        while not failure:
            with lock:
                if not queue:
                    return
                name = queue.pop(0)
            post(name)

    start = time.perf_counter()
    for name in first:
        if not failure:
            post(name)
    threads = [threading.Thread(target=submitter) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failure:
        raise SystemExit(failure[0])
    return sum(data.size(n) for n in names), time.perf_counter() - start


def file_ingest(opts, server, data, tokens):
    """CP-IS only: LA files posted to $cpis-submit-file against the same number of new children as bundles, one
    at a time, file and bundle in turn (so that the machine's drift falls on both alike). Each file holds
    --per-bundle rows for one LA (one plan per row, no social worker, as the bundles have none). Returns (rows/s by
    file, children/s by bundle). The children stay in CP-IS's database (not in plain HAPI's)."""
    issued = set(data.children())
    files = max(1, opts.file_rows // opts.per_bundle)
    seconds = {"file": 0.0, "bundle": 0.0}
    counts = {"file": 0, "bundle": 0}
    header = "nhs_number,date_of_birth,plan_type,plan_reference,plan_start,plan_status\r\n"
    for index in range(files):
        ods = LAS[index % len(LAS)]  # every LA is registered: the data set's first bundles created each
        rows = [f"{unique_nhs_number(issued, None)},2016-04-12,CPP,FILE-{opts.run_id}-{index}-{row},2025-01-06,active"
                for row in range(opts.per_bundle)]
        csv = (header + "\r\n".join(rows) + "\r\n").encode()
        body, _ = bundle(ods, opts.per_bundle, issued)
        bodies = {"file": ("/fhir/$cpis-submit-file", csv, "text/csv; charset=utf-8"),
                  "bundle": ("/fhir", json.dumps(body).encode(), "application/fhir+json")}
        for kind, (path, payload, media_type) in bodies.items():
            client = Client(opts.port, tokens.get("local-authority", ods, "benchmark-la-" + ods))
            try:
                start = time.perf_counter()
                status, answer = client.request("POST", path, payload, media_type)
                seconds[kind] += time.perf_counter() - start
            finally:
                client.close()
            if status != 200:
                raise SystemExit(f"{kind} {index} refused by CP-IS: HTTP {status}: {answer[:500]!r}")
            counts[kind] += opts.per_bundle
    return counts["file"] / seconds["file"], counts["bundle"] / seconds["bundle"]


def ensure_flag_detail(opts):
    """Gives the plain server CP-IS's Flag:detail search parameter (as data) and waits until searches know it."""
    client = Client(opts.port)
    if client.request("GET", "/fhir/SearchParameter/cpis-flag-detail")[0] != 200:
        status, answer = client.request("PUT", "/fhir/SearchParameter/cpis-flag-detail", FLAG_DETAIL.read_bytes())
        if status not in (200, 201):
            raise SystemExit(f"plain server refused the Flag:detail SearchParameter: HTTP {status}: {answer[:300]!r}")
    deadline = time.time() + 120
    while client.request("GET", "/fhir/Flag?detail=EpisodeOfCare/none&_count=1")[0] != 200:
        if time.time() > deadline:
            raise SystemExit("the plain server does not know Flag:detail after 2 minutes")
        time.sleep(0.5)
    client.close()


# --- Lookups -------------------------------------------------------------------------------------------------

def lookups(opts, children, bearers, clients, count, seed):
    """`count` lookups of seeded random children spread over `clients` threads, each with its own connection
    (and token, on CP-IS). Returns latencies (s), wall time (s) and the mean entries per answer."""
    rng = random.Random(seed)
    wanted = [rng.choice(children) for _ in range(count)]
    latencies, entries, errors = [], [], []
    lock, ready = threading.Lock(), threading.Barrier(clients + 1)

    def client_thread(index):
        client = Client(opts.port, bearers[index] if bearers else None)
        mine, sizes = [], []
        ready.wait()
        try:
            for nhs in wanted[index::clients]:
                if errors:
                    return
                path = LOOKUP.format(nhs)
                started = time.perf_counter()
                status, body = client.request("GET", path)
                mine.append(time.perf_counter() - started)
                found = json.loads(body) if status == 200 else {}
                resources = [e.get("resource", {}).get("resourceType") for e in found.get("entry", [])]
                if "Flag" not in resources:
                    errors.append(f"HTTP {status} without a Flag for {path}: {body[:300]!r}")
                    return
                sizes.append(len(resources))
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            client.close()
            with lock:
                latencies.extend(mine)
                entries.extend(sizes)

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    ready.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} lookup(s) failed, e.g. {errors[0]}")
    return latencies, wall, sum(entries) / len(entries)


def thread_ticks(pid, names):
    """CPU time (clock ticks) the JVM's threads whose names start with one of `names` have used."""
    ticks = 0
    for task in pathlib.Path(f"/proc/{pid}/task").glob("*"):
        try:
            if (task / "comm").read_text().startswith(names):
                ticks += stat_ticks(task / "stat")
        except OSError:
            continue
    return ticks


def compiler_ticks(pid):
    """CPU time (clock ticks) the JVM's JIT compiler threads (C1, C2 CompilerThread) have used."""
    return thread_ticks(pid, ("C1 Compiler", "C2 Compiler"))


def collector_ticks(pid):
    """CPU time (clock ticks) the garbage collector has used: its worker threads (G1's and Parallel's "GC Thread#n",
    G1's marking, refinement and service threads) and the VM thread, which runs the collections' pauses."""
    return thread_ticks(pid, ("GC Thread", "G1 ", "VM Thread"))


def warm_up(opts, server, pool, bearers):
    """Lookups at 8 clients until the JIT compiler is quiet: --warm-up, then rounds of WARM_UP_ROUND until the
    compiler threads used under --jit-quiet % of one CPU in a round, or --warm-up-max lookups in all. Returns
    (lookups made, the compilers' share of one CPU in the last round, mean entries per answer)."""
    done, count = 0, opts.warm_up
    while True:
        before, started = compiler_ticks(server.process.pid), time.perf_counter()
        _, _, mean_entries = lookups(opts, pool, bearers, 8, count, f"warm-up:{done}:{opts.run_id}")
        wall = time.perf_counter() - started
        share = 100 * (compiler_ticks(server.process.pid) - before) / os.sysconf("SC_CLK_TCK") / wall
        done += count
        if share < opts.jit_quiet or done >= opts.warm_up_max:
            return done, share, mean_entries
        count = min(WARM_UP_ROUND, opts.warm_up_max - done)


def stat_ticks(stat_file):
    """User + system CPU time (clock ticks) in a /proc stat file (a process's or one thread's)."""
    stat = pathlib.Path(stat_file).read_text().rsplit(")", 1)[1].split()
    return int(stat[11]) + int(stat[12])


def process_ticks(pid):
    """CPU time (clock ticks, user + system) a process has used, or 0 if it is gone."""
    try:
        return stat_ticks(f"/proc/{pid}/stat")
    except OSError:
        return 0


class CpuMeter:
    """Where the machine's CPU time went (the machine may be shared): the server JVM, the PostgreSQL backends
    serving its database (their process titles name it), this script, and the rest ("other"), from the busy
    time of all CPUs in /proc/stat."""

    def __init__(self, server_pid, database=None):
        self.pid, self.database = server_pid, database
        self.start = self.sample()

    def database_ticks(self):
        if not self.database:
            return 0
        ticks = 0
        for proc in pathlib.Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    title = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                if title.startswith("postgres: ") and f" {self.database} " in title:
                    ticks += process_ticks(proc.name)
        return ticks

    def sample(self):
        fields = [int(x) for x in pathlib.Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
        total, idle = sum(fields), fields[3] + fields[4]  # idle and iowait
        mine = sum(os.times()[:2]) * os.sysconf("SC_CLK_TCK")
        return (total, total - idle, process_ticks(self.pid), self.database_ticks(), mine,
                collector_ticks(self.pid))

    def used_ms(self):
        """CPU milliseconds since the start: (the server JVM, its PostgreSQL backends)."""
        _, _, server, database, _, _ = (e - s for e, s in zip(self.sample(), self.start))
        tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
        return server * tick_ms, database * tick_ms

    def collector_share(self):
        """The garbage collector's percentage of the server JVM's CPU time since the start."""
        _, _, server, _, _, collector = (e - s for e, s in zip(self.sample(), self.start))
        return 100 * collector / server if server else 0.0

    def shares(self):
        """Percent of all CPUs' time since the start: (database, other processes)."""
        total, busy, server, database, mine, _ = (e - s for e, s in zip(self.sample(), self.start))
        if not total:
            return 0.0, 0.0
        return 100 * database / total, max(0.0, 100 * (busy - server - database - mine) / total)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# --- Databases -----------------------------------------------------------------------------------------------

def jdbc(database):
    return f"jdbc:postgresql://{PG[0]}:{PG[1]}/{database}"


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-h", PG[0], "-p", PG[1], "-U", PG[2], "-d", database, "-tAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


class PlannerStatistics:
    """Keeps a PostgreSQL database's planner statistics current while a session runs, as autovacuum does in
    production: about once a minute (autovacuum_naptime) it ANALYZEs each table changed by more than 50 rows and a
    tenth of its size since its last analysis (autovacuum_analyze_threshold and _scale_factor, PostgreSQL's
    defaults). This machine runs PostgreSQL with autovacuum off; without statistics the planner takes HAPI's
    `HASH_SYS_AND_VALUE IN (...) fetch first n` lookups (a bundle's children and plans by identifier) for a scan of
    the whole token table: measured 2026-12-07, 207 ms each during an ingest against 1.5 ms once analysed. Only the tables
    past the threshold: an ANALYZE of the whole database took some 24 s of PostgreSQL's CPU at 100,000 children,
    more than production's autovacuum spends on a few minutes of lookups. Not a stand-in for VACUUM: the
    benchmark's writes are mostly inserts."""

    STALE = ("SELECT string_agg(format('%I.%I', s.schemaname, s.relname), ', ') FROM pg_stat_user_tables s "
             "JOIN pg_class c ON c.oid = s.relid WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)")

    def __init__(self, database, every_s=60):
        self.database, self.every_s = database, every_s
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def now(self):
        """ANALYZEs the tables past autovacuum's threshold; their names, or '' when none was."""
        stale = psql(self.STALE, self.database)
        if stale:
            psql("ANALYZE " + stale, self.database)
        return stale

    def run(self):
        while not self.stopped.wait(self.every_s):
            try:
                self.now()
            except subprocess.CalledProcessError as e:
                log(f"ANALYZE of {self.database} failed: {e.stderr.strip()}")

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()


class NoStatistics:
    """H2 keeps no planner statistics to refresh."""

    def now(self):
        pass

    def start(self):
        pass

    def stop(self):
        pass


def fresh_postgres_database(name):
    """Creates the database if missing; True if it had to."""
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1":
        return False
    subprocess.run(["createdb", "-h", PG[0], "-p", PG[1], "-U", PG[2], name], check=True)
    log(f"created PostgreSQL database {name}")
    return True


# --- Report --------------------------------------------------------------------------------------------------

def machine():
    memory = next(line.split()[1] for line in pathlib.Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    model = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.machine())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{nproc} CPUs ({model}), {int(memory) / 1024 / 1024:.1f} GiB memory, {java[0] if java else 'java ?'}"


def source_version():
    git = ["git", "-C", str(ROOT)]
    try:
        commit = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(git + ["status", "--porcelain", "--", "src", "pom.xml", "config"],
                               capture_output=True, text=True).stdout.strip()
        return commit + (" with uncommitted changes in src/, pom.xml or config/" if dirty else "")
    except OSError:
        return "unknown"


def report(opts, rounds, ingest, pool_size, header_extra):
    """The table: per row the median over rounds of each server's figure, the ratio of those medians and, with
    several rounds, the lowest and highest ratio of one round's two figures (how much the sitting moved)."""
    def cell(value, unit_format):
        return "n/a" if value is None else unit_format.format(value)

    def ratio(plain, cpis):
        return "n/a" if not plain or cpis is None else f"{cpis / plain:.2f}"

    def median(values):
        measured = [v for v in values if v is not None]
        return statistics.median(measured) if measured else None

    rows = []

    def row(label, plain, cpis, unit_format, table=rows):
        """plain, cpis: one value per round (None where not measured)."""
        spread = ""
        if len(rounds) > 1:
            per_round = [c / p for p, c in zip(plain, cpis) if p and c is not None]
            spread = f" | {min(per_round):.2f}–{max(per_round):.2f}" if len(per_round) > 1 else " | n/a"
        p, c = median(plain), median(cpis)
        table.append(f"| {label} | {cell(p, unit_format)} | {cell(c, unit_format)} | {ratio(p, c)}{spread} |")

    def values(session, key, index=None, scale=1):
        picked = []
        for results in rounds:
            value = results.get(session, {}).get(key)
            picked.append(None if value is None else (value if index is None else value[index]) * scale)
        return picked

    plain_sessions = [s for s in opts.sessions if not s.startswith("cpis")]
    for session in plain_sessions:
        note = "reuse off" if session == "plain-off" else "HAPI defaults, 60 s reuse"
        for clients in (1, 8):
            key = ("lookup", clients)
            what = f"clinician lookup, {clients} client{'s' if clients > 1 else ''} (plain: {note})"
            row(what + ": req/s", values(session, key, 0), values("cpis", key, 0), "{:.1f}")
            row(what + ": p50 ms", values(session, key, 1, 1000), values("cpis", key, 1, 1000), "{:.1f}")
            row(what + ": p99 ms", values(session, key, 2, 1000), values("cpis", key, 2, 1000), "{:.1f}")
            row(what + ": server CPU ms per lookup", values(session, key, 3), values("cpis", key, 3), "{:.2f}")
            row(what + ": garbage collector's % of server CPU", values(session, key, 4), values("cpis", key, 4),
                "{:.1f}")
    for clients in (1, opts.ingest_clients):
        label = f"LA ingest, {'1 submitter (one bundle at a time)' if clients == 1 else f'{clients} parallel submitters'}"
        # Timed once per server, in the first round.
        row(label + ": children/s", [ingest.get("plain", {}).get(clients)], [ingest.get("cpis", {}).get(clients)],
            "{:.1f}")
        cpu = [ingest.get(kind, {}).get(("cpu", clients)) for kind in ("plain", "cpis")]
        row(label + ": server CPU ms per child", *([c and c[0]] for c in cpu), "{:.2f}")
        row(label + ": garbage collector's % of server CPU",
            *([ingest.get(kind, {}).get(("collector", clients))] for kind in ("plain", "cpis")), "{:.1f}")
        if opts.postgres:
            row(label + ": PostgreSQL CPU ms per child", *([c and c[1]] for c in cpu), "{:.2f}")
    if "file" in ingest:
        by_file, by_bundle = ingest["file"]
        rows.append(f"| LA file ($cpis-submit-file), 1 submitter, {opts.per_bundle} rows a file: rows/s, against "
                    f"the same children as CP-IS bundles (CP-IS only) | {by_bundle:.1f} (bundles) | {by_file:.1f} "
                    f"(files) | {by_file / by_bundle:.2f} |" + (" n/a |" if len(rounds) > 1 else ""))
    for session in plain_sessions:
        note = "reuse off" if session == "plain-off" else "HAPI defaults"
        row(f"start-up to ready, restart on the loaded database, s (plain: {note})",
            values(session, "startup"), values("cpis", "startup"), "{:.1f}")
        row(f"resident memory after start, MiB (plain: {note})", values(session, "rss_start"),
            values("cpis", "rss_start"), "{:.0f}")
        row(f"resident memory after the lookups, MiB (plain: {note})", values(session, "rss_end"),
            values("cpis", "rss_end"), "{:.0f}")

    # CP-IS against itself with other JVM options (a smaller heap): same rows, its own table.
    limited = []
    if "cpis-limited" in opts.sessions:
        for clients in (1, 8):
            key = ("lookup", clients)
            what = f"clinician lookup, {clients} client{'s' if clients > 1 else ''}"
            row(what + ": req/s", values("cpis", key, 0), values("cpis-limited", key, 0), "{:.1f}", limited)
            row(what + ": p99 ms", values("cpis", key, 2, 1000), values("cpis-limited", key, 2, 1000), "{:.1f}", limited)
            row(what + ": server CPU ms per lookup", values("cpis", key, 3), values("cpis-limited", key, 3), "{:.2f}",
                limited)
            row(what + ": garbage collector's % of server CPU", values("cpis", key, 4), values("cpis-limited", key, 4),
                "{:.1f}", limited)
        for clients in (1, opts.ingest_clients):
            label = f"LA ingest, {'1 submitter' if clients == 1 else f'{clients} parallel submitters'}"
            row(label + ": children/s", [ingest.get("cpis", {}).get(clients)],
                [ingest.get("cpis-limited", {}).get(clients)], "{:.1f}", limited)
            row(label + ": garbage collector's % of server CPU", [ingest.get("cpis", {}).get(("collector", clients))],
                [ingest.get("cpis-limited", {}).get(("collector", clients))], "{:.1f}", limited)
        row("start-up to ready, s", values("cpis", "startup"), values("cpis-limited", "startup"), "{:.1f}", limited)
        row("resident memory after the lookups, MiB", values("cpis", "rss_end"), values("cpis-limited", "rss_end"),
            "{:.0f}", limited)
        limited = ["", f"CP-IS against itself with `{opts.limited_jvm_args}` added to its JVM options (same database, "
                   "same children; ingest of other new children, after the same untimed warm-up):", "",
                   f"| work | CP-IS | CP-IS, {opts.limited_jvm_args} | ratio |" + (" per-round ratios |" if len(rounds) > 1 else ""),
                   "|---|---|---|---|" + ("---|" if len(rounds) > 1 else "")] + limited

    database = ("PostgreSQL " + psql("SHOW server_version") + f" at {PG[0]}:{PG[1]} (cpis_bench, plain_bench)"
                if opts.postgres else "H2 (embedded file databases in the work directory)")
    lines = [f"## CP-IS vs plain HAPI FHIR 8.8.0 JPA ({time.strftime('%Y-%m-%d %H:%M %Z')})", "",
             f"- machine: {machine()}; load average at start {opts.load_at_start}, at end "
             f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
             + (" (**other work shared the CPUs during the lookups: the figures are rough**)"
                if max(r.get("other_cpu", 0) for results in rounds for r in results.values()) > 10 else ""),
             f"- database: {database}",
             f"- data: {pool_size} flagged children in both servers looked up at random; {opts.lookups} timed "
             f"lookups per row after at least {opts.warm_up} warm-up lookups (until the JIT compilers took under "
             f"{opts.jit_quiet:g} % of one CPU in 1,000, at most {opts.warm_up_max}); ingest {opts.ingest_children} new children "
             f"per ingest row, bundles of {opts.per_bundle}",
             f"- order: {','.join(opts.sessions)}, {len(rounds)} round(s) (ingest timed in the first); JVM args: "
             f"{opts.jvm_args or '(none)'}; CP-IS args: "
             f"{opts.cpis_args or '(none)'}",
             f"- project working tree: {source_version()}; jars: {opts.cpis_jar_source} ({opts.cpis_jar_time}), "
             f"{opts.plain_jar_source} ({opts.plain_jar_time})"] + header_extra + [
             "- ratio = CP-IS / plain HAPI: for req/s and children/s below 1 means CP-IS is slower; for ms, s and "
             "MiB above 1 means CP-IS takes longer or more"
             + ("; figures are medians over the rounds, and the last column the lowest and highest ratio within one "
                "round" if len(rounds) > 1 else ""), "",
             "| work | plain HAPI | CP-IS | ratio |" + (" per-round ratios |" if len(rounds) > 1 else ""),
             "|---|---|---|---|" + ("---|" if len(rounds) > 1 else "")] + rows + limited
    return "\n".join(lines)


# --- Run -----------------------------------------------------------------------------------------------------

def session_run(opts, session, data, pool, loaded, tokens, ingest, run_ingest, results, notes):
    server = Server(opts, session)
    result = results.setdefault(session, {})
    result["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    database = ("cpis" if server.kind == "cpis" else "plain") + "_bench"
    planner = PlannerStatistics(database) if opts.postgres else NoStatistics()
    try:
        planner.start()
        server.start()
        if server.kind == "plain":
            ensure_flag_detail(opts)
        else:
            tokens.local_authorities()
        missing = [name for name, _, _ in data.bundles
                   if name not in loaded[server.kind].names and name not in run_ingest["all"]]
        timed = run_ingest["limited"] if session == "cpis-limited" else run_ingest["shared"]
        if missing:
            children, wall = post_bundles(opts, server, data, loaded[server.kind], missing, opts.ingest_clients, tokens)
            log(f"{session}: loaded {children} children in {wall:.0f} s ({children / wall:.1f}/s); restarting")
            server.stop()
            server.start()
        result["startup"], result["rss_start"] = server.startup_s, server.rss_mib()

        key = session if session == "cpis-limited" else server.kind
        if key not in ingest:
            ingest[key] = {}
            if server.kind == "cpis":
                tokens.local_authorities()  # renews any made more than 45 minutes ago, before the clock starts
            if timed["warm"]:
                # Untimed: the first transactions after a start pay for the JIT compiler (CP-IS: its validator too).
                post_bundles(opts, server, data, loaded[server.kind], timed["warm"], 1, tokens)
            for clients, names in ((1, timed["one"]), (opts.ingest_clients, timed["many"])):
                if names:
                    planner.now()  # each timed row starts from current statistics, whatever the minute's tick
                    meter = CpuMeter(server.process.pid, database if opts.postgres else None)
                    children, wall = post_bundles(opts, server, data, loaded[server.kind], names, clients, tokens)
                    ingest[key][clients] = children / wall
                    # CPU a child, steadier than the rate on a shared machine: (server JVM, its database backends).
                    ingest[key][("cpu", clients)] = tuple(ms / children for ms in meter.used_ms())
                    ingest[key][("collector", clients)] = meter.collector_share()
                    log(f"{session}: ingest, {clients} submitter(s): {children} children in {wall:.1f} s, "
                        f"{children / wall:.1f} children/s")
            if session == "cpis" and opts.file_rows > 0:
                ingest["file"] = file_ingest(opts, server, data, tokens)
                log(f"{session}: LA files: {ingest['file'][0]:.1f} rows/s; the same as bundles: "
                    f"{ingest['file'][1]:.1f} children/s")

        # Current statistics for the lookups too: without them PostgreSQL plans the NHS-number chain as a scan of
        # every Flag's subject link.
        planner.now()
        bearers = tokens.clinicians(8) if server.kind == "cpis" else None
        warmed, jit_share, mean_entries = warm_up(opts, server, pool, bearers)
        result["warm_up"] = warmed
        log(f"{session}: warmed up with {warmed} lookups; JIT compilers {jit_share:.0f} % of one CPU in the last round")
        meter = CpuMeter(server.process.pid, database if opts.postgres else None)
        for clients in (1, 8):
            cpu, row_meter = time.process_time(), CpuMeter(server.process.pid)
            latencies, wall, _ = lookups(opts, pool, bearers, clients, opts.lookups, f"lookups:{clients}:{opts.run_id}")
            cpu = time.process_time() - cpu
            # The server JVM's CPU time per lookup (all its threads: requests, JIT, GC, H2's writer): less moved by
            # the machine's drift than the rate, though not by CPU time other guests of the host take.
            server_ms = row_meter.used_ms()[0] / len(latencies)
            rate, p50, p99 = len(latencies) / wall, percentile(latencies, 50), percentile(latencies, 99)
            result[("lookup", clients)] = (rate, p50, p99, server_ms, row_meter.collector_share())
            log(f"{session}: {clients} client(s): {rate:.1f} lookups/s, p50 {p50 * 1000:.1f} ms, "
                f"p99 {p99 * 1000:.1f} ms (benchmark client CPU {cpu:.2f} s of {wall:.1f} s)")
        result["rss_end"] = server.rss_mib()
        result["database_cpu"], result["other_cpu"] = meter.shares()
        notes.append(f"- {SESSIONS[session]}: {mean_entries:.1f} resources per lookup answer; warmed up with {warmed} "
                     f"lookups (JIT compilers {jit_share:.0f} % of one CPU at the end); load average before the "
                     f"session {result['load']}; during its timed lookups "
                     + (f"its PostgreSQL backends used {result['database_cpu']:.0f} % and " if opts.postgres else "")
                     + f"other processes {result['other_cpu']:.0f} % of the machine's CPU time")
    finally:
        server.stop()
        planner.stop()


def copy_jar(source, target):
    if not source.exists():
        raise SystemExit(f"{source} is missing; build it first (see --help)")
    if not target.exists() or target.stat().st_mtime != source.stat().st_mtime or target.stat().st_size != source.stat().st_size:
        shutil.copy2(source, target)
    return target


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--children", type=int, default=100_000, help="children in the data set (at least)")
    args.add_argument("--lookups", type=int, default=2000, help="timed lookups per row")
    args.add_argument("--warm-up", type=int, default=400,
                      help="lookups (8 clients) before timing, per session, at least")
    args.add_argument("--warm-up-max", type=int, default=40000,
                      help="lookups (8 clients) before timing, per session, at most")
    args.add_argument("--jit-quiet", type=float, default=10.0,
                      help="warm up until the JIT compiler threads used under this %% of one CPU in a round")
    args.add_argument("--per-bundle", type=int, default=100, help="children per transaction bundle")
    args.add_argument("--ingest-children", type=int, default=800, help="new children per timed ingest row")
    args.add_argument("--ingest-clients", type=int, default=4, help="parallel submitters (ingest and loading)")
    args.add_argument("--ingest-warm-up", type=int, default=500, help="new children posted untimed before the ingest rows")
    args.add_argument("--file-rows", type=int, default=10_000,
                      help="rows sent as LA CSV files to CP-IS (and as many children as bundles, in turn); 0: none")
    args.add_argument("--order", default="plain-off,cpis,plain-default", help="sessions, one server at a time")
    args.add_argument("--rounds", type=int, default=1,
                      help="times the sessions of --order run in turn (each a restart, a warm-up and the lookups)")
    args.add_argument("--work-dir", type=pathlib.Path, default=ROOT / "target" / "benchmark")
    args.add_argument("--postgres", action="store_true", help="PostgreSQL at 127.0.0.1:5432 instead of H2")
    args.add_argument("--jvm-args", default="", help="JVM options for both servers, e.g. -Xmx768m")
    args.add_argument("--limited-jvm-args", default="",
                      help="adds a session: CP-IS again with these JVM options too (e.g. -Xmx768m), set against CP-IS")
    args.add_argument("--cpis-args", default="", help="extra CP-IS arguments, e.g. --cpis.audit.enabled=false")
    args.add_argument("--port", type=int, default=28080, help="port each server listens on, in turn")
    args.add_argument("--cpis-jar", type=pathlib.Path, default=ROOT / "target" / "cpis-fhir-server.jar")
    args.add_argument("--plain-jar", type=pathlib.Path,
                      default=ROOT / "benchmark" / "plain-hapi" / "target" / "plain-hapi-server.jar")
    # Their values start with '-', which argparse would take for options: join "--jvm-args -Xmx768m" into one.
    argv, joined = sys.argv[1:], []
    while argv:
        word = argv.pop(0)
        joined.append(f"{word}={argv.pop(0)}" if word in ("--jvm-args", "--cpis-args", "--limited-jvm-args") and argv
                      else word)
    opts = args.parse_args(joined)
    opts.sessions = opts.order.split(",")
    if opts.limited_jvm_args and "cpis-limited" not in opts.sessions:
        opts.sessions.append("cpis-limited")
    if any(s not in SESSIONS for s in opts.sessions) or len(set(opts.sessions)) != len(opts.sessions) \
            or "cpis" not in opts.sessions or len([s for s in opts.sessions if not s.startswith("cpis")]) < 1:
        raise SystemExit(f"--order: cpis and at least one of plain-off, plain-default, each once (got {opts.order})")
    if ("cpis-limited" in opts.sessions) != bool(opts.limited_jvm_args):
        raise SystemExit("the cpis-limited session runs with --limited-jvm-args, which it needs")
    if opts.lookups < 8 or opts.warm_up < 8:
        raise SystemExit("--lookups and --warm-up must be at least 8")
    if opts.ingest_clients < 2:
        raise SystemExit("--ingest-clients must be at least 2 (one submitter is always measured)")

    opts.work_dir = opts.work_dir.resolve()
    for sub in ("logs", "jars"):
        (opts.work_dir / sub).mkdir(parents=True, exist_ok=True)
    opts.run_id = time.strftime("%Y%m%d-%H%M%S")
    opts.load_at_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    opts.cpis_data, opts.plain_data = opts.work_dir / "cpis-data", opts.work_dir / "plain-data"
    opts.cpis_jar_source, opts.plain_jar_source = opts.cpis_jar.resolve(), opts.plain_jar.resolve()
    opts.cpis_jar_time = time.strftime("%Y-%m-%d %H:%M", time.localtime(opts.cpis_jar_source.stat().st_mtime)) \
        if opts.cpis_jar_source.exists() else "?"
    opts.plain_jar_time = time.strftime("%Y-%m-%d %H:%M", time.localtime(opts.plain_jar_source.stat().st_mtime)) \
        if opts.plain_jar_source.exists() else "?"
    opts.cpis_jar = copy_jar(opts.cpis_jar_source, opts.work_dir / "jars" / "cpis-fhir-server.jar")
    opts.plain_jar = copy_jar(opts.plain_jar_source, opts.work_dir / "jars" / "plain-hapi-server.jar")

    database = "postgres" if opts.postgres else "h2"
    if opts.postgres:
        fresh = {"cpis": fresh_postgres_database("cpis_bench"), "plain": fresh_postgres_database("plain_bench")}
    else:
        fresh = {"cpis": not (opts.cpis_data / "h2" / "cpis.mv.db").exists(),
                 "plain": not (opts.plain_data / "h2" / "plain.mv.db").exists()}
    loaded = {kind: Loaded(opts.work_dir / f"loaded-{kind}-{database}.txt", fresh[kind]) for kind in ("cpis", "plain")}

    data = DataSet(opts.work_dir)
    have = len(data.children())
    if have < opts.children:
        log(f"generating bundles for {opts.children - have} children")
        data.add(opts.children - have, opts.per_bundle)
    pool = data.children()  # looked up: every child both servers hold before this run's timed ingest
    def new_ingest():
        return {"warm": data.add(max(opts.ingest_warm_up, 1), opts.per_bundle),
                "one": data.add(opts.ingest_children, opts.per_bundle),
                "many": data.add(opts.ingest_children, opts.per_bundle)}
    # Both servers ingest the same new children; CP-IS with --limited-jvm-args other ones, into its database only.
    run_ingest = {"shared": new_ingest(), "limited": new_ingest() if "cpis-limited" in opts.sessions else {}}
    run_ingest["all"] = {name for sets in ("shared", "limited") for names in run_ingest[sets].values() for name in names}
    (opts.work_dir / "children.txt").write_text("\n".join(data.children()) + "\n")
    log(f"{len(pool)} children in the data set; {database}; order {','.join(opts.sessions)}; work directory {opts.work_dir}")

    tokens, ingest, rounds, notes = Tokens(opts), {}, [], []
    for number in range(1, opts.rounds + 1):
        results = {}
        rounds.append(results)
        opts.round = number
        for session in opts.sessions:
            log(f"--- round {number} of {opts.rounds}: {SESSIONS[session]}")
            session_run(opts, session, data, pool, loaded, tokens, ingest, run_ingest, results, notes)

    text = report(opts, rounds, ingest, len(pool), notes)
    (opts.work_dir / "results.md").write_text(text + "\n")
    print()
    print(text)


if __name__ == "__main__":
    sys.exit(main())
