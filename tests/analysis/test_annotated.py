"""annotate_document: a document's passages with the themes they are coded to and the actors
they name, every offset pointing into the stored text."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrsignal.analysis.annotated import annotate_document
from styrsignal.analysis.coding import ensure_coding, is_criterion
from styrsignal.analysis.framework import load_framework
from styrsignal.errors import UsageError
from styrsignal.ingest.pipeline import ingest
from styrsignal.workspace import Workspace

TEXT = """---
title: Uppdrag om sociala företag
---

# Uppdrag om sociala företag

Regeringen ger Tillväxtverket i uppdrag att stödja sociala företag och social innovation i hela
landet. Vinnova ska samverka med idéburna organisationer.

## Finansiering

Uppdraget finansieras med 10 miljoner kronor per år under 2025–2027.

## Övrigt

Uppdraget ska redovisas till Näringsdepartementet.
"""


@pytest.fixture(scope="module")
def annotated_workspace(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path):
    base = tmp_path_factory.mktemp("annotated")
    (base / "docs").mkdir()
    (base / "docs" / "uppdrag.md").write_text(TEXT, encoding="utf-8")
    workspace = Workspace.open(base / "ws")
    ingest(workspace, [base / "docs", examples_dir / "pdf"], jobs=1)
    yield workspace
    workspace.close()


def test_before_coding_the_text_is_there_without_annotations(tmp_path: Path) -> None:
    (tmp_path / "uppdrag.md").write_text(TEXT, encoding="utf-8")
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [tmp_path / "uppdrag.md"], jobs=1)
        [document] = workspace.store.documents()
        annotated = annotate_document(workspace, load_framework(), document.id)
    assert annotated.coding_run is None
    assert annotated.passages and not any(p.themes or p.actors for p in annotated.passages)
    assert annotated.themes == []


def test_passages_carry_their_themes_spans_and_actors(annotated_workspace) -> None:
    framework = load_framework()
    run = ensure_coding(annotated_workspace, framework)
    store = annotated_workspace.store
    document = next(d for d in store.documents() if d.source_path.endswith(".md"))
    text = store.document(document.id).text
    annotated = annotate_document(annotated_workspace, framework, document.id)
    assert annotated.coding_run == run.id
    assert annotated.title == "Uppdrag om sociala företag"
    assert [o.id for o in annotated.objects] == ["uppdrag"]
    assert [p.id for p in annotated.passages] == [p.id for p in store.passages(document.id)]
    theme_ids = [t.id for t in framework.themes]
    for passage in annotated.passages:
        assert passage.text == text[passage.start:passage.end]
        assert [t.id for t in passage.themes] == sorted((t.id for t in passage.themes), key=theme_ids.index)
        for theme in passage.themes:
            assert not is_criterion(theme.id)
            for start, end in theme.spans:
                assert passage.start <= start < end <= passage.end
        for actor in passage.actors:
            assert text[actor.start:actor.end] == actor.surface
    first = annotated.passages[0]
    assert "social-innovation" in [t.id for t in first.themes]
    assert {"Regeringen", "Tillväxtverket", "Vinnova"} <= {a.name for a in first.actors}
    coded = {t.id: t.passages for t in annotated.themes}
    assert coded == {tid: sum(1 for p in annotated.passages if tid in [t.id for t in p.themes]) for tid in coded}
    assert [h.text for h in annotated.headings] == ["Uppdrag om sociala företag", "Finansiering", "Övrigt"]
    english = annotate_document(annotated_workspace, framework, document.id, lang="en")
    assert english.doc_type_label != annotated.doc_type_label or english.doc_type == "ovrigt"
    assert {t.label for t in english.themes} == {framework.theme(t.id).label.get("en") for t in english.themes}


def test_pages_of_a_pdf_and_their_headings(annotated_workspace) -> None:
    framework = load_framework()
    store = annotated_workspace.store
    document = max((d for d in store.documents() if d.format == "pdf"), key=lambda d: d.page_count or 0)
    annotated = annotate_document(annotated_workspace, framework, document.id)
    assert annotated.page_count == document.page_count
    pages = {p.page_start for p in annotated.passages}
    assert len(pages) > 1 and None not in pages
    assert all(h.page is not None for h in annotated.headings)


def test_an_unknown_document_is_a_usage_error(annotated_workspace) -> None:
    with pytest.raises(UsageError, match="no document"):
        annotate_document(annotated_workspace, load_framework(), 999_999)
