"""objects.yaml: validation with locations, globs, overrides and implicit objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrsignal.corpus import object_records
from styrsignal.errors import ObjectsFileError
from styrsignal.ingest.objects import load_objects
from styrsignal.ingest.pipeline import ingest


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_reported_with_line(tmp_path: Path) -> None:
    objects = write(tmp_path / "objects.yaml", """\
objects:
  - id: a
    name: "A"
    documents:
      - path: a.txt
        date: not-a-date
  - id: b
    documents:
      - path: b.txt
        titel: "typo"
""")
    with pytest.raises(ObjectsFileError) as info:
        load_objects(objects)
    message = str(info.value)
    assert "3 problem(s)" in message
    assert f"{objects}:6 objects[0].documents[0].date" in message
    assert f"{objects}:7 objects[1].name: Field required (required)" in message
    assert f"{objects}:10 objects[1].documents[0].titel" in message
    assert "unknown field" in message


def test_duplicate_ids_and_bad_yaml(tmp_path: Path) -> None:
    dup = write(tmp_path / "dup.yaml", "objects:\n  - {id: x, name: X, documents: [{path: a}]}\n"
                "  - {id: x, name: Y, documents: [{path: b}]}\n")
    with pytest.raises(ObjectsFileError, match="used twice"):
        load_objects(dup)
    broken = write(tmp_path / "broken.yaml", "objects:\n  - id: [unclosed\n")
    with pytest.raises(ObjectsFileError, match=r"broken.yaml:\d+: invalid YAML"):
        load_objects(broken)


def test_example_objects_resolve(examples_dir: Path) -> None:
    resolved = load_objects(examples_dir / "objects.yaml")
    assert not resolved.unmatched
    assert len(resolved.files["strategi-sociala-foretag"]) == 5
    assert all(path.is_file() for path in resolved.all_files())


def test_objects_group_documents_and_overrides_apply(workspace, examples_dir: Path) -> None:
    report = ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    assert report.count("failed") == 0
    records = {r["id"]: r for r in object_records(workspace)}
    iop = records["iop"]
    assert not iop["implicit"]
    assert len(iop["documents"]) == 6
    # a document no object names is an object of its own
    implicit = [r for r in records.values() if r["implicit"]]
    assert {Path(r["documents"][0]["source_path"]).name for r in implicit} >= {
        "se_bfs-2017-2_statsbidrag-allmanna-samlingslokaler.pdf",
        "si_sociala-investeringsfonder-civilsamhalle-2018__01.txt"}
    assert all(len(r["documents"]) == 1 for r in implicit)
    # overrides from the objects file win over extraction, and say where they came from
    docs = {Path(d.source_path).name: d for d in workspace.store.documents()}
    elderly = docs["si_uppdrag-vinnova-social-innovation-aldre-2011__01.txt"].metadata
    assert elderly.doc_type.value == "regeringsuppdrag"
    assert elderly.issuer == "Regeringen"
    assert elderly.sources["issuer"] == "objects file objects.yaml"


def test_unmatched_pattern_is_a_recorded_failure(workspace, tmp_path: Path, examples_dir: Path) -> None:
    objects = write(tmp_path / "objects.yaml", f"""\
objects:
  - id: one
    name: One
    documents:
      - path: {examples_dir}/text/si_strategi-sociala-foretag-2018__01.txt
      - path: nowhere/*.pdf
""")
    report = ingest(workspace, [], objects_file=objects, jobs=1)
    assert report.count("added") == 1
    [failure] = report.failed
    assert "nowhere/*.pdf" in failure.path and "matches no file" in failure.reason
    assert [f.reason for f in workspace.store.failures()] == [failure.reason]
