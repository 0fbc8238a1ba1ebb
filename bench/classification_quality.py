"""Classification quality: styrsignal's automatic impact verdict against a labelled development set.

    python bench/classification_quality.py [--corpus DIR] [--workspace DIR] [--jobs N] [--lang en|sv]
                                           [--show-all] [--fail-under ACCURACY]

The development set is ``tests/data/classification/``:

* ``objects.yaml``: analysis objects in styrsignal's objects-file format, except that the paths
  are globs relative to the corpus root (``--corpus``, by default ``../shared/corpus`` next to
  the repository), because the corpus is not part of the repository;
* ``labels.yaml``: for every object its label (``direct``, ``indirect`` or ``none``), the
  reason, and optionally the ``alternative`` label a careful analyst could also defend.

The script

1. checks the set: every object is labelled with a valid label and a reason, no label names an
   unknown object, and every path matches a file under the corpus (all problems at once);
2. writes a resolved copy of the objects file (absolute paths) into a fresh temporary
   workspace (or ``--workspace``, which is kept) and ingests it with
   ``styrsignal.ingest.pipeline.ingest``;
3. runs ``styrsignal.analysis.analyze.analyze(ws)`` and compares each object's
   ``automatic_impact`` (the classifier's verdict, before any analyst review) with its label;
4. prints accuracy, balanced accuracy (mean per-class recall), the 3×3 confusion matrix,
   per-class precision and recall, and every disagreement with the label's reason, the
   classifier's rationale and its checklist numbers (subject passages and terms, instrument
   passages and those tied to the subject, aligned themes), so a developer can see why.

See bench/README.md for how to read it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from styrsignal.analysis.analyze import analyze
from styrsignal.analysis.assessment import ObjectAssessment
from styrsignal.ingest.pipeline import ingest
from styrsignal.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEVSET = ROOT / "tests" / "data" / "classification"
DEFAULT_OBJECTS = DEVSET / "objects.yaml"
DEFAULT_LABELS = DEVSET / "labels.yaml"
CLASSES = ("direct", "indirect", "none")
RESOLVED_NAME = "objects.resolved.yaml"


# -- the development set ---------------------------------------------------------------------
@dataclass(frozen=True)
class Label:
    label: str
    reason: str
    alternative: str | None = None


@dataclass
class DevSet:
    objects: dict[str, dict[str, Any]]
    """Object id -> the object's entry as written (id, name, documents)."""
    labels: dict[str, Label]
    raw: dict[str, Any] = field(default_factory=dict)
    """The objects file as loaded, to write a resolved copy from."""


def load_devset(objects_path: Path = DEFAULT_OBJECTS, labels_path: Path = DEFAULT_LABELS) -> DevSet:
    """The objects and their labels; every problem in the two files is reported at once."""
    problems = devset_problems(objects_path, labels_path)
    if problems:
        sys.exit(f"{len(problems)} problem(s) in the development set\n  " + "\n  ".join(problems))
    raw = yaml.safe_load(objects_path.read_text(encoding="utf-8"))
    labels = yaml.safe_load(labels_path.read_text(encoding="utf-8"))["labels"]
    return DevSet({str(o["id"]): o for o in raw["objects"]},
                  {str(k): Label(v["label"], " ".join(v["reason"].split()), v.get("alternative"))
                   for k, v in labels.items()}, raw)


def devset_problems(objects_path: Path = DEFAULT_OBJECTS, labels_path: Path = DEFAULT_LABELS) -> list[str]:
    """What is wrong with the two files (empty when they are well-formed and agree)."""
    problems: list[str] = []
    try:
        raw = yaml.safe_load(objects_path.read_text(encoding="utf-8"))
        labels = (yaml.safe_load(labels_path.read_text(encoding="utf-8")) or {}).get("labels")
    except (OSError, yaml.YAMLError) as exc:
        return [f"cannot read the development set ({exc})"]
    if not isinstance(raw, dict) or not isinstance(raw.get("objects"), list):
        return [f"{objects_path.name}: expected a mapping with an 'objects' list"]
    if not isinstance(labels, dict):
        return [f"{labels_path.name}: expected a mapping with a 'labels' mapping"]
    ids: list[str] = []
    for i, obj in enumerate(raw["objects"]):
        where = f"{objects_path.name}: objects[{i}]"
        if not isinstance(obj, dict) or not obj.get("id") or not obj.get("name"):
            problems.append(f"{where}: needs 'id' and 'name'")
            continue
        oid = str(obj["id"])
        if oid in ids:
            problems.append(f"{where}: id {oid!r} is used twice")
        ids.append(oid)
        docs = obj.get("documents")
        if not isinstance(docs, list) or not docs or not all(isinstance(d, dict) and d.get("path") for d in docs):
            problems.append(f"{where} ({oid}): needs a list of documents, each with a 'path'")
        elif any(Path(str(d["path"])).is_absolute() for d in docs):
            problems.append(f"{where} ({oid}): paths must be relative to the corpus root")
    for oid in ids:
        entry = labels.get(oid)
        if entry is None:
            problems.append(f"{labels_path.name}: object {oid!r} has no label")
            continue
        if not isinstance(entry, dict) or entry.get("label") not in CLASSES:
            problems.append(f"{labels_path.name}: {oid}: label must be one of {', '.join(CLASSES)}")
            continue
        if not isinstance(entry.get("reason"), str) or len(entry["reason"].split()) < 10:
            problems.append(f"{labels_path.name}: {oid}: a written reason (at least a sentence) is required")
        alternative = entry.get("alternative")
        if alternative is not None and (alternative not in CLASSES or alternative == entry["label"]):
            problems.append(f"{labels_path.name}: {oid}: alternative must be another of {', '.join(CLASSES)}")
        unknown = sorted(set(entry) - {"label", "reason", "alternative"})
        if unknown:
            problems.append(f"{labels_path.name}: {oid}: unknown keys {unknown}")
    for oid in labels:
        if str(oid) not in ids:
            problems.append(f"{labels_path.name}: label for unknown object {oid!r}")
    return problems


def unmatched_paths(devset: DevSet, corpus: Path) -> list[str]:
    """Object paths that match no file under ``corpus``."""
    missing = []
    for oid, obj in devset.objects.items():
        for doc in obj["documents"]:
            pattern = str(doc["path"])
            if not any(p.is_file() for p in corpus.glob(pattern)):
                missing.append(f"{oid}: {pattern}")
    return missing


def write_resolved_objects(devset: DevSet, corpus: Path, destination: Path) -> Path:
    """A copy of the objects file with every path made absolute under ``corpus``; returns its path."""
    resolved = {"objects": [
        {**obj, "documents": [{**doc, "path": str(corpus.resolve() / str(doc["path"]))}
                              for doc in obj["documents"]]}
        for obj in devset.raw["objects"]
    ]}
    path = destination / RESOLVED_NAME
    path.write_text("# Written by bench/classification_quality.py; paths resolved against the corpus.\n"
                    + yaml.safe_dump(resolved, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- running the classifier ------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    id: str
    label: Label
    predicted: str
    assessment: ObjectAssessment

    @property
    def correct(self) -> bool:
        return self.predicted == self.label.label


@dataclass
class Evaluation:
    rows: list[Row]
    failures: list[str]
    seconds_ingest: float = 0.0
    seconds_analyze: float = 0.0

    @property
    def accuracy(self) -> float:
        return sum(r.correct for r in self.rows) / max(len(self.rows), 1)

    def confusion(self) -> dict[str, dict[str, int]]:
        """Label (row) -> predicted (column) -> count."""
        matrix = {gold: dict.fromkeys(CLASSES, 0) for gold in CLASSES}
        for row in self.rows:
            matrix[row.label.label][row.predicted] += 1
        return matrix

    def precision_recall(self) -> dict[str, tuple[float | None, float | None, int]]:
        """Class -> (precision, recall, support); None where undefined (nothing predicted or labelled)."""
        matrix = self.confusion()
        result = {}
        for c in CLASSES:
            predicted = sum(matrix[g][c] for g in CLASSES)
            support = sum(matrix[c].values())
            result[c] = (matrix[c][c] / predicted if predicted else None,
                         matrix[c][c] / support if support else None, support)
        return result

    @property
    def balanced_accuracy(self) -> float:
        recalls = [r for _, r, _ in self.precision_recall().values() if r is not None]
        return sum(recalls) / max(len(recalls), 1)


def ingest_devset(workspace: Workspace, devset: DevSet, corpus: Path, jobs: int | None = None) -> list[str]:
    """Ingest the set's documents with its objects; returns the ingest failures, one line each."""
    objects_file = write_resolved_objects(devset, corpus, workspace.root)
    report = ingest(workspace, [], objects_file=objects_file, jobs=jobs)
    return [f"{e.path}: {e.reason}" for e in report.events if e.status == "failed"]


def evaluate_workspace(workspace: Workspace, devset: DevSet, *, lang: str = "en") -> list[Row]:
    """Analyse an ingested workspace and pair every labelled object with its automatic verdict."""
    analysis = analyze(workspace, lang=lang, object_ids=list(devset.objects))
    by_id = {a.id: a for a in analysis.objects}
    rows = []
    for oid, label in devset.labels.items():
        assessment = by_id.get(oid)
        if assessment is None:
            raise SystemExit(f"object {oid!r} is missing from the analysis (did its documents fail to ingest?)")
        rows.append(Row(oid, label, assessment.automatic_impact, assessment))
    return rows


def evaluate(corpus: Path = DEFAULT_CORPUS, workspace: Path | None = None, *, jobs: int | None = None,
             lang: str = "en", devset: DevSet | None = None) -> Evaluation:
    """Ingest, analyse and compare; in a temporary workspace unless one is given."""
    devset = devset or load_devset()
    missing = unmatched_paths(devset, corpus)
    if missing:
        raise SystemExit(f"{corpus}: {len(missing)} object path(s) match no file\n  " + "\n  ".join(missing))
    with tempfile.TemporaryDirectory(prefix="styrsignal-classification-") as tmp, \
            Workspace.open(workspace or tmp) as ws:
        started = time.perf_counter()
        failures = ingest_devset(ws, devset, corpus, jobs)
        ingested = time.perf_counter()
        rows = evaluate_workspace(ws, devset, lang=lang)
        done = time.perf_counter()
    return Evaluation(rows, failures, ingested - started, done - ingested)


# -- the report ------------------------------------------------------------------------------
def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


def checklist_line(a: ObjectAssessment) -> str:
    c = a.criteria
    terms = ", ".join(c.subject.terms) or "-"
    levels = dict(sorted(c.scope.levels.items())) or "-"
    kinds = ", ".join(f"{k.id} {k.passages}/{k.tied_to_subject}" for k in c.instruments.kinds) or "-"
    aligned = ", ".join(f"{t.id} {t.passages}p {t.score:g}" for t in c.themes.aligned) or "-"
    present = ", ".join(f"{t.id} {t.passages}p" for t in a.themes[:6]) or "-"
    return "\n".join([
        f"passages {a.passages_total}; confidence {a.confidence:.2f}{'; THIN evidence' if a.thin_evidence else ''}; "
        f"documents: {', '.join(sorted({d.doc_type for d in a.documents}))}",
        f"subject      {c.subject.passages} passages (met: {c.subject.met}); terms: {terms}",
        f"instruments  {c.instruments.passages} passages, {c.instruments.tied_to_subject} tied to the subject "
        f"(met: {c.instruments.met}); kind passages/tied: {kinds}",
        f"themes       aligned (met: {c.themes.met}): {aligned}",
        f"             present: {present}",
        f"scope        {levels}; national instrument: {c.scope.national_instrument}",
    ])


def print_report(result: Evaluation, corpus: Path, *, show_all: bool = False, out: TextIO = sys.stdout) -> None:
    rows = result.rows
    n = len(rows)
    borderline = [r for r in rows if r.label.alternative]
    print("styrsignal classification quality (rules on text and metadata; automatic verdict, no reviews)", file=out)
    print(f"corpus   {corpus}", file=out)
    print(f"set      {n} objects: " + ", ".join(f"{sum(r.label.label == c for r in rows)} {c}" for c in CLASSES)
          + f"; {len(borderline)} marked borderline (label has an alternative)", file=out)
    print(f"time     ingest {result.seconds_ingest:.1f}s, analyze {result.seconds_analyze:.1f}s", file=out)
    if result.failures:
        print(f"WARNING  {len(result.failures)} ingest failure(s):", file=out)
        for line in result.failures:
            print(f"  {line}", file=out)
    print(file=out)
    correct = sum(r.correct for r in rows)
    print(f"accuracy           {result.accuracy:.3f}  ({correct}/{n})", file=out)
    print(f"balanced accuracy  {result.balanced_accuracy:.3f}  (mean of per-class recall)", file=out)
    clear = [r for r in rows if not r.label.alternative]
    lenient = sum(r.correct or r.predicted == r.label.alternative for r in rows)
    print(f"clear objects      {sum(r.correct for r in clear) / max(len(clear), 1):.3f}  "
          f"({sum(r.correct for r in clear)}/{len(clear)}, objects without an alternative label)", file=out)
    print(f"lenient accuracy   {lenient / max(n, 1):.3f}  ({lenient}/{n}, the alternative label also counts)",
          file=out)
    print(file=out)
    matrix = result.confusion()
    print("confusion matrix (rows: label, columns: styrsignal)", file=out)
    print(f"{'':>12}" + "".join(f"{c:>10}" for c in CLASSES) + f"{'total':>8}", file=out)
    for gold in CLASSES:
        print(f"{gold:>12}" + "".join(f"{matrix[gold][p]:>10}" for p in CLASSES)
              + f"{sum(matrix[gold].values()):>8}", file=out)
    print(f"{'total':>12}" + "".join(f"{sum(matrix[g][p] for g in CLASSES):>10}" for p in CLASSES)
          + f"{n:>8}", file=out)
    print(file=out)
    print(f"{'class':>12}{'precision':>11}{'recall':>9}{'support':>9}", file=out)
    for c, (precision, recall, support) in result.precision_recall().items():
        print(f"{c:>12}{_pct(precision):>11}{_pct(recall):>9}{support:>9}", file=out)
    print(file=out)
    shown = rows if show_all else [r for r in rows if not r.correct]
    title = "all objects" if show_all else "disagreements"
    print(f"{title} ({len(shown)})", file=out)
    for r in sorted(shown, key=lambda r: (r.correct, CLASSES.index(r.label.label), r.id)):
        mark = "ok " if r.correct else "XX "
        alt = f" (alternative: {r.label.alternative})" if r.label.alternative else ""
        print(f"\n{mark}{r.id}: label {r.label.label}{alt}, styrsignal {r.predicted}", file=out)
        print(textwrap.indent(textwrap.fill(f"label reason: {r.label.reason}", 110), "    "), file=out)
        print(textwrap.indent(textwrap.fill(f"rationale: {r.assessment.rationale}", 110), "    "), file=out)
        print(textwrap.indent(checklist_line(r.assessment), "    "), file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="corpus root the object paths are relative to (default: ../shared/corpus)")
    parser.add_argument("--objects", type=Path, default=DEFAULT_OBJECTS, help="objects file of the set")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labels file of the set")
    parser.add_argument("--workspace", type=Path, default=None,
                        help="ingest into this workspace and keep it (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=None, help="processes for the ingest (default: as ingest)")
    parser.add_argument("--lang", choices=["en", "sv"], default="en", help="language of the rationale")
    parser.add_argument("--show-all", action="store_true", help="print every object, not only disagreements")
    parser.add_argument("--fail-under", type=float, default=None,
                        help="exit with status 1 when the accuracy is below this")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        sys.exit(f"{corpus}: no such corpus folder (use --corpus)")
    devset = load_devset(args.objects, args.labels)
    result = evaluate(corpus, args.workspace, jobs=args.jobs, lang=args.lang, devset=devset)
    print_report(result, corpus, show_all=args.show_all)
    if args.fail_under is not None and result.accuracy < args.fail_under:
        print(f"\naccuracy {result.accuracy:.3f} is below --fail-under {args.fail_under}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
