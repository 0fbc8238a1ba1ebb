"""``styrsignal code``: apply the analysis framework to the corpus; themes and actors per object."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from styrsignal.analysis.coding import code_corpus, ensure_coding
from styrsignal.analysis.framework import load_framework
from styrsignal.analysis.summary import (
    actor_matrix,
    compare_runs,
    object_records,
    previous_run,
    summarise_run,
    theme_matrix,
)
from styrsignal.cli.context import CliContext
from styrsignal.errors import UsageError

FrameworkOption = Annotated[Path | None, typer.Option(
    "--framework", "-f", help="Framework file [default: the packaged framework for social innovation].",
    exists=True, dir_okay=False, readable=True)]


def register(app: typer.Typer) -> None:
    app.command("code")(code_command)


def code_command(
    typer_ctx: typer.Context,
    framework_file: FrameworkOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    matrix: Annotated[str | None, typer.Option("--matrix", help="Print a matrix: themes or actors × objects.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="Matrix format: csv or json.")] = "csv",
    lang: Annotated[str, typer.Option("--lang", help="Labels in sv or en.")] = "sv",
    again: Annotated[bool, typer.Option("--again", help="Code again even if nothing changed.")] = False,
) -> None:
    """Code every passage to the framework's themes and map the actors of each object."""
    ctx: CliContext = typer_ctx.obj
    if matrix not in (None, "themes", "actors"):
        raise UsageError(f"--matrix {matrix!r}: choose themes or actors")
    if fmt not in ("csv", "json"):
        raise UsageError(f"--format {fmt!r}: choose csv or json")
    framework = load_framework(framework_file)
    workspace = ctx.workspace
    run = code_corpus(workspace, framework) if again else ensure_coding(workspace, framework)
    summaries = summarise_run(workspace, framework, run, lang=lang)
    if matrix is not None:
        header, rows = (theme_matrix(framework, summaries, lang=lang) if matrix == "themes"
                        else actor_matrix(summaries))
        if fmt == "csv":
            writer = csv.writer(sys.stdout)
            writer.writerow(header)
            writer.writerows(rows)
        else:
            ctx.print_json({"columns": header, "rows": rows})
        return
    before = previous_run(workspace, run)
    changes = compare_runs(workspace, before, run) if before else []
    if as_json:
        data: dict[str, Any] = object_records(framework, run, summaries)
        data["changes"] = None if before is None else {
            "since": {"run": before.id, "version_key": before.version_key},
            "themes": [vars(c) for c in changes]}
        ctx.print_json(data)
        return
    table = Table(title=f"Kodning med {framework.name} {framework.version} ({len(summaries)} analysobjekt)")
    table.add_column("Objekt", overflow="fold", ratio=2)
    table.add_column("Teman (kodade stycken)", overflow="fold", ratio=3)
    table.add_column("Aktörer (omnämnanden)", overflow="fold", ratio=3)
    for s in summaries:
        themes = ", ".join(f"{t.label} ({t.passages})" for t in s.themes[:4]) or "–"
        actors = ", ".join(f"{a.name}{'' if a.registered else '*'} ({a.mentions})" for a in s.actors[:4]) or "–"
        table.add_row(s.object.name, themes, actors)
    ctx.console.print(table)
    ctx.console.print("* = ej i aktörsregistret", style="dim")
    if before is not None:
        ctx.console.print(f"Ändringar sedan körning {before.id} ({before.version_key}):")
        for c in changes:
            ctx.console.print(f"  {c.object_id} / {c.theme_id}: {c.before} → {c.after} stycken "
                              f"(+{c.added} −{c.removed})")
