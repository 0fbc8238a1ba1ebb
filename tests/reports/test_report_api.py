"""The report API around the writers: the format registry, the command, languages and hostile text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from styrsignal.analysis.analyze import analyze
from styrsignal.analysis.framework import load_framework
from styrsignal.cli import report_commands
from styrsignal.cli.app import _global
from styrsignal.errors import UsageError
from styrsignal.ingest.pipeline import ingest
from styrsignal.reports import build_report_for, format_for, formats, register_format, write_report
from styrsignal.reports.blocks import Report
from styrsignal.reports.content import CorpusSummary, build_report
from styrsignal.reports.html import print_css, render_html
from styrsignal.reports.i18n import LABELS, Words
from styrsignal.reports.markdown import escape, heading_slug
from styrsignal.reports.xlsx import sheet_title
from styrsignal.workspace import Workspace


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path):
    """A workspace of two objects of the example corpus, analysed."""
    root = tmp_path_factory.mktemp("report-api")
    workspace = Workspace.open(root / "ws")
    ingest(workspace, [examples_dir / "docx", examples_dir / "pdf"], jobs=1)
    yield workspace, root
    workspace.close()


def app_with_report() -> typer.Typer:
    """The CLI's global options and the report command (as ``cli/app.py`` registers it)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.callback()(_global)
    report_commands.register(app)
    return app


# --- the registry -------------------------------------------------------------------------

def test_builtin_formats_and_suffixes() -> None:
    assert {"docx", "pdf", "html", "md", "xlsx"} <= set(formats())
    assert format_for(Path("a.DOCX")) == "docx"
    assert format_for(Path("a.htm")) == "html"
    assert format_for(Path("a.markdown")) == "md"
    assert format_for(Path("a.bin"), "pdf") == "pdf"
    with pytest.raises(UsageError, match=r"cannot tell the format.*docx, pdf, html, md, xlsx"):
        format_for(Path("rapport.txt"))
    with pytest.raises(UsageError, match=r"unknown report format\. Available: docx"):
        format_for(Path("a.pdf"), "odt")


def test_a_registered_format_gets_the_same_report_model(small) -> None:
    workspace, root = small
    received: list[Report] = []

    def plain_text(report: Report, out: Path) -> list[Path]:
        received.append(report)
        out.write_text("\n".join(s.heading for s in report.walk()), encoding="utf-8")
        return [out]

    register_format("txt-test", plain_text, suffixes=(".txt-test",))
    [out] = write_report(workspace, root / "out" / "r.txt-test")
    assert received and received[0].lang == "sv"
    assert "3 Klassificering av analysobjekt" in out.read_text(encoding="utf-8")


# --- the command --------------------------------------------------------------------------

def test_report_command_writes_the_chosen_format(small) -> None:
    workspace, root = small
    ids = [a.id for a in analyze(workspace).objects][:2]
    out = root / "cli" / "report.html"
    result = CliRunner().invoke(app_with_report(), ["--workspace", str(workspace.root), "report", "--out", str(out),
                                                    "--lang", "en", "--objects", ",".join(ids)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    tree = LexborHTMLParser(out.read_text(encoding="utf-8"))
    assert tree.css_first("html").attributes["lang"] == "en"
    assert sorted(s.attributes["id"] for s in tree.css("section.object")) == sorted(f"obj-{i}" for i in ids)


def test_report_command_from_a_saved_analysis(small) -> None:
    workspace, root = small
    saved = root / "analysis.json"
    analysis = analyze(workspace, lang="en")
    saved.write_text(analysis.model_dump_json(), encoding="utf-8")
    out = root / "cli" / "saved.md"
    app = app_with_report()
    result = CliRunner().invoke(app, ["--workspace", str(workspace.root), "report", "--out", str(out),
                                      "--analysis", str(saved)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert Words("en").date(analysis.generated_at) in text and "## 3 Classification" in text
    result = CliRunner().invoke(app, ["--workspace", str(workspace.root), "report", "--out", str(out),
                                      "--analysis", str(saved), "--lang", "sv"])
    assert isinstance(result.exception, UsageError) and "is in en, not sv" in str(result.exception)
    broken = root / "broken.json"
    broken.write_text(json.dumps({"objects": []}), encoding="utf-8")
    result = CliRunner().invoke(app, ["--workspace", str(workspace.root), "report", "--out", str(out),
                                      "--analysis", str(broken)])
    assert isinstance(result.exception, UsageError) and "analyze --out" in str(result.exception)


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "r.odt"], "cannot tell the format"),
    (["--out", "r.pdf", "--lang", "de"], "choose sv or en"),
    (["--out", "r.md", "--objects", "no-such-object"], "no analysis object matches"),
])
def test_report_command_refuses_bad_values(small, args: list[str], message: str) -> None:
    workspace, root = small
    result = CliRunner().invoke(app_with_report(), ["--workspace", str(workspace.root), "report",
                                                    *[str(root / a) if a.startswith("r.") else a for a in args]])
    assert isinstance(result.exception, UsageError) and message in str(result.exception)


def test_a_saved_analysis_must_match_the_framework(small) -> None:
    workspace, _ = small
    analysis = analyze(workspace)
    stale = analysis.model_copy(update={"framework": analysis.framework.model_copy(update={"version_key": "x@1#0"})})
    with pytest.raises(UsageError, match="run analyze again"):
        build_report_for(workspace, analysis=stale)


# --- hostile text, languages -------------------------------------------------------------

def test_hostile_titles_stay_text(small) -> None:
    workspace, _ = small
    title = 'Rapport "</style><script>alert(1)</script> \\ <img src=http://x>'
    report = build_report_for(workspace, title=title)
    html = render_html(report, for_print=True)
    tree = LexborHTMLParser(html)
    assert not tree.css("script") and tree.css_first(".cover-title").text() == title
    assert all(n.attributes["src"].startswith("data:") for n in tree.css("[src]"))
    css = print_css(report)
    assert "</style>" not in css and "<script>" not in css and '\\22 ' in css
    assert escape("a|b *c* <d> [e](f)") == "a\\|b \\*c\\* \\<d\\> \\[e\\](f)"


def test_labels_are_complete_in_both_languages() -> None:
    assert set(LABELS["sv"]) == set(LABELS["en"])
    sv, en = Words("sv"), Words("en")
    assert sv.date("2025-03-04T10:00:00+00:00") == "4 mars 2025"
    assert en.date(dt.date(2025, 3, 4)) == "4 March 2025"
    assert sv.percent(0.125) == "12\u00a0%" and en.percent(0.125) == "12%" and sv.percent(0.031) == "3,1\u00a0%"
    assert sv.fmt("page_of", page=1, pages=9) == "Sida 1 av 9" and en.fmt("page_of", page=1, pages=9) == "Page 1 of 9"


@pytest.mark.parametrize(("heading", "slug"), [
    ("4.1 Arbetsintegrerande sociala företag", "41-arbetsintegrerande-sociala-företag"),
    ("Bilaga A. Analysramverket", "bilaga-a-analysramverket"),
    ("Idéburet offentligt partnerskap (IOP) – 2019", "idéburet-offentligt-partnerskap-iop--2019"),
])
def test_markdown_anchors_follow_the_code_hosting_convention(heading: str, slug: str) -> None:
    assert heading_slug(heading, {}) == slug


def test_sheet_titles_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_title("Teman x objekt", taken) == "Teman x objekt"
    assert sheet_title("Teman x objekt", taken) == "Teman x objekt (2)"
    long = sheet_title("a/b:c*d?e[f]g\\h and a name far longer than thirty-one", taken)
    assert len(long) <= 31 and not set("/:*?[]\\") & set(long)


def test_report_without_dated_documents_or_trends(small) -> None:
    workspace, _ = small
    analysis = analyze(workspace)
    empty = analysis.model_copy(update={"trends": analysis.trends.model_copy(update={"periods": []})})
    report = build_report(empty, load_framework(), CorpusSummary({}))
    trends = next(s for s in report.sections if s.anchor == "trender")
    assert not trends.children and Words("sv")["no_trends"] in [getattr(b, "text", "") for b in trends.blocks]
    assert ("Period", "–") in report.facts
