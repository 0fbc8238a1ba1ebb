"""Ingest and analysis of a whole corpus: wall time per phase and peak memory.

    python bench/analysis_bench.py [--corpus DIR] [--synthetic N] [--jobs N] [--only shared|synthetic]
                                   [--keep DIR] [--profile] [--profile-docs N] [--profile-top N]

Two corpora are run, each through the three phases a user runs (``styrsignal ingest``, then
``styrsignal analyze``, which codes the corpus first when it has no current coding run):

* the shared corpus: its ``pdf/``, ``docx/``, ``html/`` and ``text/`` folders, without an
  objects file, so every document becomes an implicit object;
* the synthetic corpus of ``--synthetic`` documents (default 10,000) with its
  ``objects.yaml``, made by ``make_synthetic_corpus.py`` unless ``bench/out/`` already holds it.

Each phase runs in a fresh Python process on the same workspace, so its peak RSS is its own
and no warm cache carries over:

1. **ingest**: ``ingest(workspace, paths, objects_file=..., jobs=N)``;
2. **coding**: ``code_corpus(workspace, framework)`` with the default framework (one copy of
   the file for the whole run);
3. **analysis**: ``analyze(workspace, framework)``, which finds the run of phase 2 and classifies every
   object, drafts opportunities and limitations, the cross-cutting analysis and trends, then
   the JSON that ``styrsignal analyze --out`` writes.

**Goal:** 10,000 documents analysed (the three phases together) in under 10 minutes on a
2-core machine, with a peak RSS under 1 GB.  With ``--profile``, cProfile statistics of each
phase follow on stderr, over the first objects of the synthetic corpus (``--profile-docs``
documents, ingested with ``jobs=1``).  See bench/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_synthetic_corpus  # a script beside this one

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FOLDERS = ("pdf", "docx", "html", "text")
GOAL_DOCUMENTS = 10_000
GOAL_SECONDS = 600.0
GOAL_RSS_MB = 1024.0
PHASES = ("ingest", "coding", "analysis")


# -- the phases, each run in a child process -------------------------------------------------------
def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall time and CPU time (this process and its finished reader processes) since creation."""

    def __init__(self) -> None:
        self.wall, self.cpu, self.children = time.perf_counter(), time.process_time(), _children_cpu()

    def read(self) -> dict[str, float]:
        return {"seconds": time.perf_counter() - self.wall,
                "cpu_seconds": time.process_time() - self.cpu + _children_cpu() - self.children}


def phase_ingest(workspace_dir: Path, spec: dict[str, Any]) -> dict[str, Any]:
    from styrsignal.ingest.pipeline import ingest
    from styrsignal.workspace import Workspace

    objects_file = Path(spec["objects_file"]) if spec.get("objects_file") else None
    clock = Clock()
    with Workspace.open(workspace_dir) as workspace:
        report = ingest(workspace, [Path(p) for p in spec["paths"]], objects_file=objects_file,
                        jobs=spec.get("jobs"))
        timing = clock.read()
        counts = workspace.store.counts()
    return {**timing, "summary": report.summary(), "counts": counts,
            "failed": [f"{e.path}: {e.reason}" for e in report.failed][:5]}


def phase_coding(workspace_dir: Path, spec: dict[str, Any]) -> dict[str, Any]:
    from styrsignal.analysis.coding import code_corpus
    from styrsignal.analysis.framework import load_framework
    from styrsignal.workspace import Workspace

    clock = Clock()
    with Workspace.open(workspace_dir) as workspace:
        run = code_corpus(workspace, load_framework(spec.get("framework")))
        timing = clock.read()
        store = workspace.store
        codings = sum(n for _, _, n in store.coding_counts(run.id))
        mentions = sum(n for _, _, n in store.mention_counts(run.id))
    return {**timing, "codings": codings, "mentions": mentions}


def phase_analysis(workspace_dir: Path, spec: dict[str, Any]) -> dict[str, Any]:
    from styrsignal.analysis.analyze import analyze
    from styrsignal.analysis.coding import latest_run
    from styrsignal.analysis.framework import load_framework
    from styrsignal.workspace import Workspace

    clock = Clock()
    with Workspace.open(workspace_dir) as workspace:
        framework = load_framework(spec.get("framework"))
        if latest_run(workspace, framework) is None:
            raise SystemExit("no current coding run for this framework and corpus: the coding phase did not run "
                             "on this workspace, or the framework changed since")
        result = analyze(workspace, framework)
        analysed = time.perf_counter()
        text = result.model_dump_json(indent=2)
        json_seconds = time.perf_counter() - analysed
        timing = clock.read()
    return {**timing, "json_seconds": json_seconds, "json_mb": len(text.encode()) / 1e6,
            "objects": len(result.objects), "impact": result.cross_cutting.impact_counts,
            "periods": len(result.trends.periods), "undated": result.trends.undated_documents}


PHASE_FUNCTIONS = {"ingest": phase_ingest, "coding": phase_coding, "analysis": phase_analysis}


def run_child(args: argparse.Namespace) -> None:
    spec = json.loads(args.spec)
    workspace_dir = Path(args.workspace)
    if spec.get("profile"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        result = profile.runcall(PHASE_FUNCTIONS[args.child], workspace_dir, spec)
        stats = pstats.Stats(profile, stream=sys.stderr)
        print(f"== cProfile of {args.child}: {result['seconds']:.1f}s under the profiler ==", file=sys.stderr)
        stats.sort_stats("tottime").print_stats(spec.get("top", 25))
        stats.sort_stats("cumulative").print_stats(r"styrsignal", spec.get("top", 25))
    else:
        result = PHASE_FUNCTIONS[args.child](workspace_dir, spec)
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest reader process.
    result["rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def child(phase: str, workspace: Path, spec: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", phase, "--workspace", str(workspace),
               "--spec", json.dumps(spec)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=None if spec.get("profile") else subprocess.PIPE,
                          text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark phase {phase!r} failed:\n{(done.stderr or '').strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - start  # with interpreter start and imports
    return result


# -- the cases -------------------------------------------------------------------------------------
def load_note() -> str:
    load = os.getloadavg()
    busy = load[0] > 0.5 * (os.cpu_count() or 1)
    return f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min)" + (
        "; machine busy: expect noise" if busy else "")


def run_case(label: str, workspace: Path, spec: dict[str, Any]) -> dict[str, Any]:
    print(f"{label}: load {load_note()}", flush=True)
    results: dict[str, Any] = {"label": label, "load_before": os.getloadavg()[0]}
    for phase in PHASES:
        results[phase] = child(phase, workspace, spec)
        r = results[phase]
        print(f"  {phase:9}{r['seconds']:8.1f}s wall {r['cpu_seconds']:8.1f}s cpu   peak RSS {r['rss_main_mb']:.0f} MB"
              + (f" / reader {r['rss_worker_mb']:.0f} MB" if r["rss_worker_mb"] else ""), flush=True)
    results["load_after"] = os.getloadavg()[0]
    results["database_mb"] = sum(f.stat().st_size for f in workspace.glob("styrsignal.sqlite*")) / 1e6
    return results


def source_state() -> str:
    """Where the styrsignal being measured comes from: its folder, the commit there and how many
    files under src/ differ from it.  The figures belong to that code."""
    import styrsignal

    package = Path(styrsignal.__file__).resolve().parent
    repo = package.parents[1]
    try:
        commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "src"], capture_output=True,
                                 text=True, check=True).stdout.splitlines()
        state = f"commit {commit}" + (f", {len(changed)} changed file(s) under src/" if changed else ", src/ clean")
    except (OSError, subprocess.CalledProcessError):
        state = "not a git checkout"
    note = "" if repo == Path(__file__).resolve().parents[1] else \
        "  (WARNING: not the src/ beside this script; set PYTHONPATH or pip install -e . to measure this checkout)"
    return f"styrsignal {getattr(styrsignal, '__version__', '?')} from {package} ({state}){note}"


def synthetic_dir(n: int) -> Path:
    if n == GOAL_DOCUMENTS:
        return make_synthetic_corpus.DEFAULT_OUT
    return make_synthetic_corpus.DEFAULT_OUT.parent / f"synthetic-{n}"


def print_table(cases: list[dict[str, Any]], jobs: int) -> None:
    width = max(24, *(len(c["label"]) + 2 for c in cases))
    print()
    print(f"{'corpus':{width}}{'documents':>10}{'passages':>10}{'MB text':>9}{'objects':>9}{'database':>10}")
    for case in cases:
        print(f"{case['label']:{width}}{case['ingest']['counts'].get('documents', 0):>10,}{case['passages']:>10,}"
              f"{case['text_mb']:>9.1f}{case['analysis']['objects']:>9,}{case['database_mb']:>7.0f} MB")
    print()
    print(f"{'phase':{width}}{'wall s':>10}{'cpu s':>10}   peak RSS process / largest reader")
    for case in cases:
        print(case["label"])
        for phase in PHASES:
            r = case[phase]
            name = f"  {phase}" + (f" (jobs={jobs})" if phase == "ingest" else "")
            reader = f" / {r['rss_worker_mb']:.0f} MB" if r["rss_worker_mb"] else ""
            print(f"{name:{width}}{r['seconds']:>10.1f}{r['cpu_seconds']:>10.1f}   {r['rss_main_mb']:.0f} MB{reader}")
        wall = sum(case[p]["seconds"] for p in PHASES)
        cpu = sum(case[p]["cpu_seconds"] for p in PHASES)
        peak = max(case[p]["rss_main_mb"] for p in PHASES)
        print(f"{'  total':{width}}{wall:>10.1f}{cpu:>10.1f}   {peak:.0f} MB")
    starts = [c[p]["process_seconds"] - c[p]["seconds"] for c in cases for p in PHASES]
    print(f"(wall and cpu inside each phase process; cpu includes the reader processes; interpreter start "
          f"and imports add {min(starts):.1f}-{max(starts):.1f}s per phase, not counted)")


def verdict(case: dict[str, Any], documents: int) -> list[str]:
    total = sum(case[p]["seconds"] for p in PHASES)
    peak = max(case[p]["rss_main_mb"] for p in PHASES)
    together = case["ingest"]["rss_main_mb"] + case["ingest"]["rss_worker_mb"]
    lines = []
    if documents == GOAL_DOCUMENTS:
        time_ok, rss_ok = total < GOAL_SECONDS, peak < GOAL_RSS_MB
        lines.append(f"goal     {documents:,} documents in < {GOAL_SECONDS / 60:.0f} min: "
                     f"{'met' if time_ok else 'NOT met'} ({total:.0f}s = {total / 60:.1f} min, "
                     f"{total / GOAL_SECONDS:.0%} of the budget)")
    else:
        projected = total * GOAL_DOCUMENTS / documents
        lines.append(f"goal     not judged: {documents:,} documents, not {GOAL_DOCUMENTS:,} "
                     f"(linear projection to {GOAL_DOCUMENTS:,}: {projected:.0f}s = {projected / 60:.1f} min)")
        rss_ok = peak < GOAL_RSS_MB
    lines.append(f"goal     peak RSS < {GOAL_RSS_MB:.0f} MB: {'met' if rss_ok else 'NOT met'} "
                 f"(largest process {peak:.0f} MB; ingest process + largest reader {together:.0f} MB, "
                 "an upper bound as forked readers share pages)")
    return lines


def profile_synthetic(folder: Path, tmp: Path, docs: int, framework: str, top: int) -> None:
    """cProfile each phase over the first objects of the synthetic corpus (at least ``docs``
    documents, with their objects, so per-object costs show): ingest with ``jobs=1`` (all work in
    the profiled process), then coding, then analysis.  The statistics go to stderr."""
    from styrsignal.ingest.objects import load_objects

    resolved = load_objects(folder / "objects.yaml")
    lines, chosen, objects = ["objects:"], 0, 0
    for obj in resolved.spec.objects:
        if chosen >= docs:
            break
        files = [path for path, _ in resolved.files.get(obj.id, [])]
        chosen, objects = chosen + len(files), objects + 1
        lines += [f"  - id: {obj.id}", f"    name: {json.dumps(obj.name, ensure_ascii=False)}", "    documents:"]
        lines += [f"      - path: {json.dumps(str(path))}" for path in files]
    subset = tmp / "profile-objects.yaml"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\ncProfile of each phase over {chosen:,} synthetic documents in {objects} objects (ingest with jobs=1); "
          "statistics on stderr", flush=True)
    workspace = tmp / "ws-profile"
    spec = {"paths": [], "objects_file": str(subset), "jobs": 1, "framework": framework, "profile": True, "top": top}
    for phase in PHASES:
        result = child(phase, workspace, spec)
        print(f"  {phase:9}{result['seconds']:8.1f}s under the profiler", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"the shared corpus; its {', '.join(FOLDERS)} folders are ingested "
                             f"(default {DEFAULT_CORPUS})")
    parser.add_argument("--synthetic", type=int, default=GOAL_DOCUMENTS,
                        help="documents in the synthetic corpus (default 10,000; 0 skips it)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="reader processes for ingest (default: ingest's own, min(CPUs, 4))")
    parser.add_argument("--only", choices=["shared", "synthetic"], help="run only one of the corpora")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the workspaces in this folder (default: a temporary folder, deleted)")
    parser.add_argument("--profile", action="store_true", help="cProfile each phase of the synthetic corpus after")
    parser.add_argument("--profile-docs", type=int, default=2000,
                        help="synthetic documents (whole objects) to run under the profiler (default 2,000)")
    parser.add_argument("--profile-top", type=int, default=25, help="functions to list per profile (default 25)")
    parser.add_argument("--child", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--workspace", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    jobs = args.jobs if args.jobs is not None else min(os.cpu_count() or 1, 4)
    tmp = Path(tempfile.mkdtemp(prefix="styrsignal-analysis-bench-"))
    root = args.keep.resolve() if args.keep else tmp
    print("styrsignal analysis benchmark")
    print(f"machine  {os.cpu_count()} CPUs, Python {platform.python_version()}; each phase in a fresh process")
    print(f"code     {source_state()}")
    cases: list[dict[str, Any]] = []
    synthetic_case = None
    try:
        # One copy of the framework for every phase, so coding and analysis agree on it even if
        # the packaged file is edited during the run.
        from styrsignal.analysis.framework import default_framework_path

        framework = str(tmp / "framework.yaml")
        shutil.copyfile(default_framework_path(), framework)
        if args.only != "synthetic":
            corpus = args.corpus.resolve()
            paths = [corpus / f for f in FOLDERS if (corpus / f).is_dir()]
            if not paths:
                sys.exit(f"{corpus}: none of {', '.join(FOLDERS)} found (give the corpus folder with --corpus)")
            workspace = root / "ws-shared"
            shutil.rmtree(workspace, ignore_errors=True)
            case = run_case(f"shared corpus ({', '.join(p.name for p in paths)})", workspace,
                            {"paths": [str(p) for p in paths], "jobs": jobs, "framework": framework})
            case.update(stored(workspace))
            cases.append(case)
        if args.only != "shared" and args.synthetic > 0:
            n = args.synthetic
            folder = synthetic_dir(n)
            started = time.perf_counter()
            meta = make_synthetic_corpus.ensure(folder, n, make_synthetic_corpus.default_objects(n))
            made = time.perf_counter() - started
            print(f"synthetic corpus {folder}: {meta['documents']:,} documents, {meta['objects']} objects, "
                  f"{meta['characters'] / 1e6:.0f} MB of text ({'generated' if made > 5 else 'already there'}, "
                  f"{made:.0f}s)", flush=True)
            workspace = root / f"ws-synthetic-{n}"
            shutil.rmtree(workspace, ignore_errors=True)
            case = run_case(f"synthetic {n:,}", workspace,
                            {"paths": [str(folder / "documents")], "objects_file": str(folder / "objects.yaml"),
                             "jobs": jobs, "framework": framework})
            case.update(stored(workspace))
            cases.append(case)
            synthetic_case = (case, n, folder, workspace)

        print_table(cases, jobs)
        for case in cases:
            summary = case["ingest"]["summary"]
            a = case["analysis"]
            print(f"{case['label']}: ingest {summary}; {case['coding']['codings']:,} codings, "
                  f"{case['coding']['mentions']:,} actor mentions; impact {a['impact']}; "
                  f"{a['periods']} trend periods, {a['undated']} undated documents; "
                  f"JSON {a['json_mb']:.1f} MB in {a['json_seconds']:.1f}s; database {case['database_mb']:.0f} MB")
            if case["ingest"]["failed"]:
                print(f"  WARNING failures: {case['ingest']['failed']}")
        if synthetic_case:
            case, n, folder, workspace = synthetic_case
            print()
            for line in verdict(case, n):
                print(line)
        print(f"load     {load_note()} after the runs")
        if args.profile and synthetic_case:
            folder = synthetic_case[2]
            profile_synthetic(folder, tmp, args.profile_docs, framework, args.profile_top)
        if args.keep:
            print(f"workspaces kept in {root}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def stored(workspace: Path) -> dict[str, float]:
    """Text (MB of characters) and passages of the current versions."""
    import sqlite3

    with sqlite3.connect(workspace / "styrsignal.sqlite") as db:
        (chars,) = db.execute("SELECT COALESCE(SUM(LENGTH(v.text)), 0) FROM documents d "
                              "JOIN versions v ON v.id = d.current_version_id").fetchone()
        (passages,) = db.execute("SELECT COUNT(*) FROM passages").fetchone()
    return {"text_mb": chars / 1e6, "passages": passages}


if __name__ == "__main__":
    main()
