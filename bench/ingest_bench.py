"""Ingest throughput against raw pypdfium2 text extraction, measured in the same run.

    python bench/ingest_bench.py [--corpus DIR] [--min-pages 2000] [--repeats 3] [--jobs N] [--no-profile]

The PDFs of the corpus are copied into a temporary folder as often as needed to reach
``--min-pages``; every copy gets a trailing ``%% copy N`` comment after ``%%EOF`` so its
bytes (and content hash) differ and ingest's deduplication does not skip it.  Then, in
each repeat, four measurements run, each in a fresh Python process (so peak RSS belongs
to that measurement alone and no warm caches carry over):

* raw pypdfium2, 1 process: open, ``get_textpage().get_text_range()`` per page, close;
* raw pypdfium2, N processes: the same, one file per task, over a process pool;
* ingest, jobs=1 and ingest, jobs=N: ``styrsignal.ingest.pipeline.ingest()`` into a fresh
  workspace (a new temporary folder per repeat).

It prints the medians and the ratio ingest time / raw time for like-for-like process
counts; the goal (ingest within 5× of raw extraction) is judged on the N-process ratio,
which is how ``ingest`` runs by default.  A per-stage timing of one corpus pass follows.
See bench/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

GOAL_RATIO = 5.0
DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pdf"


# -- the corpus ------------------------------------------------------------------------------
def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def build_corpus(source: Path, target: Path, min_pages: int) -> tuple[int, int, int, int]:
    """Copy the PDFs of ``source`` into ``target/copy-NNN/`` until there are ``min_pages``.

    Returns (source files, source pages, copies, total pages).  Every copy is checked:
    pdfium opens it with the original page count, and no two files share a content hash.
    """
    originals = sorted(p for p in source.iterdir() if p.is_file() and p.suffix.lower() == ".pdf")
    if not originals:
        sys.exit(f"{source}: no PDF files found (give the folder with --corpus)")
    pages = {p: page_count(p) for p in originals}
    source_pages = sum(pages.values())
    if source_pages == 0:
        sys.exit(f"{source}: the PDFs have no pages")
    copies = max(1, -(-min_pages // source_pages))
    hashes: set[str] = set()
    for n in range(copies):
        folder = target / f"copy-{n:03d}"
        folder.mkdir(parents=True)
        for original in originals:
            data = original.read_bytes()
            # A PDF comment after %%EOF: readers ignore it, the bytes differ per copy.
            data += (b"" if data.endswith((b"\n", b"\r")) else b"\n") + f"%% copy {n}\n".encode()
            copy = folder / original.name
            copy.write_bytes(data)
            hashes.add(hashlib.sha256(data).hexdigest())
            if page_count(copy) != pages[original]:
                sys.exit(f"{copy}: pdfium reads a different page count after the trailing comment")
    if len(hashes) != copies * len(originals):
        sys.exit(f"{source}: some files share a content hash, so ingest would skip them as duplicates")
    return len(originals), source_pages, copies, copies * source_pages


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf"))


# -- the measurements, each run in a child process ---------------------------------------------
def raw_extract(path: Path) -> tuple[int, int]:
    """The baseline: pdfium's text of every page, nothing else.  Returns (pages, characters)."""
    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return len(pdf), chars
    finally:
        pdf.close()


def measure_raw(corpus: Path, jobs: int) -> dict[str, Any]:
    files = corpus_files(corpus)
    start = time.perf_counter()
    if jobs <= 1:
        results = [raw_extract(f) for f in files]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(raw_extract, files))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": sum(p for p, _ in results), "chars": sum(c for _, c in results),
            "files": len(files)}


def measure_ingest(corpus: Path, jobs: int, workspace_dir: Path) -> dict[str, Any]:
    from styrsignal.ingest.pipeline import ingest
    from styrsignal.workspace import Workspace

    start = time.perf_counter()
    workspace = Workspace.open(workspace_dir)
    try:
        report = ingest(workspace, [corpus], jobs=jobs)
    finally:
        workspace.close()
    seconds = time.perf_counter() - start
    with sqlite3.connect(workspace.database) as db:
        pages, chars = db.execute("SELECT COALESCE(SUM(page_count), 0), COALESCE(SUM(LENGTH(text)), 0)"
                                  " FROM versions").fetchone()
    return {"seconds": seconds, "pages": pages, "chars": chars, "summary": report.summary(),
            "failed": [f"{e.path}: {e.reason}" for e in report.failed][:5]}


def measure_stages(corpus: Path, workspace_dir: Path) -> dict[str, Any]:
    """One single-process pass through the steps ``ingest`` takes per file, each timed.

    Mirrors ``pipeline.extract`` and the store write; reading is split into pdfium's text
    and per-line font/position calls (``pdf._read_lines``) and the layout rebuilt from them.
    """
    from styrsignal.ingest import language, metadata, pdf
    from styrsignal.ingest.pipeline import file_hash
    from styrsignal.ingest.readers import read_path
    from styrsignal.workspace import Workspace

    stages: dict[str, float] = dict.fromkeys(
        ["hash", "pdfium text + line calls", "layout", "metadata", "language", "store write"], 0.0)
    read_lines = getattr(pdf, "_read_lines", None)
    if read_lines is not None:
        def timed_read_lines(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return read_lines(*args, **kwargs)
            finally:
                stages["pdfium text + line calls"] += time.perf_counter() - t
        pdf._read_lines = timed_read_lines  # type: ignore[attr-defined]

    def timed(stage: str, call: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        result = call()
        stages[stage] += time.perf_counter() - t
        return result

    t = time.perf_counter()
    language.detect_language("Regeringen beslutar om en ny förordning för kommunernas arbete.")
    model_load = time.perf_counter() - t
    pages = 0
    start = time.perf_counter()
    workspace = Workspace.open(workspace_dir)
    try:
        store = workspace.store
        for path in corpus_files(corpus):
            digest, size = timed("hash", lambda p=path: file_hash(p))
            t = time.perf_counter()
            before = stages["pdfium text + line calls"]
            extracted = read_path(path)
            stages["layout"] += time.perf_counter() - t - (stages["pdfium text + line calls"] - before)
            found = timed("metadata", lambda e=extracted, p=path: metadata.extract_metadata(e, filename=p.name))
            found.language = timed("language", lambda e=extracted: language.detect_language(e.text))
            timed("store write", lambda p=path, d=digest, s=size, e=extracted, m=found:
                  store.add_version(str(p), d, s, e, m))
            pages += extracted.page_count or 0
    finally:
        workspace.close()
    total = time.perf_counter() - start
    if read_lines is None:
        stages["layout (incl. pdfium)"] = stages.pop("layout")
        del stages["pdfium text + line calls"]
    return {"seconds": total, "pages": pages, "stages": stages, "model_load": model_load}


def run_child(args: argparse.Namespace) -> None:
    mode, corpus, jobs = args.child, Path(args.corpus), args.jobs
    if mode == "raw":
        result = measure_raw(corpus, jobs)
    elif mode == "ingest":
        result = measure_ingest(corpus, jobs, Path(args.workspace))
    else:
        result = measure_stages(corpus, Path(args.workspace))
    # ru_maxrss is in KiB on Linux; RUSAGE_CHILDREN gives the largest pool worker.
    result["rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def child(mode: str, corpus: Path, jobs: int, workspace: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--corpus", str(corpus),
               "--jobs", str(jobs)]
    if workspace is not None:
        command += ["--workspace", str(workspace)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"benchmark step {mode!r} (jobs={jobs}) failed:\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the report --------------------------------------------------------------------------------
def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder of PDFs to repeat (default: {DEFAULT_CORPUS})")
    parser.add_argument("--min-pages", type=int, default=2000, help="pages to reach by repeating (default 2000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each measurement; medians are quoted")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes for the parallel runs (default: ingest's own default, min(CPUs, 4))")
    parser.add_argument("--no-profile", action="store_true", help="skip the per-stage timing")
    parser.add_argument("--child", choices=["raw", "ingest", "stages"], help=argparse.SUPPRESS)
    parser.add_argument("--workspace", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    jobs = args.jobs if args.jobs is not None else min(os.cpu_count() or 1, 4)
    repeats = max(1, args.repeats)
    counts = [1] if jobs <= 1 else [1, jobs]
    tmp = Path(tempfile.mkdtemp(prefix="styrsignal-bench-"))
    try:
        corpus = tmp / "corpus"
        n_files, src_pages, copies, total_pages = build_corpus(args.corpus.resolve(), corpus, args.min_pages)
        print("styrsignal ingest benchmark")
        print(f"corpus   {args.corpus}: {n_files} PDFs, {src_pages} pages; {copies} copies = "
              f"{n_files * copies} files, {total_pages} pages (all content hashes distinct)")
        print(f"machine  {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"pypdfium2 {pdfium.version.PYPDFIUM_INFO}, pdfium {pdfium.version.PDFIUM_INFO}")
        print(f"runs     {repeats} repeats; each measurement in a fresh process; medians quoted", flush=True)

        runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for r in range(repeats):
            for n in counts:
                runs.setdefault(("raw", n), []).append(child("raw", corpus, n))
            for n in counts:
                result = child("ingest", corpus, n, tmp / f"ws-{r}-{n}")
                shutil.rmtree(tmp / f"ws-{r}-{n}", ignore_errors=True)
                summary = result["summary"]
                if summary["added"] != n_files * copies or result["pages"] != total_pages:
                    print(f"WARNING ingest jobs={n}: {summary}, {result['pages']} pages stored "
                          f"of {total_pages}; failures: {result['failed']}")
                runs.setdefault(("ingest", n), []).append(result)
            print(f"  repeat {r + 1}/{repeats}: " + ", ".join(
                f"{kind}×{n} {runs[kind, n][-1]['seconds']:.2f}s" for kind, n in runs), flush=True)

        print()
        print(f"{'':26}{'pages':>7}{'median s':>10}{'pages/s':>9}   {'per-run s':<22}peak RSS main / worker")
        for (kind, n), results in runs.items():
            label = f"raw pypdfium2, {n} proc" if kind == "raw" else f"ingest, jobs={n}"
            secs = [x["seconds"] for x in results]
            pages = results[0]["pages"]
            per_run = " ".join(f"{s:.2f}" for s in secs)
            main_mb = median([x["rss_main_mb"] for x in results])
            worker = f"{median([x['rss_worker_mb'] for x in results]):.0f} MB" if n > 1 else "-"
            print(f"{label:26}{pages:>7}{median(secs):>10.2f}{pages / median(secs):>9.0f}   {per_run:<22}"
                  f"{main_mb:.0f} MB / {worker}")

        print()
        print("ratio ingest time / raw time (median over median; per-repeat ratios in brackets)")
        for n in counts:
            raw = [x["seconds"] for x in runs["raw", n]]
            ing = [x["seconds"] for x in runs["ingest", n]]
            ratio = median(ing) / median(raw)
            paired = sorted(i / r for i, r in zip(ing, raw, strict=True))
            note = ""
            if n == counts[-1]:
                verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
                note = f"   <- goal ingest <= {GOAL_RATIO:g}x raw (like-for-like, default jobs): {verdict}"
            print(f"  {n} process{'es' if n > 1 else '':2} {ratio:5.2f}x  "
                  f"[{' '.join(f'{p:.2f}' for p in paired)}]{note}")
        if jobs > 1:
            cross = median([x["seconds"] for x in runs["ingest", jobs]]) / median(
                [x["seconds"] for x in runs["raw", 1]])
            print(f"  (ingest jobs={jobs} against raw in 1 process: {cross:.2f}x — not like-for-like, for reference)")

        if not args.no_profile:
            one_copy = corpus / "copy-000"
            stages = child("stages", one_copy, 1, tmp / "ws-stages")
            total = stages["seconds"]
            print()
            print(f"stage profile: one single-process pass over copy 0 ({stages['pages']} pages, "
                  f"{total:.2f}s, {stages['pages'] / total:.0f} pages/s)")
            for stage, secs in stages["stages"].items():
                print(f"  {stage:26}{secs:7.2f}s  {100 * secs / total:5.1f}%")
            rest = total - sum(stages["stages"].values())
            print(f"  {'other (open, lookups)':26}{rest:7.2f}s  {100 * rest / total:5.1f}%")
            print(f"  language model load, once per process: {stages['model_load']:.2f}s (not in the pass)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
