#!/usr/bin/env python3
"""Two CP-IS nodes on one PostgreSQL database behind HAProxy: the production shape, checked end to end.

Starts two server processes (the packaged jar, `postgres` profile) on a fresh database, and HAProxy (Debian's) in
front of them, routing to nodes whose readiness probe is UP. Then checks, and prints, what an operator relies on:

  1. a submission stored through one node is seen at once by a lookup on the other;
  2. two submissions racing with two plans of one type for one child, one to each node, leave one active plan;
  3. retention started on both nodes at once removes each expired plan once (one run; the other node's answer is
     409, or it finds nothing left);
  4. a rolling restart (each node in turn: SIGTERM, graceful shutdown, start, ready) under a steady lookup load
     through HAProxy answers every lookup (0 failed);
  5. a node killed with SIGKILL during lookups loses no AuditEvent of an answered lookup;
  7. (counted across 4 and 5) each access notification of those lookups reaches the LA's rest-hook endpoint (a
     receiver this script runs) once: one never delivered, or delivered twice, fails the check (a notification's
     stored change leaves the database only in the transaction that delivers it, so a node killed mid-delivery
     leaves it for the other node); a node stopped after the LA answered but before that commit has it delivered
     again (at least once, same Communication id and version): at most one per stopped node, as each node delivers
     one at a time, and more fails the check;
  6. PostgreSQL stopped for 10 s during lookups: each request fails fast with 503 (from a node, or from HAProxy while no
     node is ready) and lookups succeed again afterwards without restarting a node (--no-database-restart skips it).

Exit status 0 when every check held. Needs: java, haproxy, PostgreSQL at 127.0.0.1:5432 (trust auth, user
postgres), target/cpis-fhir-server.jar. Python standard library only.

    scripts/two_nodes.py [--jar target/cpis-fhir-server.jar] [--work-dir target/two-nodes] [--database cpis_nodes]
"""
import argparse
import http.server
import concurrent.futures
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from cpis_submission import NHS, PLAN, bundle, unique_nhs_number  # noqa: E402

PORTS = {"node-a": 18081, "node-b": 18082}
BALANCER = 18080
RECEIVER = 18090
ODS = "TN001"


def log(message):
    print(time.strftime("%H:%M:%S"), message, flush=True)


def psql(sql, database="postgres"):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def parsed(text):
    """An answer's body: parsed JSON, else the text (e.g. Prometheus metrics); None when empty."""
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def call(method, url, token=None, body=None, media_type="application/fhir+json", timeout=60):
    """(status, parsed JSON or text) of one request; a refused connection is status 0."""
    request = urllib.request.Request(url, method=method, data=body.encode() if isinstance(body, str) else body)
    if "/fhir" in url:
        request.add_header("Accept", "application/fhir+json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", media_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, parsed(answer.read().decode(errors="replace"))
    except urllib.error.HTTPError as refused:
        return refused.code, parsed(refused.read().decode(errors="replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as failed:
        return 0, str(failed)


class Node:
    def __init__(self, opts, name):
        self.opts, self.name, self.port, self.process = opts, name, PORTS[name], None

    def start(self):
        log_file = (self.opts.work_dir / f"{self.name}.log").open("a")
        env = dict(os.environ, CPIS_DB_URL=f"jdbc:postgresql://127.0.0.1:5432/{self.opts.database}",
                   CPIS_NODE_NAME=self.name)
        self.process = subprocess.Popen(
            ["java", "-jar", str(self.opts.jar), "--spring.profiles.active=postgres", f"--server.port={self.port}",
             f"--cpis.server.data-directory={self.opts.work_dir / 'data'}", "--cpis.access.allow-development-key=true",
             "--cpis.retention.schedule-enabled=false",
             f"--cpis.notification.endpoint-url-pattern=^(https://.+|http://127\\.0\\.0\\.1:{RECEIVER}/.*)$"],
            stdout=log_file, stderr=subprocess.STDOUT, env=env)
        started = time.time()
        while time.time() - started < 240:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited at start; see {self.opts.work_dir / (self.name + '.log')}")
            if call("GET", f"http://127.0.0.1:{self.port}/actuator/health/readiness", timeout=5)[0] == 200:
                log(f"{self.name} ready in {time.time() - started:.1f} s")
                return
            time.sleep(1)
        raise SystemExit(f"{self.name} not ready after 240 s")

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=90)


def balancer(opts):
    config = opts.work_dir / "haproxy.cfg"
    config.write_text(f"""global
    maxconn 256
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A request whose connection a stopping or dead node refuses goes to the other node (before any byte is sent).
    retries 3
    retry-on conn-failure empty-response response-timeout
    option redispatch
frontend cpis
    bind 127.0.0.1:{BALANCER}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server inter 500ms fall 1 rise 2
""" + "".join(f"    server {name} 127.0.0.1:{port} check\n" for name, port in PORTS.items()))
    return subprocess.Popen(["haproxy", "-f", str(config)], stdout=(opts.work_dir / "haproxy.log").open("w"),
                            stderr=subprocess.STDOUT)


class Receiver:
    """The LA's notification endpoint: counts each Communication it is sent, by id."""

    def __init__(self):
        received, lock = {}, threading.Lock()
        self.received, self.lock = received, lock

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    resource = json.loads(body)
                except ValueError:
                    resource = {}
                if resource.get("resourceType") == "Communication":
                    with lock:
                        received[resource["id"]] = received.get(resource["id"], 0) + 1
                self.send_response(200)
                self.end_headers()

            do_PUT = do_POST  # HAPI's rest-hook sends each resource as an update to <endpoint>/Communication/<id>

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", RECEIVER), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def counts(self):
        with self.lock:
            return dict(self.received)

    def close(self):
        self.server.shutdown()


def subscribe(la, admin):
    """The LA's rest-hook subscription to its notifications, active once the server says so; returns the id of the
    LA's Organization (found by the operator: an LA may not search Organizations)."""
    status, found = call("GET", f"http://127.0.0.1:{BALANCER}/fhir/Organization?identifier="
                                f"https://fhir.nhs.uk/Id/ods-organization-code%7C{ODS}", admin)
    organisation = found["entry"][0]["resource"]["id"]
    subscription = {"resourceType": "Subscription", "status": "requested", "reason": "two-node delivery check",
                    "criteria": f"Communication?recipient=Organization/{organisation}",
                    "channel": {"type": "rest-hook", "endpoint": f"http://127.0.0.1:{RECEIVER}/cpis-inbox",
                                "payload": "application/fhir+json"}}
    status, created = call("POST", f"http://127.0.0.1:{BALANCER}/fhir/Subscription", la, json.dumps(subscription))
    if status != 201:
        raise SystemExit(f"the LA could not subscribe: HTTP {status} {str(created)[:300]}")
    deadline = time.time() + 60
    while time.time() < deadline:
        if call("GET", f"http://127.0.0.1:{BALANCER}/fhir/Subscription/{created['id']}", la)[1].get("status") == "active":
            return organisation
        time.sleep(1)
    raise SystemExit("the LA's subscription did not become active in 60 s")


def stored_notifications(la, organisation):
    """How many notifications the server holds for the LA (None if it did not answer)."""
    status, answer = call("GET", f"http://127.0.0.1:{BALANCER}/fhir/Communication?recipient=Organization/"
                                 f"{organisation}&_summary=count", la)
    return answer.get("total") if status == 200 else None


def changes_waiting(admin):
    """Stored changes (notifications) waiting for delivery on the nodes together, from the operator's metric (None
    if no node answered)."""
    status, text = call("GET", f"http://127.0.0.1:{BALANCER}/actuator/prometheus", admin, timeout=30)
    for line in text.splitlines() if status == 200 and isinstance(text, str) else []:
        if line.startswith("cpis_notification_waiting"):
            return int(float(line.rsplit(" ", 1)[1]))
    return None


def token(opts, role, org, sub, activity=None):
    command = ["java", "-jar", str(opts.jar), "token", "--role", role, "--org", org, "--sub", sub, "--minutes", "60",
               "--data-directory", str(opts.work_dir / "data")]
    if activity:
        command += ["--activity", activity]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def flags(port, clinician, nhs):
    status, answer = call("GET", f"http://127.0.0.1:{port}/fhir/Flag?patient.identifier={NHS}%7C{nhs}", clinician)
    if status != 200:
        raise SystemExit(f"lookup on port {port}: HTTP {status}: {str(answer)[:300]}")
    return [e["resource"] for e in answer.get("entry", []) if e["resource"]["resourceType"] == "Flag"]


def child_bundle(nhs, plan_id, start="2025-01-06", end=None):
    """One child's submission for the test LA, its plan and flag keyed by plan_id (ended when `end` is given)."""
    body, _ = bundle(ODS, 1, {nhs})
    for entry in body["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Patient":
            resource["identifier"][0]["value"] = nhs
            entry["request"]["ifNoneExist"] = f"identifier={NHS}|{nhs}"
        if resource["resourceType"] in ("EpisodeOfCare", "Flag"):
            resource["identifier"] = [{"system": PLAN, "value": plan_id}]
            entry["request"]["url"] = f"{resource['resourceType']}?identifier={PLAN}|{plan_id}"
            resource["period"] = {"start": start, **({"end": end} if end else {})}
            if end:
                resource["status"] = "finished" if resource["resourceType"] == "EpisodeOfCare" else "inactive"
    return json.dumps(body)


def main():
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--jar", type=pathlib.Path, default=ROOT / "target" / "cpis-fhir-server.jar")
    args.add_argument("--work-dir", type=pathlib.Path, default=ROOT / "target" / "two-nodes")
    args.add_argument("--database", default="cpis_nodes")
    args.add_argument("--no-database-restart", action="store_true", help="skip check 6 (restarts PostgreSQL)")
    opts = args.parse_args()
    for tool in ("java", "haproxy", "psql"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (haproxy: apt-get install haproxy)")
    if opts.work_dir.exists():
        shutil.rmtree(opts.work_dir)
    opts.work_dir.mkdir(parents=True)
    psql(f"DROP DATABASE IF EXISTS {opts.database}")
    psql(f"CREATE DATABASE {opts.database}")

    nodes = {name: Node(opts, name) for name in PORTS}
    proxy, failures, figures = None, [], []
    try:
        nodes["node-a"].start()  # alone first: it creates the schema and installs the package
        nodes["node-b"].start()
        proxy = balancer(opts)
        la = token(opts, "local-authority", ODS, "la-system")
        admin = token(opts, "admin", "X26", "operator")
        clinician = token(opts, "clinician", "RXX01", "ed-clinician", "B0107")
        time.sleep(2)

        # 1. Written on one node, seen on the other at once.
        nhs = unique_nhs_number(set(), None)
        status, answer = call("POST", f"http://127.0.0.1:{PORTS['node-a']}/fhir", la, child_bundle(nhs, "P-" + nhs))
        seen = len(flags(PORTS["node-b"], clinician, nhs)) if status == 200 else 0
        figures.append(f"1. submitted on node-a (HTTP {status}); node-b's lookup right after found {seen} flag(s)")
        if status != 200 or seen != 1:
            failures.append("1: a submission on one node was not seen by the other at once")

        # 2. Racing plans of one type for one child, one submission to each node.
        racing_statuses, active_counts = [], []
        for round_number in range(5):
            nhs = unique_nhs_number(set(), None)
            call("POST", f"http://127.0.0.1:{PORTS['node-a']}/fhir", la,
                 child_bundle(nhs, f"OLD-{nhs}", "2024-01-06", "2024-06-01"))
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                answers = list(pool.map(lambda port: call("POST", f"http://127.0.0.1:{port}/fhir", la,
                                                          child_bundle(nhs, f"P{port}-{nhs}"))[0], PORTS.values()))
            racing_statuses.append(answers)
            active_counts.append(sum(1 for f in flags(PORTS["node-a"], clinician, nhs) if f["status"] == "active"))
        figures.append(f"2. racing submissions (node-a, node-b) answered {racing_statuses}; active plans per child "
                       f"{active_counts}")
        if any(count != 1 for count in active_counts):
            failures.append("2: racing submissions across nodes left a child without exactly one active plan")

        # 3. Retention on both nodes at once removes each expired plan once.
        expired = 5
        for _ in range(expired):
            nhs = unique_nhs_number(set(), None)
            call("POST", f"http://127.0.0.1:{PORTS['node-b']}/fhir", la,
                 child_bundle(nhs, f"EXP-{nhs}", "2023-01-06", "2024-06-01"))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda port: call("POST", f"http://127.0.0.1:{port}/fhir/$cpis-apply-retention",
                                                   admin, '{"resourceType":"Parameters"}'), PORTS.values()))
        removed = [sum(p["valueInteger"] for p in answer["parameter"] if p["name"] == "plans") if status == 200 else None
                   for status, answer in runs]
        # The racing rounds' ended plans (2024) are past retention too.
        due = expired + 5
        figures.append(f"3. retention on both nodes at once: HTTP {[s for s, _ in runs]}, plans removed {removed} "
                       f"(due: {due})")
        if sum(r or 0 for r in removed) != due:
            failures.append("3: retention on two nodes at once did not remove each expired plan exactly once")

        # 4 and 5: lookups through the balancer while the nodes restart, then while one is killed; 7: their
        # notifications, delivered to the LA's endpoint.
        receiver = Receiver()
        organisation = subscribe(la, admin)
        # The lookups of checks 1 and 2 notified the same LA before it subscribed: not counted in check 7.
        before = stored_notifications(la, organisation)
        nhs = unique_nhs_number(set(), None)
        call("POST", f"http://127.0.0.1:{BALANCER}/fhir", la, child_bundle(nhs, "LOAD-" + nhs))
        for check, action in (("4. rolling restart", "restart"), ("5. node-a killed (SIGKILL) and restarted", "kill")):
            user = f"load-{action}-{uuid.uuid4().hex[:6]}"
            load_token = token(opts, "clinician", "RXX01", user, "B0107")
            stop, results = threading.Event(), {"ok": 0, "failed": 0, "errors": []}

            def load():
                while not stop.is_set():
                    status, answer = call("GET", f"http://127.0.0.1:{BALANCER}/fhir/Flag?patient.identifier="
                                                 f"{NHS}%7C{nhs}", load_token, timeout=30)
                    if status == 200:
                        results["ok"] += 1
                    else:
                        results["failed"] += 1
                        results["errors"].append(f"{status}: {str(answer)[:120]}")
            threads = [threading.Thread(target=load) for _ in range(2)]
            for thread in threads:
                thread.start()
            time.sleep(3)
            if action == "restart":
                for name in PORTS:
                    nodes[name].stop(signal.SIGTERM)
                    log(f"{name} stopped (graceful)")
                    nodes[name].start()
                    time.sleep(2)  # the balancer's checks see it ready (rise 2 x 500 ms)
            else:
                nodes["node-a"].stop(signal.SIGKILL)
                log("node-a killed")
                time.sleep(5)
                nodes["node-a"].start()
            time.sleep(3)
            stop.set()
            for thread in threads:
                thread.join()
            status, answer = call("GET", f"http://127.0.0.1:{BALANCER}/fhir/AuditEvent?agent-identifier={user}"
                                         f"&_summary=count", token(opts, "auditor", "X26", "auditor"))
            audited = answer.get("total") if status == 200 else None
            figures.append(f"{check} under load: {results['ok']} lookups answered, {results['failed']} failed"
                           f"{' (' + '; '.join(results['errors'][:3]) + ')' if results['errors'] else ''}; "
                           f"{audited} AuditEvents of that user")
            if action == "restart" and results["failed"]:
                failures.append("4: lookups failed during the rolling restart")
            if audited is None or audited < results["ok"]:
                failures.append(f"{check[0]}: an answered lookup has no AuditEvent")
        # 7. Each notification of those lookups delivered once: wait until none has arrived for a minute (an endpoint
        # that refused a delivery is left alone 5 s, then 10, 20, ...), or for 10 s once every one stored has arrived
        # (a repeat comes within a pass or two).
        stored = stored_notifications(la, organisation)
        stored = stored - before if stored is not None and before is not None else None
        last, quiet_since = None, time.time()
        while time.time() - quiet_since < (10 if stored is not None and len(receiver.counts()) >= stored else 60):
            now = sum(receiver.counts().values())
            if now != last:
                last, quiet_since = now, time.time()
            time.sleep(1)
        counts = receiver.counts()
        waiting = changes_waiting(admin)
        duplicates = sum(1 for n in counts.values() if n > 1)
        missing = (stored - len(counts)) if stored is not None else None
        figures.append(f"7. notifications of checks 4 and 5: {stored} stored for the LA since it subscribed, {len(counts)} delivered, "
                       f"{duplicates} delivered more than once, {missing} never delivered; {waiting} changes still in "
                       f"HAPI's store")
        # Each node's delivery pass sends one notification at a time, so a node stopped between the LA's answer and
        # the commit repeats at most that one: three stops here (two graceful, one SIGKILL).
        if stored is None or len(counts) > stored or any(n > 2 for n in counts.values()) or duplicates > 3:
            failures.append("7: notifications were delivered to the LA's endpoint more often than the node stops "
                            "explain")
        if stored is None or missing:
            failures.append("7: a stored notification never reached the LA's endpoint"
                            + (" (still stored: not delivered within a minute)" if waiting else
                               " (none left in the store: lost)" if waiting == 0 else ""))
        receiver.close()

        # 6. The database restarts under load: fast 503s, then recovery without restarting a node.
        if not opts.no_database_restart:
            user = f"load-db-{uuid.uuid4().hex[:6]}"
            load_token = token(opts, "clinician", "RXX01", user, "B0107")
            stop, outcomes = threading.Event(), []

            def db_load():
                while not stop.is_set():
                    started = time.time()
                    status, _ = call("GET", f"http://127.0.0.1:{BALANCER}/fhir/Flag?patient.identifier={NHS}%7C{nhs}",
                                     load_token, timeout=30)
                    outcomes.append((started, status, time.time() - started))
                    if status != 200:
                        time.sleep(0.2)
            thread = threading.Thread(target=db_load)
            thread.start()
            time.sleep(2)
            cluster = sorted(os.listdir("/etc/postgresql"))[0]
            restarted_at = time.time()
            # Down for 10 s, longer than a request waits for a connection (5 s): requests must fail, and fast.
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop"], check=True,
                           capture_output=True)
            time.sleep(10)
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True,
                           capture_output=True)
            back_at = time.time()
            log(f"PostgreSQL stopped and started again in {back_at - restarted_at:.1f} s")
            deadline = time.time() + 60
            while time.time() < deadline and not any(s == 200 and t > back_at for t, s, _ in outcomes):
                time.sleep(0.5)
            time.sleep(2)
            stop.set()
            thread.join()
            failed = [(s, d) for t, s, d in outcomes if s != 200]
            recovered = [t for t, s, _ in outcomes if s == 200 and t > back_at]
            slowest = max((d for _, d in failed), default=0)
            figures.append(f"6. PostgreSQL stopped for 10 s and started ({back_at - restarted_at:.1f} s) under lookups: "
                           f"{len(outcomes) - len(failed)} answered, {len(failed)} failed with "
                           f"{sorted(set(s for s, _ in failed))}, the slowest failure in {slowest:.1f} s; first answer "
                           f"after the restart {(min(recovered) - back_at) if recovered else float('nan'):.1f} s after it")
            if not failed or any(s != 503 for s, _ in failed) or slowest > 10 or not recovered:
                failures.append("6: requests did not fail fast with 503, or did not recover, across a database restart")
    finally:
        if proxy:
            proxy.terminate()
        for node in nodes.values():
            node.stop()

    print()
    print("## Two nodes on one PostgreSQL behind HAProxy (" + time.strftime("%Y-%m-%d %H:%M %Z") + ")")
    print()
    for line in figures:
        print("- " + line)
    print()
    print("FAILED: " + "; ".join(failures) if failures else "All checks held.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
