"""analyze on the example corpus: schema, verbatim quotes at the cited page, reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from styrsignal.analysis.analyze import analyze
from styrsignal.analysis.assessment import Analysis
from styrsignal.analysis.review import review
from styrsignal.errors import UsageError
from styrsignal.ingest.pipeline import ingest
from styrsignal.model import page_at
from styrsignal.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path):
    workspace = Workspace.open(tmp_path_factory.mktemp("analyze") / "ws")
    ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    yield workspace, analyze(workspace)
    workspace.close()


def all_evidence(result: Analysis):
    for a in result.objects:
        yield from a.evidence
        for criterion in (a.criteria.subject, a.criteria.instruments, a.criteria.scope, a.criteria.themes):
            yield from criterion.evidence
        for statement in [*a.opportunities, *a.limitations]:
            yield from statement.evidence
        for actor in a.actors:
            yield from actor.evidence


def test_output_conforms_to_the_documented_schema(analysed) -> None:
    _, result = analysed
    data = json.loads(result.model_dump_json())
    assert Analysis.model_validate(data) == result
    documented = json.loads((REPO / "docs/analysis.schema.json").read_text(encoding="utf-8"))
    assert documented == Analysis.model_json_schema(), "docs/analysis.schema.json is out of date"
    for key in ("framework", "objects", "cross_cutting", "trends"):
        assert key in data
    first = data["objects"][0]
    for key in ("id", "name", "impact", "confidence", "criteria", "rationale", "opportunities", "limitations",
                "actors", "themes", "evidence", "override"):
        assert key in first


def test_every_quote_is_verbatim_at_the_cited_page(analysed) -> None:
    workspace, result = analysed
    texts = {}
    checked = 0
    for evidence in all_evidence(result):
        document = texts.setdefault(evidence.document_id, workspace.store.document(evidence.document_id))
        assert document.text[evidence.start:evidence.end] == evidence.quote
        assert evidence.quote.strip() == evidence.quote and evidence.quote
        assert evidence.page == page_at(document.pages, evidence.start)
        if document.pages:
            assert evidence.page is not None
        checked += 1
    assert checked > 50


def test_verdicts_follow_the_evidence(analysed) -> None:
    _, result = analysed
    objects = {a.id: a for a in result.objects}
    direct = objects["strategi-sociala-foretag"]
    assert direct.impact == "direct"
    assert direct.criteria.subject.met and direct.criteria.instruments.tied_to_subject >= 1
    assert direct.criteria.subject.evidence and direct.opportunities
    shipping = objects["sjofartsstod"]
    assert shipping.impact == "none"
    assert shipping.criteria.subject.passages == 0
    assert any(s.kind == "absence" for s in shipping.limitations)
    for a in result.objects:
        assert 0 < a.confidence <= 1
        assert a.rationale.startswith("Bedömning:")
        if a.impact == "direct":
            assert a.criteria.subject.passages >= 1


def test_english_output(analysed) -> None:
    workspace, _ = analysed
    english = analyze(workspace, lang="en", object_ids=["strategi-sociala-foretag"])
    [a] = english.objects
    assert a.rationale.startswith("Assessment:")
    assert english.lang == "en"


def test_cross_cutting_and_trends(analysed) -> None:
    _, result = analysed
    cc = result.cross_cutting
    assert sum(cc.impact_counts.values()) == len(result.objects)
    for shared in cc.shared_themes:
        carriers = [a.id for a in result.objects if any(t.id == shared.id for t in a.themes)]
        assert sorted(shared.objects) == sorted(carriers) and len(carriers) >= 2
    gap_ids = {g.id for g in cc.gaps}
    assert not any(t.id in gap_ids for a in result.objects for t in a.themes)
    trends = result.trends
    assert trends.periods == sorted(trends.periods)
    for series in trends.themes:
        assert set(series.values) == set(trends.periods)


def test_review_overrides_and_history(analysed, tmp_path: Path, examples_dir: Path) -> None:
    workspace, before = analysed
    target = next(a for a in before.objects if a.impact != "indirect")
    review(workspace, target.id, impact="indirect", note="Öppnar bara indirekt.", author="analytiker")
    statement = (target.opportunities or target.limitations)[0]
    review(workspace, target.id, edit=[(statement.id, "Egen formulering.")], author="analytiker")
    after = {a.id: a for a in analyze(workspace).objects}[target.id]
    assert after.impact == "indirect" and after.automatic_impact == target.automatic_impact
    assert after.override and after.override.note == "Öppnar bara indirekt." and after.override.author == "analytiker"
    assert len(after.override.history) == 2
    edited = next(s for s in [*after.opportunities, *after.limitations] if s.id == statement.id)
    assert edited.text == "Egen formulering." and edited.status == "edited" and edited.proposed_text == statement.text
    # a re-run after new ingest keeps the review
    extra = tmp_path / "extra.txt"
    extra.write_text("Regeringen ger Vinnova i uppdrag att stödja social innovation.\n", encoding="utf-8")
    ingest(workspace, [extra], jobs=1)
    again = {a.id: a for a in analyze(workspace).objects}[target.id]
    assert again.impact == "indirect"
    with pytest.raises(UsageError, match="no statement"):
        review(workspace, target.id, accept=["x123"])
    with pytest.raises(UsageError, match="choose one of"):
        review(workspace, target.id, impact="huge")


def test_drafted_statements_quote_their_own_evidence_and_do_not_repeat(analysed) -> None:
    _, result = analysed
    drafted = 0
    for a in result.objects:
        cited: set[tuple[str, int]] = set()
        for statement in [*a.opportunities, *a.limitations]:
            if statement.kind == "absence":
                assert not statement.evidence
                continue
            drafted += 1
            assert len(statement.evidence) == 1
            evidence = statement.evidence[0]
            key = (statement.kind, evidence.passage_id)
            assert key not in cited, f"{a.id}: two {statement.kind} statements draw on one passage"
            cited.add(key)
            excerpt = statement.text.split(": ”", 1)[1].rstrip("”")
            for piece in excerpt.strip("…").split("…"):
                assert " ".join(piece.split()) in " ".join(evidence.quote.split())
            words = statement.text.split(":", 1)[0].lower().split()
            assert words.count("finansiering") <= 1, statement.text  # never "finansiering genom finansiering"
            assert " 1 stycken" not in statement.text
        assert " 1 stycken" not in a.rationale
    assert drafted >= 10
