"""Commands over the corpus: ingest, documents, objects, status, run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from styrsignal.cli.context import CliContext
from styrsignal.corpus import document_records, object_records, status
from styrsignal.ingest.pipeline import IngestEvent, IngestReport, ingest
from styrsignal.model import DocType

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
ObjectsOption = Annotated[Path | None, typer.Option(
    "--objects", "-o", help="objects.yaml grouping documents into analysis objects.",
    exists=True, dir_okay=False, readable=True)]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("documents")(documents_command)
    app.command("objects")(objects_command)
    app.command("status")(status_command)
    app.command("run")(run_command)


def _run_ingest(ctx: CliContext, paths: list[Path], objects: Path | None, as_json: bool,
                jobs: int | None) -> IngestReport:
    show_progress = not (ctx.quiet or as_json) and ctx.err.is_terminal

    def on_event(event: IngestEvent) -> None:
        if event.status == "failed":
            ctx.fail_line(event.path, event.reason)

    if not show_progress:
        return ingest(ctx.workspace, paths, objects_file=objects, on_event=on_event, jobs=jobs)
    with Progress(TextColumn("[bold]Läser in"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=ctx.err, transient=True) as progress:
        task = progress.add_task("ingest", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        return ingest(ctx.workspace, paths, objects_file=objects, on_event=on_event,
                      on_progress=on_progress, jobs=jobs)


def _finish(ctx: CliContext, report: IngestReport, as_json: bool) -> None:
    summary = report.summary()
    if as_json:
        ctx.print_json({"summary": summary, "events": [
            {"path": e.path, "status": e.status, "document_id": e.document_id, "reason": e.reason or None}
            for e in report.events]})
    else:
        ctx.info(
            f"{summary['added']} nya, {summary['new_version']} nya versioner, {summary['unchanged']} oförändrade, "
            f"{summary['duplicate']} dubbletter, {summary['failed']} misslyckade "
            f"(arbetsyta: {ctx.workspace.root})")
    if report.failed:
        raise typer.Exit(1)


def ingest_command(
    typer_ctx: typer.Context,
    paths: Annotated[list[Path] | None,
                     typer.Argument(help="Files and folders to ingest (folders recursively).")] = None,
    objects: ObjectsOption = None,
    as_json: JsonOption = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Reader processes [default: cores].")] = None,
) -> None:
    """Ingest PDF, DOCX, HTML, text and Markdown files into the workspace."""
    ctx: CliContext = typer_ctx.obj
    if not paths and objects is None:
        raise typer.BadParameter("give at least one PATH or --objects FILE")
    report = _run_ingest(ctx, paths or [], objects, as_json, jobs)
    _finish(ctx, report, as_json)


def documents_command(typer_ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List every stored document with its metadata."""
    ctx: CliContext = typer_ctx.obj
    records = document_records(ctx.workspace)
    if as_json:
        ctx.print_json(records)
        return
    table = Table(title=f"Dokument ({len(records)})", show_lines=False)
    table.add_column("Id", justify="right")
    table.add_column("Titel", overflow="fold", ratio=3)
    table.add_column("Typ", overflow="fold", ratio=1)
    table.add_column("Utfärdare", overflow="fold", ratio=1)
    table.add_column("Datum", no_wrap=True)
    table.add_column("Sidor", justify="right")
    table.add_column("Språk")
    for r in records:
        title = r["title"] or Path(r["source_path"]).name
        own = r["identifier"]
        table.add_row(str(r["id"]), f"{title} ({own})" if own and own not in title else title,
                      r["doc_type_label"], r["issuer"] or "", r["date"] or "", str(r["page_count"] or ""),
                      r["language"])
    ctx.console.print(table)


def objects_command(typer_ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List analysis objects with their documents."""
    ctx: CliContext = typer_ctx.obj
    records = object_records(ctx.workspace)
    if as_json:
        ctx.print_json(records)
        return
    print_objects(ctx, records)


def print_objects(ctx: CliContext, records: list[dict]) -> None:  # type: ignore[type-arg]
    table = Table(title=f"Analysobjekt ({len(records)})")
    table.add_column("Id", overflow="fold")
    table.add_column("Namn", overflow="fold", ratio=2)
    table.add_column("Dokument", justify="right")
    table.add_column("Typer", overflow="fold", ratio=1)
    for r in records:
        kinds = sorted({DocType(d["doc_type"]).label for d in r["documents"]})
        table.add_row(r["id"], r["name"] + (" (eget objekt)" if r["implicit"] else ""),
                      str(len(r["documents"])), ", ".join(kinds))
    ctx.console.print(table)


def status_command(typer_ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show counts and recorded failures."""
    ctx: CliContext = typer_ctx.obj
    info = status(ctx.workspace)
    if as_json:
        ctx.print_json(info)
        return
    counts = info["counts"]
    ctx.console.print(f"Arbetsyta: {info['workspace']}")
    ctx.console.print(
        f"{counts['documents']} dokument ({counts['versions']} versioner, {counts['pages']} sidor), "
        f"{counts['objects']} deklarerade analysobjekt, {counts['failures']} misslyckade filer")
    if info["failures"]:
        table = Table(title="Misslyckade filer")
        table.add_column("Fil", overflow="fold")
        table.add_column("Orsak", overflow="fold")
        table.add_column("Senast")
        for f in info["failures"]:
            table.add_row(f["path"], f["reason"], f["at"])
        ctx.console.print(table)


def run_command(
    typer_ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Files and folders of the corpus.")] = None,
    objects: ObjectsOption = None,
    framework_file: Annotated[Path | None, typer.Option(
        "--framework", "-f", help="Framework file [default: the packaged framework for social innovation].",
        exists=True, dir_okay=False, readable=True)] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of labels and drafted text: sv or en.")] = "sv",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Reader processes [default: cores].")] = None,
) -> None:
    """The main job: ingest the corpus, code and classify it, print the classification table and
    write the report (DOCX and PDF) into the workspace."""
    from styrsignal.analysis.analyze import analyze
    from styrsignal.analysis.framework import load_framework
    from styrsignal.cli.analysis_commands import print_classification
    from styrsignal.reports import write_report

    ctx: CliContext = typer_ctx.obj
    if not paths and objects is None:
        raise typer.BadParameter("give at least one PATH or --objects FILE")
    report = _run_ingest(ctx, paths or [], objects, False, jobs)
    framework = load_framework(framework_file)
    result = analyze(ctx.workspace, framework, lang="en" if lang == "en" else "sv")
    print_classification(ctx, result)
    stem = ctx.workspace.root / ("report" if result.lang == "en" else "rapport")
    written = [path for suffix in (".docx", ".pdf")
               for path in write_report(ctx.workspace, stem.with_suffix(suffix), framework=framework,
                                        lang=result.lang, analysis=result)]
    ctx.console.print(("Rapporten: " if result.lang == "sv" else "The report: ")
                      + ", ".join(str(p) for p in written))
    _finish(ctx, report, False)
