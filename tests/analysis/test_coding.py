"""Coding the example corpus with the default framework: evidence, actors, re-runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrsignal.analysis.coding import code_corpus, ensure_coding, passage_score, term_groups
from styrsignal.analysis.framework import load_framework
from styrsignal.analysis.summary import actor_matrix, compare_runs, summarise_run, theme_matrix
from styrsignal.ingest.pipeline import ingest
from styrsignal.workspace import Workspace


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path):
    workspace = Workspace.open(tmp_path_factory.mktemp("coding") / "ws")
    ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    framework = load_framework()
    run = code_corpus(workspace, framework)
    yield workspace, framework, run
    workspace.close()


def by_id(summaries, object_id):
    return next(s for s in summaries if s.object.id == object_id)


def test_every_coding_carries_its_evidence(coded) -> None:
    workspace, framework, run = coded
    codings = workspace.store.codings(run.id)
    assert len(codings) > 50
    texts: dict[int, str] = {}
    passages = {p.id: p for d in workspace.store.documents() for p in workspace.store.passages(d.id)}
    themes = {t.id for t in framework.themes}
    groups = set(term_groups(framework))
    assert {c.theme_id for c in codings} <= groups
    assert {c.theme_id for c in codings} & themes
    assert {"@subject", "@enabling", "@scope:sweden"} <= {c.theme_id for c in codings}
    for coding in codings:
        assert 0 < coding.score <= 1
        assert coding.terms and coding.spans
        text = texts.setdefault(coding.document_id, workspace.store.document(coding.document_id).text)
        passage = passages[coding.passage_id]
        for start, end in coding.spans:
            assert passage.start <= start < end <= passage.end
            assert text[start:end].strip() == text[start:end] and text[start:end]


def test_themes_per_object_follow_the_text(coded) -> None:
    workspace, framework, run = coded
    summaries = summarise_run(workspace, framework, run)
    strategy = by_id(summaries, "strategi-sociala-foretag")
    themes = {t.id: t for t in strategy.themes}
    assert "social-innovation" in themes and themes["social-innovation"].passages >= 3
    assert "civil-society-social-economy" in themes
    # the shipping-aid bill is about shipping: no social innovation, no civil society
    shipping = {t.id for t in by_id(summaries, "sjofartsstod").themes}
    assert "social-innovation" not in shipping
    assert "civil-society-social-economy" not in shipping
    # scores are ordered and relative to the object's size
    scores = [t.score for t in strategy.themes]
    assert scores == sorted(scores, reverse=True)


def test_actors_and_roles(coded) -> None:
    workspace, framework, run = coded
    summaries = summarise_run(workspace, framework, run)
    wise = {a.name: a for a in by_id(summaries, "arbetsintegrerande-sociala-foretag").actors}
    assert "Tillväxtverket" in wise and "Arbetsförmedlingen" in wise
    assert wise["Tillväxtverket"].roles.get("commissioned", 0) >= 1
    assert all(a.mentions >= a.passages >= 1 for a in wise.values())
    header, rows = actor_matrix(summaries)
    assert header[:3] == ["actor", "kind", "registered"]
    row = next(r for r in rows if r[0] == "Tillväxtverket")
    assert sum(row[3:]) == sum(a.mentions for s in summaries for a in s.actors if a.name == "Tillväxtverket")


def test_theme_matrix_matches_summaries(coded) -> None:
    workspace, framework, run = coded
    summaries = summarise_run(workspace, framework, run)
    header, rows = theme_matrix(framework, summaries)
    assert header[2:] == [s.object.id for s in summaries]
    assert [r[0] for r in rows] == [t.id for t in framework.themes]
    column = header.index("iop")
    iop = {t.id: t.passages for t in by_id(summaries, "iop").themes}
    for row in rows:
        assert row[column] == iop.get(row[0], 0)


def test_same_framework_reuses_the_run_and_a_changed_one_shows_the_difference(coded, tmp_path: Path) -> None:
    workspace, framework, run = coded
    assert ensure_coding(workspace, framework).id == run.id
    source = framework.source.read_text(encoding="utf-8")
    # the civil-society theme gains the term "överenskommelse"
    changed = tmp_path / "framework.yaml"
    text = source.replace(f'version: "{framework.version}"', f'version: "{framework.version}-test"')
    assert text != source
    changed.write_text(text.replace("        - idéburen sektor\n", "        - idéburen sektor\n"
                                    "        - överenskommelse\n", 1), encoding="utf-8")
    edited = load_framework(changed)
    assert edited.version_key != framework.version_key
    second = ensure_coding(workspace, edited)
    assert second.id != run.id
    changes = compare_runs(workspace, run, second)
    assert changes
    assert all(c.theme_id == "civil-society-social-economy" for c in changes)
    assert all(c.added >= 1 and c.removed == 0 for c in changes)
    assert "si-overenskommelsen-sociala-omradet-skr-2008-09-207-01" in {c.object_id for c in changes}


@pytest.mark.parametrize(("distinct", "occurrences", "expected"), [
    (1, 1, 0.5), (2, 2, 0.75), (1, 3, 1 - 0.5 ** 1.5), (3, 3, 0.875)])
def test_passage_score(distinct: int, occurrences: int, expected: float) -> None:
    assert passage_score(distinct, occurrences) == round(expected, 4)


def test_codings_are_written_in_batches_and_an_interrupted_run_is_never_used(
        tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import styrsignal.analysis.coding as coding

    workspace = Workspace.open(tmp_path / "ws")
    ingest(workspace, [examples_dir], objects_file=examples_dir / "objects.yaml", jobs=1)
    framework = load_framework()
    store = workspace.store
    batches: list[int] = []
    real_add = store.add_to_coding_run

    def add(run_id, codings, mentions):
        batches.append(len(codings) + len(mentions))
        real_add(run_id, codings, mentions)

    monkeypatch.setattr(coding, "SAVE_EVERY", 100)
    monkeypatch.setattr(store, "add_to_coding_run", add)
    monkeypatch.setattr(store, "finish_coding_run", lambda run_id, state: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        code_corpus(workspace, framework)
    assert len(batches) >= 5  # flushed as it went, not all at the end
    assert store.coding_runs() == []  # the interrupted run is invisible
    monkeypatch.undo()
    run = ensure_coding(workspace, framework)
    assert store.coding_runs() == [run]
    pending = store.db.execute("SELECT COUNT(*) FROM coding_runs").fetchone()[0]  # type: ignore[attr-defined]
    assert pending == 1  # the next run removed the interrupted one
    assert len(store.codings(run.id)) == sum(1 for _ in store.db.execute(  # type: ignore[attr-defined]
        "SELECT 1 FROM codings"))
    workspace.close()
