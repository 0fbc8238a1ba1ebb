"""Search latency of styrsignal against tantivy with its Swedish stemmer, measured in the same run.

    python bench/search_latency.py [--passages 1000000] [--repeats 5] [--seed 1] [--keep]

1. Generates (or reuses) the synthetic passages and queries of ``generate_passages.py``.
2. Builds the styrsignal indexes the way ``ingest`` stores a document, in a fresh
   ``SqliteStore``: per synthetic document, ``index_passages`` (the passages and their
   Swedish analysis) and ``SqliteStore.add_version`` (the version row with the text, the
   FTS5 rows, and the passages handed to the ranking index's writer), then
   ``SqliteStore.close`` (the ranking index's last commit and merges).  Build time covers
   analysis and writing both indexes.
3. Builds a tantivy index of the same passage texts: one text field analysed by the
   simple tokenizer, lower case and tantivy's Swedish Snowball stemmer, plus the stored
   passage number.  One indexing thread, like the one styrsignal process.
4. Runs every query on both, alternating, ``--repeats`` times after one warm-up run:
   styrsignal as a user search does (``parse_query`` + ``SqliteStore.search_passages(node,
   limit=20)``: the ranking index when it is in step, else FTS5, and the passages of the
   hits read from the database); tantivy with the
   same query tree translated to term, phrase, regex-prefix and boolean queries on its own
   analysis, top 20 by BM25, fetching the stored passage number of each hit.

Each build runs in a fresh process, so its peak RSS is its own.  Latency figures are,
per query, the median of its runs; p50/p95/max are over the queries.  The goal (p95 at
most 50 ms and at most 2x tantivy's) is judged on those.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_passages

GOAL_P95_MS = 50.0
GOAL_RATIO = 2.0
LIMIT = 20
TANTIVY_HEAP = 256_000_000
DEFAULT_WORK = Path(__file__).resolve().parent / "out"


# -- building --------------------------------------------------------------------------------
def build_styrsignal(data: Path, db_path: Path) -> dict[str, Any]:
    from styrsignal.model import Block, Extracted, Metadata
    from styrsignal.store.sqlite import SqliteStore
    from styrsignal.text.indexing import index_passages

    started = time.perf_counter()
    analysis = store_time = 0.0
    passages = 0
    store = SqliteStore(db_path)
    for number, texts in generate_passages.read_documents(data):
        text = "\n\n".join(texts)
        blocks, offset = [], 0
        for passage in texts:
            blocks.append(Block("paragraph", offset, offset + len(passage)))
            offset += len(passage) + 2
        extracted = Extracted(format="text", text=text, blocks=blocks)
        metadata = Metadata(title=f"Syntetiskt dokument {number}", language="sv", sources={"language": "text"})
        t0 = time.perf_counter()
        indexed = index_passages(text, extracted.blocks, extracted.pages, metadata.language)
        t1 = time.perf_counter()
        store.add_version(f"bench/document-{number:05d}.txt", hashlib.sha256(text.encode()).hexdigest(),
                          len(text.encode()), extracted, metadata, indexed)
        t2 = time.perf_counter()
        analysis += t1 - t0
        store_time += t2 - t1
        passages += len(indexed)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t0 = time.perf_counter()
    store.close()  # the ranking index's last commit, and its merges
    closing = time.perf_counter() - t0
    return {"seconds": time.perf_counter() - started, "analysis": analysis, "store": store_time,
            "close": closing, "passages": passages, "rss": _peak_rss()}


def _tantivy_analyzer() -> Any:
    import tantivy

    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer("swedish"))
            .build())


def _tantivy_index(path: Path, create: bool) -> Any:
    import tantivy

    schema = (tantivy.SchemaBuilder()
              .add_integer_field("id", stored=True)
              .add_text_field("text", tokenizer_name="sv_stem", index_option="position")
              .build())
    index = tantivy.Index(schema, path=str(path), reuse=not create)
    index.register_tokenizer("sv_stem", _tantivy_analyzer())
    return index


def build_tantivy(data: Path, index_path: Path) -> dict[str, Any]:
    import tantivy

    started = time.perf_counter()
    index_path.mkdir(parents=True)
    index = _tantivy_index(index_path, create=True)
    writer = index.writer(heap_size=TANTIVY_HEAP, num_threads=1)
    passages = 0
    for _number, texts in generate_passages.read_documents(data):
        for text in texts:
            passages += 1
            writer.add_document(tantivy.Document(id=passages, text=text))
    writer.commit()
    writer.wait_merging_threads()
    return {"seconds": time.perf_counter() - started, "passages": passages, "rss": _peak_rss()}


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _in_fresh_process(kind: str, data: Path, target: Path) -> dict[str, Any]:
    """Run one build in a new Python process; it prints its figures as JSON."""
    done = subprocess.run([sys.executable, __file__, "--_build", kind, "--_data", str(data), "--_target", str(target)],
                          check=True, stdout=subprocess.PIPE, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- sizes -----------------------------------------------------------------------------------
def sqlite_sizes(db_path: Path) -> dict[str, int]:
    """Bytes of the database file and of its parts (via the dbstat table)."""
    db = sqlite3.connect(str(db_path))
    try:
        parts = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
    finally:
        db.close()
    fts = sum(size for name, size in parts.items() if name.startswith("passage_index"))
    passages = sum(size for name, size in parts.items()
                   if name == "passages" or name.startswith("sqlite_autoindex_passages"))
    versions = sum(size for name, size in parts.items() if "versions" in name)
    wal = db_path.with_name(db_path.name + "-wal")
    return {"file": db_path.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
            "fts": fts, "passages": passages, "versions": versions}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- querying --------------------------------------------------------------------------------
class OverBudget(Exception):
    """A query ran longer than ``--budget-ms`` and was interrupted."""


def styrsignal_searcher(db_path: Path, budget_ms: float) -> tuple[Callable[[str], int], Callable[[str], int], Any]:
    """(search, count) for styrsignal: the user path, and the number of matches (in FTS5).

    A search that falls back to FTS5 and runs past ``budget_ms`` is interrupted through
    SQLite's progress handler (set on this connection only) and raises :class:`OverBudget`."""
    from styrsignal.errors import StoreError
    from styrsignal.search.query import parse_query
    from styrsignal.store import sqlite_search
    from styrsignal.store.sqlite import SqliteStore

    store = SqliteStore(db_path)
    deadline = [0.0]
    store.db.set_progress_handler(lambda: int(time.perf_counter() > deadline[0]), 10_000)

    def search(query: str) -> int:
        deadline[0] = time.perf_counter() + budget_ms / 1000
        try:
            return len(store.search_passages(parse_query(query), limit=LIMIT))
        except StoreError as exc:
            if "interrupted" in str(exc):
                raise OverBudget from exc
            raise
        finally:
            deadline[0] = float("inf")

    def count(query: str) -> int:
        expression = sqlite_search.to_fts5(parse_query(query))
        row = store.db.execute("SELECT count(*) FROM passage_index WHERE passage_index MATCH ?", (expression,))
        return int(row.fetchone()[0])

    return search, count, store


def tantivy_searcher(index_path: Path) -> tuple[Callable[[Any], int], Callable[[str], Any], Callable[[Any], int]]:
    """(search, translate, count) for tantivy; ``translate`` turns a query into a tantivy Query."""
    import tantivy

    from styrsignal.search.query import And, Not, Or, Phrase, Prefix, Term, parse_query

    index = _tantivy_index(index_path, create=False)
    index.reload()
    searcher = index.searcher()
    schema = index.schema
    analyzer = _tantivy_analyzer()

    def words(text: str) -> Any:
        tokens = analyzer.analyze(text)
        if not tokens:
            return tantivy.Query.empty_query()
        if len(tokens) == 1:
            return tantivy.Query.term_query(schema, "text", tokens[0])
        return tantivy.Query.phrase_query(schema, "text", tokens)

    def node_query(node: Any) -> Any:
        if isinstance(node, Term | Phrase):
            return words(node.text)
        if isinstance(node, Prefix):
            typed = node.text.rstrip("*").lower()
            forms = sorted({typed, *analyzer.analyze(typed)})
            pattern = "|".join("".join(c if c.isalnum() else "\\" + c for c in form) for form in forms)
            return tantivy.Query.regex_query(schema, "text", f"({pattern}).*")
        if isinstance(node, And):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, node_query(c)) for c in node.children])
        if isinstance(node, Or):
            return tantivy.Query.boolean_query([(tantivy.Occur.Should, node_query(c)) for c in node.children])
        if isinstance(node, Not):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, node_query(node.positive)),
                                                (tantivy.Occur.MustNot, node_query(node.negative))])
        raise TypeError(node)

    def translate(query: str) -> Any:
        return node_query(parse_query(query))

    def search(query: Any) -> int:
        hits = searcher.search(query, limit=LIMIT, count=False).hits
        return len([searcher.doc(address)["id"][0] for _score, address in hits])

    def count(query: Any) -> int:
        return int(searcher.search(query, limit=1, count=True).count)

    return search, translate, count


def _timed(function: Callable[[Any], int], argument: Any) -> tuple[float, int]:
    start = time.perf_counter()
    found = function(argument)
    return (time.perf_counter() - start) * 1000, found


def measure(queries: Sequence[tuple[str, str]], repeats: int, db_path: Path, index_path: Path | None,
            seed: int, budget_ms: float) -> dict[str, Any]:
    s_search, s_count, store = styrsignal_searcher(db_path, budget_ms)
    engines: dict[str, tuple[Callable[[Any], int], list[Any]]] = {
        "styrsignal": (s_search, [q for _, q in queries])}
    t_count = None
    if index_path is not None:
        t_search, translate, t_count = tantivy_searcher(index_path)
        engines["tantivy"] = (t_search, [translate(q) for _, q in queries])
    names = list(engines)
    first: dict[str, list[float]] = {name: [0.0] * len(queries) for name in names}
    runs: dict[str, list[list[float]]] = {name: [[0.0] * len(queries) for _ in range(repeats)] for name in names}
    returned: dict[str, list[int]] = {name: [0] * len(queries) for name in names}
    over: set[int] = set()
    rng = random.Random(seed)
    for run in range(-1, repeats):  # run -1: the first (warm-up) run, reported apart
        order = list(range(len(queries)))
        rng.shuffle(order)
        for position, i in enumerate(order):
            for name in names if position % 2 == 0 else reversed(names):
                function, arguments = engines[name]
                if i in over and name == "styrsignal":  # over budget in the warm-up: not run again
                    runs[name][run][i] = budget_ms
                    continue
                try:
                    ms, found = _timed(function, arguments[i])
                except OverBudget:
                    over.add(i)
                    ms, found = budget_ms, -1
                if run < 0:
                    first[name][i] = ms
                    returned[name][i] = found
                else:
                    runs[name][run][i] = ms
    matches = {"styrsignal": [s_count(q) for _, q in queries]}
    if t_count is not None:
        matches["tantivy"] = [t_count(q) for q in engines["tantivy"][1]]
    from styrsignal.search.query import parse_query

    ranking_counts = [store.ranking.count(parse_query(q)) for _, q in queries]
    served = {"ranking index": store.ranking.ranked, "FTS5": store.ranking.fell_back}
    store.close()
    return {"first": first, "runs": runs, "returned": returned, "matches": matches, "over": sorted(over),
            "ranking_counts": ranking_counts, "served": served}


# -- report ----------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def per_query_medians(runs: list[list[float]]) -> list[float]:
    return [statistics.median(times) for times in zip(*runs, strict=True)]


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


def _tantivy_version() -> str:
    try:
        import tantivy
    except ImportError:
        return "not installed"
    return str(tantivy.__version__).split(",")[0].removeprefix("tantivy ")


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def report(meta: dict[str, Any], queries: Sequence[tuple[str, str]], builds: dict[str, dict[str, Any]],
           sizes: dict[str, Any], result: dict[str, Any], repeats: int, loads: list[str], budget_ms: float) -> None:
    names = list(result["runs"])
    medians = {name: per_query_medians(result["runs"][name]) for name in names}
    print(f"data     {meta['passages']:,} passages in {meta['documents']:,} documents, "
          f"mean {meta['mean_passage_chars']} chars / {meta['mean_passage_sentences']} sentences, "
          f"recombined from {meta['sentences']:,} Swedish sentences of {len(meta['sources'])} corpus documents; "
          f"{len(queries)} queries")
    print(f"machine  {os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"tantivy {_tantivy_version()}")
    print(f"load     {' -> '.join(loads)} (1-minute load average at start, after builds, after queries)")
    print()
    print("build                        seconds   passages/s   peak RSS   index size")
    s, sz = builds["styrsignal"], sizes["styrsignal"]
    print(f"styrsignal (FTS5 + ranking){s['seconds']:8.1f}   {s['passages'] / s['seconds']:10,.0f}   "
          f"{_mb(s['rss']):>8}   {_mb(sz['file'] + sz['ranking'])}: database file {_mb(sz['file'])} "
          f"(FTS index {_mb(sz['fts'])}, passages {_mb(sz['passages'])}, versions (text) {_mb(sz['versions'])}) "
          f"+ ranking folder {_mb(sz['ranking'])}")
    print(f"  of which analysis (index_passages) {s['analysis']:.1f}s, store writes (add_version, both indexes) "
          f"{s['store']:.1f}s, close (ranking commit and merges) {s['close']:.1f}s")
    if "tantivy" in builds:
        t = builds["tantivy"]
        print(f"tantivy (Swedish stemmer) {t['seconds']:10.1f}   {t['passages'] / t['seconds']:10,.0f}   "
              f"{_mb(t['rss']):>8}   {_mb(sizes['tantivy'])} index folder (stored: passage number only)")
        print(f"ratio styrsignal/tantivy  {s['seconds'] / t['seconds']:9.1f}x   "
              f"index {sz['ranking'] / sizes['tantivy']:.2f}x (ranking folder against the tantivy folder), "
              f"{(sz['fts'] + sz['ranking']) / sizes['tantivy']:.2f}x (FTS index + ranking folder)")
    print()
    print(f"latency, ms, over {len(queries)} queries: per query the median of {repeats} runs "
          f"(first = the warm-up run before them)")
    print("                             p50      p95      max   first p50  first p95")
    stats: dict[str, tuple[float, float]] = {}
    for name in names:
        values = medians[name]
        p50, p95 = percentile(values, 50), percentile(values, 95)
        stats[name] = (p50, p95)
        first = result["first"][name]
        label = "styrsignal" if name == "styrsignal" else "tantivy"
        print(f"{label:25}{p50:8.2f} {p95:8.2f} {max(values):8.1f}   "
              f"{percentile(first, 50):9.2f} {percentile(first, 95):10.2f}")
    served = result["served"]
    print(f"  styrsignal searches answered by: {', '.join(f'{name} {n:,}' for name, n in served.items())}")
    differ = [q for (_, q), r, f in zip(queries, result["ranking_counts"], result["matches"]["styrsignal"],
                                        strict=True) if r != f]
    print(f"  ranking index and FTS5 match the same passages for {len(queries) - len(differ)} of {len(queries)} "
          f"queries" + (f"; they differ on: {', '.join(differ[:8])}" if differ else ""))
    goal_latency = "met" if stats["styrsignal"][1] <= GOAL_P95_MS else "NOT met"
    print(f"  goal p95 <= {GOAL_P95_MS:.0f} ms: {goal_latency}")
    if result["over"]:
        print(f"  {len(result['over'])} styrsignal queries ran past the {budget_ms:.0f} ms budget and were "
              "interrupted: each counts as the budget (a lower bound), so figures that include them are lower bounds")
    if "tantivy" in names:
        per_run = {name: [(percentile(run, 50), percentile(run, 95)) for run in result["runs"][name]] for name in names}
        r50 = [a[0] / b[0] for a, b in zip(per_run["styrsignal"], per_run["tantivy"], strict=True)]
        r95 = [a[1] / b[1] for a, b in zip(per_run["styrsignal"], per_run["tantivy"], strict=True)]
        ratio50 = stats["styrsignal"][0] / stats["tantivy"][0]
        ratio95 = stats["styrsignal"][1] / stats["tantivy"][1]
        print(f"ratio styrsignal/tantivy  p50 {ratio50:.2f}x  [{' '.join(f'{r:.2f}' for r in r50)}]")
        print(f"                          p95 {ratio95:.2f}x  [{' '.join(f'{r:.2f}' for r in r95)}]"
              f"   <- goal within {GOAL_RATIO:.0f}x of tantivy: {'met' if ratio95 <= GOAL_RATIO else 'NOT met'}")
    print()
    _by_category(queries, medians, result)
    print()
    _slowest(queries, medians, result)


def _by_category(queries: Sequence[tuple[str, str]], medians: dict[str, list[float]], result: dict[str, Any]) -> None:
    names = list(medians)
    header = "by category          n   styrsignal p50/p95 ms"
    if "tantivy" in names:
        header += "   tantivy p50/p95 ms   ratio p95   median matches s / t"
    print(header)
    categories = list(dict.fromkeys(category for category, _ in queries))
    for category in categories:
        idx = [i for i, (c, _) in enumerate(queries) if c == category]
        s = [medians["styrsignal"][i] for i in idx]
        line = f"  {category:16}{len(idx):4}   {percentile(s, 50):8.2f} {percentile(s, 95):8.2f}"
        if "tantivy" in names:
            t = [medians["tantivy"][i] for i in idx]
            ms = statistics.median(result["matches"]["styrsignal"][i] for i in idx)
            mt = statistics.median(result["matches"]["tantivy"][i] for i in idx)
            line += (f"       {percentile(t, 50):7.2f} {percentile(t, 95):8.2f}   "
                     f"{percentile(s, 95) / percentile(t, 95):8.1f}x   {ms:9,.0f} / {mt:,.0f}")
        print(line)


def _slowest(queries: Sequence[tuple[str, str]], medians: dict[str, list[float]], result: dict[str, Any],
             count: int = 15) -> None:
    names = list(medians)
    columns = "   tantivy ms   matches s / t" if "tantivy" in names else "   matches"
    print(f"slowest {count} styrsignal queries          ms{columns}")
    order = sorted(range(len(queries)), key=lambda i: -medians["styrsignal"][i])[:count]
    for i in order:
        category, query = queries[i]
        mark = ">" if i in result["over"] else " "
        line = f"  {category:13} {query[:36]:36} {mark}{medians['styrsignal'][i]:7.1f}"
        if "tantivy" in names:
            line += (f"   {medians['tantivy'][i]:9.2f}   "
                     f"{result['matches']['styrsignal'][i]:,} / {result['matches']['tantivy'][i]:,}")
        else:
            line += f"   {result['matches']['styrsignal'][i]:,}"
        print(line)
    if "tantivy" in names:
        empty = [q for (_, q), s, t in zip(queries, result["matches"]["styrsignal"], result["matches"]["tantivy"],
                                           strict=True) if (s == 0) != (t == 0)]
        if empty:
            print(f"  found by one engine only ({len(empty)}): {', '.join(empty[:8])}")


# -- command ---------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=1_000_000, help="passages to index (default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="timed runs of each query after the warm-up run (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator and the query order (default 1)")
    parser.add_argument("--data", type=Path, help="folder of the generated passages (default bench/out/passages-N)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="where the indexes are built (default bench/out)")
    parser.add_argument("--budget-ms", type=float, default=2000,
                        help="interrupt a styrsignal query after this long; it counts as this long and is not "
                             "repeated (default 2000)")
    parser.add_argument("--keep", action="store_true", help="keep the built indexes (printed at the end)")
    parser.add_argument("--no-tantivy", action="store_true", help="measure styrsignal alone")
    parser.add_argument("--_build", choices=("styrsignal", "tantivy"), help=argparse.SUPPRESS)
    parser.add_argument("--_data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--_target", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._build:
        build = build_styrsignal if args._build == "styrsignal" else build_tantivy
        print(json.dumps(build(args._data, args._target)))
        return
    print("styrsignal search latency benchmark")
    data = args.data or DEFAULT_WORK / f"passages-{args.passages}"
    started = time.perf_counter()
    meta = generate_passages.ensure(data, args.passages, args.seed)
    print(f"passages {data} ({time.perf_counter() - started:.0f}s to generate or check)", flush=True)
    queries = generate_passages.read_queries(data)
    loads = [_load()]
    args.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="search-latency-", dir=args.work))
    try:
        db_path = work / "styrsignal.db"
        builds = {"styrsignal": _in_fresh_process("styrsignal", data, db_path)}
        print(f"built styrsignal in {builds['styrsignal']['seconds']:.0f}s", flush=True)
        sizes: dict[str, Any] = {"styrsignal": sqlite_sizes(db_path)}
        from styrsignal.store.sqlite import ranking_folder

        sizes["styrsignal"]["ranking"] = folder_size(ranking_folder(db_path))
        index_path = None
        if not args.no_tantivy:
            index_path = work / "tantivy"
            builds["tantivy"] = _in_fresh_process("tantivy", data, index_path)
            sizes["tantivy"] = folder_size(index_path)
            print(f"built tantivy in {builds['tantivy']['seconds']:.0f}s", flush=True)
        for name, build in builds.items():
            if build["passages"] != meta["passages"]:
                print(f"WARNING: {name} indexed {build['passages']:,} passages, not {meta['passages']:,}")
        loads.append(_load())
        result = measure(queries, args.repeats, db_path, index_path, args.seed, args.budget_ms)
        loads.append(_load())
        print()
        report(meta, queries, builds, sizes, result, args.repeats, loads, args.budget_ms)
    finally:
        if args.keep:
            print(f"\nindexes kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
