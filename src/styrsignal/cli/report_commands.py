"""``styrsignal report``: the analysis as DOCX, PDF, HTML, Markdown or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from styrsignal.analysis.assessment import Analysis
from styrsignal.analysis.framework import load_framework
from styrsignal.cli.context import CliContext
from styrsignal.errors import UsageError
from styrsignal.reports import format_for, write_report


def register(app: typer.Typer) -> None:
    app.command("report")(report_command)


def _analysis(path: Path) -> Analysis:
    try:
        return Analysis.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UsageError(f"--analysis {path}: not the JSON of styrsignal analyze ({str(exc).splitlines()[0]}); "
                         "write one with `styrsignal analyze --out FILE`") from None


def report_command(
    typer_ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write; its suffix implies the format.",
                                      dir_okay=False)],
    format_name: Annotated[str | None, typer.Option(
        "--format", help="docx, pdf, html, md or xlsx [default: from the suffix of --out].")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the report: sv or en [default: sv].")] = None,
    objects: Annotated[str | None, typer.Option("--objects", help="Only these objects: ID,ID,…")] = None,
    framework_file: Annotated[Path | None, typer.Option(
        "--framework", "-f", help="Framework file [default: the packaged framework for social innovation].",
        exists=True, dir_okay=False, readable=True)] = None,
    analysis_file: Annotated[Path | None, typer.Option(
        "--analysis", help="Report this saved analysis (from `analyze --out`) instead of analysing the workspace.",
        exists=True, dir_okay=False, readable=True)] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title on the cover page.")] = None,
) -> None:
    """Write the report: classification, one section per object with citations, cross-cutting analysis, actors,
    trends and the framework, in the chosen format."""
    ctx: CliContext = typer_ctx.obj
    if lang is not None and lang not in ("sv", "en"):
        raise UsageError(f"--lang {lang!r}: choose sv or en")
    name = format_for(out, format_name)
    analysis = _analysis(analysis_file) if analysis_file else None
    if analysis is not None and lang is not None and analysis.lang != lang:
        raise UsageError(f"--analysis {analysis_file} is in {analysis.lang}, not {lang}: run "
                         f"`styrsignal analyze --lang {lang} --out FILE` or leave out --lang")
    written = write_report(ctx.workspace, out, format=name, framework=load_framework(framework_file),
                           lang=lang or (analysis.lang if analysis else "sv"),
                           object_ids=[o.strip() for o in objects.split(",") if o.strip()] if objects else None,
                           analysis=analysis, title=title)
    ctx.info(f"Rapporten skrevs till {written[0]}" + (f" (+ {len(written) - 1} diagram)" if len(written) > 1 else ""))
    for path in written:
        print(path)

