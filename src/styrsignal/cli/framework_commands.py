"""``styrsignal framework``: check and show an analysis framework file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from styrsignal.analysis.framework import Framework, Terms, load_framework
from styrsignal.cli.context import CliContext

framework_app = typer.Typer(
    name="framework",
    help="Check and show analysis frameworks (themes, terms, impact criteria).",
    no_args_is_help=True,
)

_FILE_HELP = "Framework YAML file [default: the packaged social-innovation framework]."


class Lang(StrEnum):
    sv = "sv"
    en = "en"


_HEADINGS = {
    "sv": {"questions": "Centrala frågor", "themes": "Teman", "theme": "Tema", "parent": "Överordnat",
           "terms": "Termer", "exclude": "Undantag", "instruments": "Instrument", "scope": "Nivå",
           "subject": "Uttryckliga hänvisningar till ämnet", "enabling": "Möjliggörande ordval",
           "constraining": "Begränsande ordval", "actors": "Aktörer", "registry": "register", "kind": "Typ",
           "aliases": "Andra namn", "name": "Namn", "text": "Fråga", "thresholds": "Gränser"},
    "en": {"questions": "Central questions", "themes": "Themes", "theme": "Theme", "parent": "Parent",
           "terms": "Terms", "exclude": "Exclusions", "instruments": "Instruments", "scope": "Scope",
           "subject": "Explicit references to the subject", "enabling": "Enabling wording",
           "constraining": "Constraining wording", "actors": "Actors", "registry": "registry", "kind": "Kind",
           "aliases": "Other names", "name": "Name", "text": "Question", "thresholds": "Thresholds"},
}


def register(app: typer.Typer) -> None:
    app.add_typer(framework_app, name="framework")


def _console(typer_ctx: typer.Context) -> Console:
    console = getattr(typer_ctx.obj, "console", None)
    return console if isinstance(console, Console) else Console()


@framework_app.command("validate")
def validate_command(
    file: Annotated[Path | None, typer.Argument(help=_FILE_HELP, show_default=False)] = None,
) -> None:
    """Check a framework file; every problem is listed with its line (exit code 2 if any)."""
    framework = load_framework(file)
    print(f"ok: {framework.name} {framework.version} "
          f"({len(framework.themes)} themes, {framework.term_count()} terms)")


@framework_app.command("show")
def show_command(
    typer_ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(help=_FILE_HELP, show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of labels and terms.")] = Lang.sv,
) -> None:
    """Show a framework: its questions, themes with their terms, impact criteria and actors."""
    framework = load_framework(file)
    if as_json:
        CliContext.print_json({"version_key": framework.version_key, **framework.model_dump(mode="json")})
        return
    _show(_console(typer_ctx), framework, lang.value)


def _terms(terms: Terms, lang: str) -> str:
    return ", ".join(terms.get(lang))


def _row(table: Table, *cells: str) -> None:
    """Cells as plain text: terms and patterns may hold brackets rich would read as markup."""
    table.add_row(*(Text(cell) for cell in cells))


def _show(console: Console, framework: Framework, lang: str) -> None:
    h = _HEADINGS[lang]
    console.print(Text.assemble((framework.name, "bold"), f" {framework.version}  ({framework.version_key})"))
    console.print(Text(framework.description.get(lang)))

    questions = Table(title=h["questions"], show_lines=False)
    questions.add_column("id", no_wrap=True)
    questions.add_column(h["text"], overflow="fold")
    for question in framework.questions:
        _row(questions, question.id, question.text.get(lang))
    console.print(questions)

    themes = Table(title=h["themes"], show_lines=True)
    for column in ("id", h["theme"], h["parent"], h["terms"], h["exclude"]):
        themes.add_column(column, overflow="fold")
    for theme in framework.themes:
        terms = _terms(theme.terms, lang)
        patterns = theme.patterns.en if lang == "en" else theme.patterns.sv
        if patterns:
            terms += "\n" + ", ".join(f"/{p}/" for p in patterns)
        _row(themes, theme.id, theme.label.get(lang), theme.parent or "", terms, _terms(theme.exclude, lang))
    console.print(themes)

    impact = framework.impact
    criteria = Table(title=f"{h['instruments']} / {h['scope']}", show_lines=True)
    for column in ("id", h["name"], h["terms"]):
        criteria.add_column(column, overflow="fold")
    for item in impact.instruments:
        patterns = item.patterns.en if lang == "en" else item.patterns.sv
        _row(criteria, item.id, item.label.get(lang),
                         _terms(item.terms, lang) + "".join(f"\n/{p}/" for p in patterns))
    for level in impact.scope:
        _row(criteria, level.id, level.label.get(lang), _terms(level.terms, lang))
    console.print(criteria)
    for key, wording in (("subject", impact.subject_terms), ("enabling", impact.enabling),
                         ("constraining", impact.constraining)):
        console.print(Text.assemble((f"{h[key]}: ", "bold"), _terms(wording, lang)))
    thresholds = ", ".join(f"{k}={v}" for k, v in impact.thresholds.model_dump().items())
    console.print(Text.assemble((f"{h['thresholds']} ({impact.classifier}): ", "bold"), thresholds))

    actors = Table(title=Text(f"{h['actors']} ({h['registry']}: {framework.actors.registry})"))
    for column in (h["name"], h["kind"], h["aliases"]):
        actors.add_column(column, overflow="fold")
    for actor in framework.actors.extra:
        _row(actors, actor.name, actor.kind, ", ".join(actor.aliases))
    console.print(actors)
