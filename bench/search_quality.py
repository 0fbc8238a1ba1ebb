"""Search quality: styrsignal against plain SQLite FTS5 on the same passages, in the same run.

    python bench/search_quality.py [--corpus DIR] [--judgments FILE] [--workspace DIR] [--show ID ...]

The judgments (``bench/data/search_judgments.yaml``) list Swedish queries and, for each,
the relevant passages as (document file name, verbatim quote, grade 2 or 1).  The script

1. ingests the corpus folders the judgments name into a fresh temporary workspace (or into
   ``--workspace``, which is kept; ingest is idempotent, so a second run only hashes);
2. maps every quote to the stored passage(s) it lies in: whitespace is normalised on both
   sides, the quote must occur in the document exactly once (or ``occurrence: N`` picks
   one), and every passage overlapping it is judged.  Any quote that matches nothing, or
   matches ambiguously, stops the run with a list of all such problems;
3. runs each query through ``styrsignal.search.engine.search(ws, query, limit=20)``;
4. builds the baseline in memory: an FTS5 table with ``tokenize='unicode61
   remove_diacritics 0'`` over the raw text of the very same passages
   (``document.text[start:end]`` of ``store.passages(doc_id)``), queried with the query's
   words ANDed (quoted phrases as FTS5 phrases) and ranked by ``bm25``.  A third column
   does the same with FTS5's ``porter`` tokenizer wrapped around unicode61: the only
   stemmer SQLite ships, made for English, shown to make clear that generic stemming is
   not what Swedish needs;
5. reports nDCG@10 (graded gains: 2 or 1, log2 discount, ideal = all judged passages
   sorted by grade) and recall@20 (judged passages in the top 20 / all judged passages)
   per query and on average, the per-query differences, and a paired bootstrap interval
   for the mean difference.

Passages nobody judged count as not relevant.  See bench/README.md for how to read it.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from styrsignal.ingest.pipeline import ingest
from styrsignal.search.engine import search
from styrsignal.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_JUDGMENTS = ROOT / "bench" / "data" / "search_judgments.yaml"
NDCG_AT = 10
RECALL_AT = 20
BOOTSTRAP_SAMPLES = 10_000
TIE = 0.005
"""Per-query differences smaller than this count as equal."""
_QUERY_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_OPERATORS = {"OR", "AND", "NOT", "|"}


# -- judgments -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Judgment:
    doc: str
    quote: str
    grade: int
    occurrence: int | None
    where: str


@dataclass
class Query:
    id: str
    text: str
    judgments: list[Judgment]
    relevant: dict[int, int] = field(default_factory=dict)
    """Passage id -> grade (the highest, when two quotes fall in one passage)."""


def load_judgments(path: Path) -> tuple[list[str], list[Query]]:
    """The corpus folders and the queries; every problem in the file is reported at once."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        sys.exit(f"{path}: cannot read the judgments ({exc})")
    problems: list[str] = []
    if not isinstance(data, dict):
        sys.exit(f"{path}: expected a mapping with 'corpus' and 'queries'")
    folders = (data.get("corpus") or {}).get("folders")
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        problems.append("corpus.folders: a list of folder names under --corpus is required")
        folders = []
    queries: list[Query] = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("queries") or []):
        where = f"queries[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("query"), str):
            problems.append(f"{where}: needs 'id' and 'query' strings")
            continue
        where = f"queries[{i}] ({item['id']})"
        if item["id"] in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item["id"])
        words = [m.group(2) for m in _QUERY_TOKEN.finditer(item["query"]) if m.group(2)]
        if any(w in _OPERATORS or w.startswith(("-", "(")) or w.endswith((")", "*")) for w in words):
            problems.append(f"{where}: only words and \"phrases\" are supported (the baseline ANDs them)")
        judgments: list[Judgment] = []
        for j, rel in enumerate(item.get("relevant") or []):
            at = f"{where}.relevant[{j}]"
            if not isinstance(rel, dict) or set(rel) - {"doc", "quote", "grade", "occurrence"}:
                problems.append(f"{at}: expected doc, quote, grade and optionally occurrence")
                continue
            if not isinstance(rel.get("doc"), str) or not isinstance(rel.get("quote"), str) or not rel["quote"].strip():
                problems.append(f"{at}: 'doc' and a non-empty 'quote' are required")
                continue
            if rel.get("grade") not in (1, 2):
                problems.append(f"{at}: grade must be 1 (relevant) or 2 (highly relevant)")
                continue
            occurrence = rel.get("occurrence")
            if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
                problems.append(f"{at}: occurrence must be a positive integer")
                continue
            judgments.append(Judgment(rel["doc"], " ".join(rel["quote"].split()), rel["grade"], occurrence, at))
        if not judgments:
            problems.append(f"{where}: no relevant passages")
        queries.append(Query(item["id"], item["query"], judgments))
    if problems:
        sys.exit(f"{path}: {len(problems)} problem(s)\n  " + "\n  ".join(problems))
    return folders, queries


# -- the corpus and its passages -------------------------------------------------------------
@dataclass(frozen=True)
class StoredText:
    document_id: int
    name: str
    text: str
    passages: list[tuple[int, int, int]]
    """(passage id, start, end) in text order."""


def ingest_corpus(workspace: Workspace, corpus: Path, folders: Sequence[str], jobs: int | None) -> float:
    paths = [corpus / folder for folder in folders]
    missing = [str(p) for p in paths if not p.is_dir()]
    if missing:
        sys.exit(f"corpus folder(s) not found: {', '.join(missing)} (give the corpus root with --corpus)")
    started = time.perf_counter()
    report = ingest(workspace, paths, jobs=jobs)
    if report.failed:
        lines = "\n  ".join(f"{e.path}: {e.reason}" for e in report.failed)
        sys.exit(f"ingest failed for {len(report.failed)} file(s); the benchmark needs all of them:\n  {lines}")
    return time.perf_counter() - started


def stored_texts(workspace: Workspace) -> dict[str, StoredText]:
    """Every current document by file name, with its passages."""
    store = workspace.store
    result: dict[str, StoredText] = {}
    for listed in store.documents():
        document = store.document(listed.id)
        name = Path(document.source_path).name
        if name in result:
            sys.exit(f"two documents share the file name {name!r}; judgments name documents by file name")
        spans = [(p.id, p.start, p.end) for p in store.passages(document.id)]
        result[name] = StoredText(document.id, name, document.text, spans)
    return result


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of white space made one space, and each character's offset."""
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for offset, char in enumerate(text):
        if char.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            offsets.append(offset - 1)
            pending_space = False
        chars.append(char)
        offsets.append(offset)
    return "".join(chars), offsets


def resolve_judgments(queries: list[Query], texts: dict[str, StoredText]) -> None:
    """Fill each query's ``relevant`` passages from its quotes; stop on any unresolved quote."""
    problems: list[str] = []
    cache: dict[str, tuple[str, list[int]]] = {}
    for query in queries:
        for judgment in query.judgments:
            stored = texts.get(judgment.doc)
            if stored is None:
                problems.append(f"{judgment.where}: no ingested document named {judgment.doc!r}")
                continue
            if stored.name not in cache:
                cache[stored.name] = _normalised(stored.text)
            flat, offsets = cache[stored.name]
            starts = [m.start() for m in re.finditer(re.escape(judgment.quote), flat)]
            if not starts:
                problems.append(f"{judgment.where}: quote not found in {judgment.doc}: {judgment.quote!r}")
                continue
            if judgment.occurrence is None and len(starts) > 1:
                problems.append(f"{judgment.where}: quote occurs {len(starts)} times in {judgment.doc}; "
                                f"lengthen it or add 'occurrence: N': {judgment.quote!r}")
                continue
            index = (judgment.occurrence or 1) - 1
            if index >= len(starts):
                problems.append(f"{judgment.where}: occurrence {index + 1} asked, the quote occurs "
                                f"{len(starts)} time(s) in {judgment.doc}")
                continue
            start = offsets[starts[index]]
            end = offsets[starts[index] + len(judgment.quote) - 1] + 1
            hit = [pid for pid, p_start, p_end in stored.passages if p_start < end and start < p_end]
            if not hit:
                problems.append(f"{judgment.where}: the quote lies in no passage of {judgment.doc} "
                                "(text outside every passage, e.g. a heading)")
                continue
            for pid in hit:
                query.relevant[pid] = max(query.relevant.get(pid, 0), judgment.grade)
    if problems:
        sys.exit(f"{len(problems)} judgment(s) could not be mapped to passages\n  " + "\n  ".join(problems))


# -- the systems -----------------------------------------------------------------------------
def fts5_expression(query: str) -> str:
    """The query's words and phrases, each an FTS5 string (so FTS5 tokenises it), ANDed."""
    parts = []
    for match in _QUERY_TOKEN.finditer(query):
        term = match.group(1) if match.group(1) is not None else match.group(2)
        if term.strip():
            parts.append('"' + term.replace('"', '""') + '"')
    return " AND ".join(parts)


class PlainFts5:
    """An in-memory FTS5 index of the passages' raw text, without Swedish analysis."""

    def __init__(self, texts: dict[str, StoredText], tokenize: str) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(f"CREATE VIRTUAL TABLE passage USING fts5(body, tokenize={tokenize!r})")
        rows = ((pid, stored.text[start:end]) for stored in texts.values() for pid, start, end in stored.passages)
        self.db.executemany("INSERT INTO passage (rowid, body) VALUES (?, ?)", rows)

    def search(self, query: str, limit: int) -> list[int]:
        sql = "SELECT rowid FROM passage WHERE passage MATCH ? ORDER BY bm25(passage) LIMIT ?"
        return [row[0] for row in self.db.execute(sql, (fts5_expression(query), limit))]


def styrsignal_search(workspace: Workspace, query: str, limit: int) -> list[int]:
    return [hit.passage.id for hit in search(workspace, query, limit=limit)]


# -- metrics ---------------------------------------------------------------------------------
def ndcg(ranked: Sequence[int], relevant: dict[int, int], k: int = NDCG_AT) -> float:
    dcg = sum(relevant.get(pid, 0) / math.log2(rank + 2) for rank, pid in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(grade / math.log2(rank + 2) for rank, grade in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: Sequence[int], relevant: dict[int, int], k: int = RECALL_AT) -> float:
    return len(set(ranked[:k]) & relevant.keys()) / len(relevant) if relevant else 0.0


def bootstrap_interval(differences: Sequence[float], samples: int = BOOTSTRAP_SAMPLES) -> tuple[float, float]:
    """A 95% paired bootstrap interval for the mean of per-query differences (fixed seed)."""
    rng = random.Random(20240611)
    n = len(differences)
    means = sorted(sum(rng.choices(differences, k=n)) / n for _ in range(samples))
    return means[int(0.025 * samples)], means[int(0.975 * samples) - 1]


# -- report ----------------------------------------------------------------------------------
SYSTEMS = ("styrsignal", "fts5 unicode61", "fts5 porter")


def _row(label: str, judged: str, values: Sequence[tuple[float, float]]) -> str:
    """One table row: nDCG and recall of styrsignal, plain FTS5, their difference, porter."""
    cells = []
    for index in (0, 1):
        ours, base, porter = (v[index] for v in values)
        diff = round(ours - base, 2) + 0.0  # no "-0.00"
        cells.append(f"{ours:5.2f} {base:5.2f} {diff:+5.2f} {porter:5.2f}")
    return f"{label[:28]:<28} {judged:>3}   {cells[0]}   {cells[1]}"


def print_table(queries: list[Query], scores: dict[str, dict[str, tuple[float, float]]]) -> None:
    print(f"{'':<28} {'':>3}   {'nDCG@' + str(NDCG_AT):<23}   {'recall@' + str(RECALL_AT):<23}")
    names = f"{'styr':>5} {'fts5':>5} {'diff':>5} {'port':>5}"
    print(f"{'query':<28} {'R':>3}   {names}   {names}")
    for query in queries:
        print(_row(query.id, str(len(query.relevant)), [scores[name][query.id] for name in SYSTEMS]))
    means = [(statistics.mean(v[0] for v in scores[name].values()),
              statistics.mean(v[1] for v in scores[name].values())) for name in SYSTEMS]
    print(_row("mean", "", means))


def print_summary(queries: list[Query], scores: dict[str, dict[str, tuple[float, float]]]) -> bool:
    """The mean figures and paired differences; returns whether the goal is met."""
    print()
    met = False
    for metric, index in ((f"nDCG@{NDCG_AT}", 0), (f"recall@{RECALL_AT}", 1)):
        ours = [scores["styrsignal"][q.id][index] for q in queries]
        base = [scores["fts5 unicode61"][q.id][index] for q in queries]
        porter = [scores["fts5 porter"][q.id][index] for q in queries]
        diffs = [a - b for a, b in zip(ours, base, strict=True)]
        low, high = bootstrap_interval(diffs)
        better = sum(d >= TIE for d in diffs)
        worse = sum(d <= -TIE for d in diffs)
        print(f"{metric:<9}  styrsignal {statistics.mean(ours):.3f}   plain FTS5 {statistics.mean(base):.3f}"
              f"   difference {statistics.mean(diffs):+.3f} (95% CI {low:+.3f} … {high:+.3f})"
              f"   better/equal/worse {better}/{len(diffs) - better - worse}/{worse}"
              f"   [FTS5 porter {statistics.mean(porter):.3f}]")
        if index == 0:
            met = low > 0
    print(f"goal       styrsignal clearly better than plain FTS5 (95% CI of the nDCG@{NDCG_AT} difference above 0): "
          + ("met" if met else "NOT met"))
    return met


def show_ranking(query: Query, rankings: dict[str, list[int]], where: dict[int, tuple[str, str]]) -> None:
    """The top 10 of each system with the judged grade of every hit, for reading failures."""
    print(f"\n== {query.id}: {query.text}   ({len(query.relevant)} judged passages)")
    for name in SYSTEMS[:2]:
        print(f"  {name}:")
        for rank, pid in enumerate(rankings[name][:NDCG_AT], 1):
            doc, text = where[pid]
            snippet = " ".join(text.split())[:110]
            print(f"    {rank:>2}. [{query.relevant.get(pid, '-')}] {doc[:38]:<38} {snippet}")
    found = set(rankings["styrsignal"][:RECALL_AT])
    missed = [pid for pid in query.relevant if pid not in found]
    if missed:
        print(f"  judged but not in styrsignal's top {RECALL_AT}:")
        for pid in missed[:15]:
            doc, text = where[pid]
            print(f"    [{query.relevant[pid]}] {doc[:38]:<38} {' '.join(text.split())[:110]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus root; the judgments name the folders under it (default: ../shared/corpus)")
    parser.add_argument("--judgments", type=Path, default=DEFAULT_JUDGMENTS, help="judged query set (YAML)")
    parser.add_argument("--workspace", type=Path,
                        help="ingest into this workspace and keep it (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=None, help="ingest processes (default: as ingest)")
    parser.add_argument("--show", nargs="*", metavar="ID", default=None,
                        help="print the top 10 of both systems for these query ids (no ids: every query)")
    args = parser.parse_args(argv)

    folders, queries = load_judgments(args.judgments)
    unknown = set(args.show or ()) - {q.id for q in queries}
    if unknown:
        sys.exit(f"--show: unknown query id(s) {', '.join(sorted(unknown))}. "
                 f"Available: {', '.join(q.id for q in queries)}")
    with tempfile.TemporaryDirectory(prefix="styrsignal-search-bench-") as tmp:
        workspace = Workspace.open(args.workspace or Path(tmp) / "workspace")
        try:
            seconds = ingest_corpus(workspace, args.corpus, folders, args.jobs)
            texts = stored_texts(workspace)
            resolve_judgments(queries, texts)
            passages = sum(len(t.passages) for t in texts.values())
            judged = sum(len(q.relevant) for q in queries)
            print("styrsignal search quality against plain SQLite FTS5 on the same passages")
            print(f"corpus     {args.corpus} ({', '.join(folders)}): {len(texts)} documents, {passages} passages"
                  f" (ingest {seconds:.0f}s)")
            print(f"judgments  {args.judgments.name}: {len(queries)} queries, {judged} judged passages")
            print(f"metrics    nDCG@{NDCG_AT} (gain = grade 2/1) and recall@{RECALL_AT}; 'port' = FTS5 porter"
                  " (English stemmer), for reference\n")
            baselines = {"fts5 unicode61": PlainFts5(texts, "unicode61 remove_diacritics 0"),
                         "fts5 porter": PlainFts5(texts, "porter unicode61 remove_diacritics 0")}
            scores: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in SYSTEMS}
            rankings: dict[str, dict[str, list[int]]] = {}
            for query in queries:
                ranked = {"styrsignal": styrsignal_search(workspace, query.text, RECALL_AT)}
                for name, index in baselines.items():
                    ranked[name] = index.search(query.text, RECALL_AT)
                rankings[query.id] = ranked
                for name, ids in ranked.items():
                    scores[name][query.id] = (ndcg(ids, query.relevant), recall(ids, query.relevant))
            print_table(queries, scores)
            met = print_summary(queries, scores)
            ranking = getattr(workspace.store, "ranking", None)
            if ranking is not None:
                print(f"engine     styrsignal searches answered by the ranking index: {ranking.ranked}, "
                      f"by FTS5: {ranking.fell_back}")
            if args.show is not None:
                where: dict[int, tuple[str, str]] = {
                    pid: (t.name, t.text[start:end]) for t in texts.values() for pid, start, end in t.passages}
                chosen = [q for q in queries if not args.show or q.id in args.show]
                for query in chosen:
                    show_ranking(query, rankings[query.id], where)
        finally:
            workspace.close()
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
