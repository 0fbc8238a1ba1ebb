"""Latency of the web interface under 20 concurrent clients, over the synthetic 10,000-document corpus.

    python bench/web_latency.py [--documents 10000] [--workspace DIR] [--clients 20] [--seconds 60]
                                [--baseline-seconds 10] [--mix overview=1,object=2,search=2] [--seed 1]
                                [--url URL] [--ready-timeout 3600]

1. The synthetic corpus of ``make_synthetic_corpus.py`` (made unless ``bench/out/`` holds it) is
   ingested into ``bench/out/web-latency/ws-synthetic-N`` and coded with the default framework,
   once: a marker file there records that this was done, and later runs reuse the workspace.
2. ``styrsignal serve --port 0 --no-browser`` starts on that workspace in a subprocess, on
   127.0.0.1 and a free port.  The benchmark waits until the overview answers 200 instead of
   503, that is until the server has computed (or loaded from ``web-cache/``) the analysis.
3. A short warm-up fetches one page of each kind (not counted).
4. **Baseline**: the same clients fetch ``/static/style.css`` for ``--baseline-seconds``: what
   the server, the clients and the machine cost for a request that does no work.
5. **Pages**: ``--clients`` threads, each with its own keep-alive connection, send requests
   one after another for ``--seconds``.  Each request is a kind drawn by the weights of
   ``--mix``: the overview ``/``, an object page ``/objects/{id}`` of a random object, a search
   page ``/search?q=...`` with a query drawn from ``bench/data/search_judgments.yaml``, or (only
   when named in ``--mix``) a document page ``/documents/{id}`` of a random document of a random
   object.  A request's latency runs from sending it until its whole body is read; anything but
   a 200, and any exception, counts as an error.

The report gives p50, p95 and max latency per kind and overall, requests per second, the
errors, the baseline and the ratio of the pages' percentiles to it, the CPU time of the server
and of the client process and the machine's load.  **Goal:** p95 under 200 ms over all page
requests, and no errors.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_synthetic_corpus  # a script beside this one

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOAL_P95_MS = 200.0
QUERIES_FILE = HERE / "data" / "search_judgments.yaml"
OUT = HERE / "out" / "web-latency"
KINDS = ("overview", "object", "search", "document")
MARKER = "web-latency-prepared.json"
PREPARED_FORMAT = 2
"""Bumped when a workspace prepared by an earlier version must be ingested again (2: with the
tantivy ranking index beside the database; ingest builds it for documents already stored)."""


# -- the workspace ---------------------------------------------------------------------------------
def styrsignal_command(workspace: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "styrsignal", "--quiet", "--workspace", str(workspace), *args]


def child_env() -> dict[str, str]:
    """This checkout's ``src/`` first, so the server measured is the code beside this script."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(REPO / "src") + (os.pathsep + path if path else "")}


def prepare(workspace: Path, documents: int) -> None:
    """Ingest and code the synthetic corpus into ``workspace`` unless its marker says it was done.
    Both commands are idempotent: over a workspace that holds the corpus they only complete
    what is missing."""
    folder = make_synthetic_corpus.DEFAULT_OUT if documents == 10_000 else \
        make_synthetic_corpus.DEFAULT_OUT.parent / f"synthetic-{documents}"
    meta = make_synthetic_corpus.ensure(folder, documents, make_synthetic_corpus.default_objects(documents))
    marker = workspace / MARKER
    wanted = {"format": PREPARED_FORMAT, "corpus": str(folder), "seed": meta.get("seed"),
              "documents": meta.get("documents"), "objects": meta.get("objects")}
    try:
        if json.loads(marker.read_text(encoding="utf-8")) == wanted:
            print(f"workspace {workspace}: already holds the corpus of {folder} (delete it to start over)")
            return
    except (OSError, ValueError):
        pass
    for label, args in (("ingest", ["ingest", str(folder / "documents"), "--objects", str(folder / "objects.yaml")]),
                        ("code", ["code"])):
        print(f"workspace {workspace}: {label} ...", flush=True)
        started = time.perf_counter()
        done = subprocess.run(styrsignal_command(workspace, *args), env=child_env(), stdout=subprocess.DEVNULL,
                              check=False)
        if done.returncode != 0:
            sys.exit(f"styrsignal {label} failed with exit code {done.returncode}")
        print(f"  {time.perf_counter() - started:.0f}s", flush=True)
    marker.write_text(json.dumps(wanted), encoding="utf-8")


# -- the server ------------------------------------------------------------------------------------
class Server:
    """``styrsignal serve`` in a subprocess; its stderr goes to ``log``."""

    def __init__(self, workspace: Path, log: Path) -> None:
        self.log = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            styrsignal_command(workspace, "serve", "--port", "0", "--no-browser"), env=child_env(),
            stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            self.stop()
            sys.exit(f"styrsignal serve did not start; see {log}")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def get(url: str, path: str, timeout: float = 60) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_ready(url: str, timeout: float) -> float:
    """Seconds until the overview answers 200 (the analysis is there)."""
    started = time.monotonic()
    last_note = started
    while True:
        try:
            status, body = get(url, "/")
        except OSError:
            status, body = 0, b""
        if status == 200:
            return time.monotonic() - started
        if status not in (0, 503):
            sys.exit(f"the overview answered {status}: {body[:300]!r}")
        now = time.monotonic()
        if now - started > timeout:
            sys.exit(f"the analysis was not ready after {timeout:.0f}s")
        if now - last_note > 30:
            print(f"  waiting for the analysis: {now - started:.0f}s", flush=True)
            last_note = now
        time.sleep(1)


# -- the clients -----------------------------------------------------------------------------------
@dataclass
class Targets:
    objects: list[str]
    documents: list[int]
    queries: list[str]

    def path(self, kind: str, rng: random.Random) -> str:
        if kind == "overview":
            return "/"
        if kind == "object":
            return f"/objects/{urllib.parse.quote(rng.choice(self.objects), safe='')}"
        if kind == "search":
            return "/search?" + urllib.parse.urlencode({"q": rng.choice(self.queries)})
        if kind == "document":
            return f"/documents/{rng.choice(self.documents)}"
        if kind == "static":
            return "/static/style.css"
        raise ValueError(kind)


def load_targets(workspace: Path) -> Targets:
    from styrsignal.workspace import Workspace

    with Workspace.open(workspace) as ws:
        objects = ws.store.objects()
    judged = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
    queries = [q["query"] for q in judged["queries"]]
    return Targets(sorted(o.id for o in objects), sorted({d for o in objects for d in o.document_ids}), queries)


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(ms)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def client(url: str, kinds: list[str], weights: list[float], targets: Targets, seed: int, deadline: float,
           results: Results) -> None:
    parts = urllib.parse.urlsplit(url)
    rng = random.Random(seed)
    # A browser sends back the cookies it was given; so do the clients (CSRF token, language).
    headers = {"Accept": "text/html,*/*", "Cookie": f"styrsignal_csrf={secrets.token_urlsafe(32)}; styrsignal_lang=sv"}

    def connect() -> http.client.HTTPConnection:
        return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)

    connection = connect()
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        path = targets.path(kind, rng)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            results.error(f"{kind} {path}: {type(exc).__name__}: {exc}")
            connection.close()
            connection = connect()
            continue
        ms = (time.perf_counter() - started) * 1000
        if response.status != 200:
            results.error(f"{kind} {path}: HTTP {response.status} {body[:120]!r}")
            continue
        results.add(kind, ms)
    connection.close()


def run_clients(url: str, clients: int, seconds: float, mix: dict[str, float], targets: Targets,
                seed: int) -> tuple[Results, float]:
    results = Results()
    kinds, weights = list(mix), list(mix.values())
    started = time.perf_counter()
    deadline = started + seconds
    threads = [threading.Thread(target=client, args=(url, kinds, weights, targets, seed * 1000 + n, deadline, results),
                                daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


# -- the report ------------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> tuple[float, float, float]:
    return percentile(values, 0.5), percentile(values, 0.95), max(values, default=float("nan"))


def parse_mix(text: str) -> dict[str, float]:
    mix: dict[str, float] = {}
    for item in text.split(","):
        name, _, weight = item.partition("=")
        name = name.strip()
        if name not in KINDS:
            raise argparse.ArgumentTypeError(f"--mix: {name!r} is not a page kind; choose from {', '.join(KINDS)}")
        try:
            mix[name] = float(weight or 1)
        except ValueError:
            raise argparse.ArgumentTypeError(f"--mix: {item!r}: the weight must be a number") from None
    return {k: w for k, w in mix.items() if w > 0}


def load_note() -> str:
    load = os.getloadavg()
    return f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min) on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents in the synthetic corpus (10,000)")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="the workspace to serve (default bench/out/web-latency/ws-synthetic-N, prepared "
                             "from the synthetic corpus when needed); another workspace is served as it is")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of the page run (60)")
    parser.add_argument("--baseline-seconds", type=float, default=10.0,
                        help="duration of the static-file baseline run (10; 0 skips it)")
    parser.add_argument("--mix", type=parse_mix, default=parse_mix("overview=1,object=2,search=2"),
                        help="page kinds and their weights (overview=1,object=2,search=2; also document)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the clients' random choices (1)")
    parser.add_argument("--url", default=None,
                        help="measure a server that is already running (e.g. under a profiler) instead of "
                             "starting one; --workspace must then be the workspace it serves")
    parser.add_argument("--ready-timeout", type=float, default=3600.0,
                        help="seconds to wait for the analysis (3600; a first run computes it)")
    args = parser.parse_args()

    print("styrsignal web latency benchmark")
    print(f"machine  {os.cpu_count()} CPUs, Python {platform.python_version()}")
    from analysis_bench import source_state

    print(f"code     {source_state()}")
    default_workspace = OUT / f"ws-synthetic-{args.documents}"
    workspace = (args.workspace or default_workspace).resolve()
    if args.workspace is None and args.url is None:
        OUT.mkdir(parents=True, exist_ok=True)
        prepare(workspace, args.documents)
    targets = load_targets(workspace)
    print(f"workspace {workspace}: {len(targets.objects)} objects, {len(targets.documents):,} documents; "
          f"{len(targets.queries)} search queries from {QUERIES_FILE.relative_to(REPO)}")

    server: Server | None = None
    try:
        if args.url is None:
            OUT.mkdir(parents=True, exist_ok=True)
            started = time.monotonic()
            server = Server(workspace, OUT / "server.log")
            url = server.url
            print(f"server   {url} (pid {server.process.pid}, log {OUT / 'server.log'}), "
                  f"listening after {time.monotonic() - started:.1f}s", flush=True)
        else:
            url = args.url.rstrip("/") + "/"
            print(f"server   {url} (already running)")
        ready = wait_ready(url, args.ready_timeout)
        print(f"ready    the overview answered 200 after {ready:.1f}s", flush=True)

        rng = random.Random(args.seed)
        for kind in [*args.mix, "static"]:
            path = targets.path(kind, rng)
            started = time.perf_counter()
            status, body = get(url, path)
            print(f"warm-up  {kind:9}{(time.perf_counter() - started) * 1000:8.0f} ms  HTTP {status}  "
                  f"{len(body) / 1000:7.0f} kB  {path}", flush=True)

        print(f"load     {load_note()} before the runs", flush=True)
        baseline: Results | None = None
        if args.baseline_seconds > 0:
            baseline, base_elapsed = run_clients(url, args.clients, args.baseline_seconds, {"static": 1.0},
                                                 targets, args.seed)
            base = baseline.latencies.get("static", [])
            print(f"baseline {len(base):,} requests for /static/style.css in {base_elapsed:.1f}s "
                  f"({len(base) / base_elapsed:.0f}/s), {len(baseline.errors)} errors", flush=True)
        cpu_server = server.cpu_seconds() if server else 0.0
        cpu_clients = time.process_time()
        load_before = os.getloadavg()[0]
        results, elapsed = run_clients(url, args.clients, args.seconds, args.mix, targets, args.seed)
        cpu_server = (server.cpu_seconds() - cpu_server) if server else float("nan")
        cpu_clients = time.process_time() - cpu_clients
        report(args, results, elapsed, baseline, cpu_server, cpu_clients, load_before, server)
    finally:
        if server is not None:
            server.stop()


def report(args: argparse.Namespace, results: Results, elapsed: float, baseline: Results | None,
           cpu_server: float, cpu_clients: float, load_before: float, server: Server | None) -> None:
    every = [ms for values in results.latencies.values() for ms in values]
    total = len(every) + len(results.errors)
    print()
    print(f"{args.clients} clients for {elapsed:.1f}s, mix {', '.join(f'{k}={w:g}' for k, w in args.mix.items())}")
    print(f"{'page':12}{'requests':>10}{'per s':>8}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    rows = [(kind, results.latencies.get(kind, [])) for kind in args.mix]
    rows.append(("all pages", every))
    if baseline is not None:
        rows.append(("static file", baseline.latencies.get("static", [])))
    for name, values in rows:
        p50, p95, top = summary(values)
        seconds = args.baseline_seconds if name == "static file" else elapsed
        print(f"{name:12}{len(values):>10,}{len(values) / seconds:>8.1f}{p50:>10.1f}{p95:>10.1f}{top:>10.1f}")
    p50, p95, _ = summary(every)
    if baseline is not None and baseline.latencies.get("static"):
        b50, b95, _ = summary(baseline.latencies["static"])
        print(f"ratio    pages / static file: p50 {p50 / b50:.1f}x, p95 {p95 / b95:.1f}x")
    errors = len(results.errors)
    print(f"errors   {errors} of {total:,} requests" + (f" ({errors / total:.1%})" if total else ""))
    for message in results.errors[:5]:
        print(f"  {message}")
    measured = f"{cpu_server:.1f}s ({cpu_server / elapsed:.2f} cores)" if server else "not measured (--url)"
    print(f"cpu      server {measured}, clients {cpu_clients:.1f}s ({cpu_clients / elapsed:.2f} cores) during the "
          "page run" + (f"; server peak RSS {server.peak_rss_mb():.0f} MB" if server else ""))
    if server and every:
        print(f"         server CPU per page request {cpu_server / len(every) * 1000:.1f} ms")
    print(f"load     {load_before:.2f} before the page run, {load_note()} after")
    met = p95 < GOAL_P95_MS and errors == 0
    print(f"goal     p95 < {GOAL_P95_MS:.0f} ms and no errors: {'met' if met else 'NOT met'} "
          f"(p95 {p95:.1f} ms, {errors} errors)")


if __name__ == "__main__":
    main()
