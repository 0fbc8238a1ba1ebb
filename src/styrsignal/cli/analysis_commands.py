"""``styrsignal analyze`` and ``styrsignal review``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from styrsignal.analysis.analyze import analyze
from styrsignal.analysis.assessment import Analysis
from styrsignal.analysis.drafting import IMPACT_LABELS
from styrsignal.analysis.framework import load_framework
from styrsignal.analysis.review import review
from styrsignal.cli.context import CliContext
from styrsignal.errors import UsageError

FrameworkOption = Annotated[Path | None, typer.Option(
    "--framework", "-f", help="Framework file [default: the packaged framework for social innovation].",
    exists=True, dir_okay=False, readable=True)]
LangOption = Annotated[str, typer.Option("--lang", help="Language of labels and drafted text: sv or en.")]


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze_command)
    app.command("review")(review_command)


def _lang(value: str) -> str:
    if value not in ("sv", "en"):
        raise UsageError(f"--lang {value!r}: choose sv or en")
    return value


def analyze_command(
    typer_ctx: typer.Context,
    framework_file: FrameworkOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the JSON to this file.")] = None,
    lang: LangOption = "sv",
    objects: Annotated[str | None, typer.Option("--objects", help="Only these objects: ID,ID,…")] = None,
) -> None:
    """Classify each object's impact (direct, indirect, none) with evidence, plus cross-cutting analysis and trends."""
    ctx: CliContext = typer_ctx.obj
    result = analyze(ctx.workspace, load_framework(framework_file), lang=_lang(lang),
                     object_ids=objects.split(",") if objects else None)
    text = result.model_dump_json(indent=2)
    if out is not None:
        out.write_text(text + "\n", encoding="utf-8")
        ctx.info(f"Analysen skrevs till {out}")
    if as_json:
        print(text)
    elif out is None:
        print_classification(ctx, result)


def print_classification(ctx: CliContext, result: Analysis) -> None:
    labels = IMPACT_LABELS[result.lang]
    table = Table(title="Klassificering av analysobjekt" if result.lang == "sv" else "Classification of objects")
    sv = result.lang == "sv"
    table.add_column("Analysobjekt" if sv else "Object", overflow="fold", ratio=3)
    table.add_column("Påverkan" if sv else "Impact", overflow="fold", ratio=2)
    table.add_column("Nyckelaktörer" if sv else "Key actors", overflow="fold", ratio=3)
    table.add_column("Starkaste teman" if sv else "Top themes", overflow="fold", ratio=3)
    order = {"direct": 0, "indirect": 1, "none": 2}
    for a in sorted(result.objects, key=lambda a: (order[a.impact], a.name)):
        verdict = labels[a.impact].capitalize()
        if a.impact != a.automatic_impact:
            verdict += f" (granskad; automatiskt: {labels[a.automatic_impact]})" if sv else \
                f" (reviewed; automatic: {labels[a.automatic_impact]})"
        elif a.thin_evidence:
            verdict += " (tunt underlag)" if sv else " (thin evidence)"
        actors = ", ".join(r.name for r in [r for r in a.actors if r.registered][:3])
        themes = ", ".join(t.label for t in a.themes[:3])
        table.add_row(a.name, verdict, actors or "–", themes or "–")
    ctx.console.print(table)
    counts = result.cross_cutting.impact_counts
    ctx.console.print(
        f"{counts['direct']} direkt, {counts['indirect']} indirekt, {counts['none']} ingen påverkan "
        f"(ramverk {result.framework.name} {result.framework.version})" if sv else
        f"{counts['direct']} direct, {counts['indirect']} indirect, {counts['none']} no impact "
        f"(framework {result.framework.name} {result.framework.version})")


def review_command(
    typer_ctx: typer.Context,
    object_id: Annotated[str, typer.Argument(help="The analysis object's id (see styrsignal objects).")],
    impact: Annotated[str | None, typer.Option("--impact", help="Your verdict: direct, indirect or none.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why: kept with the review.")] = None,
    accept: Annotated[list[str] | None, typer.Option("--accept", help="Accept a drafted statement (its id).")] = None,
    reject: Annotated[list[str] | None, typer.Option("--reject", help="Reject a drafted statement (its id).")] = None,
    edit: Annotated[list[str] | None, typer.Option(
        "--edit", help="Rewrite a drafted statement: ID=new text.")] = None,
    author: Annotated[str | None, typer.Option(
        "--by", help="Who reviews [default: $STYRSIGNAL_USER or login].")] = None,
    framework_file: FrameworkOption = None,
) -> None:
    """Record your judgement on an object: never overwritten by a re-run, shown beside the automatic verdict."""
    ctx: CliContext = typer_ctx.obj
    edits = []
    for item in edit or []:
        if "=" not in item:
            raise UsageError(f"--edit {item!r}: write ID=new text")
        sid, text = item.split("=", 1)
        edits.append((sid.strip(), text.strip()))
    framework = load_framework(framework_file) if framework_file else None
    recorded = review(ctx.workspace, object_id, impact=impact, note=note, accept=accept, reject=reject, edit=edits,
                      author=author, framework=framework)
    for r in recorded:
        ctx.console.print(f"Sparat: {r.object_id} {r.action}" + (f" {r.target}" if r.target else "")
                          + (f" = {r.value}" if r.value else "") + f" ({r.author}, {r.at})")
