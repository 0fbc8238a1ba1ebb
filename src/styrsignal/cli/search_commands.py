"""``styrsignal search``: ranked passages with citations and keyword-in-context."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from styrsignal.cli.context import CliContext
from styrsignal.errors import UsageError
from styrsignal.search.engine import SearchFilters, search


def register(app: typer.Typer) -> None:
    app.command("search")(search_command)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 1, 1) if option == "--from" else dt.date(int(text), 12, 31)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option} {value!r}: give a date as YYYY-MM-DD or a year") from exc


def search_command(
    typer_ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, OR, NOT/-word, (groups).')],
    object_id: Annotated[str | None, typer.Option("--object", help="Only this analysis object.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Only this document type, e.g. proposition.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Only issuers whose name contains this.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Only documents in sv, en or other.")] = None,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Documents dated on or after (YYYY-MM-DD or year).")] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="Documents dated on or before (YYYY-MM-DD or year).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Number of passages.")] = 10,
    broad: Annotated[bool, typer.Option("--broad", help="Also match words as the first part of compounds.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Search the corpus; words match their inflections and compounds."""
    ctx: CliContext = typer_ctx.obj
    filters = SearchFilters(object_id, doc_type, issuer, language, _date(date_from, "--from"), _date(date_to, "--to"))
    hits = search(ctx.workspace, query, filters, limit=limit, broad=broad)
    if as_json:
        ctx.print_json([hit.record() for hit in hits])
        return
    if not hits:
        ctx.console.print(f"Inga träffar för {query!r}.")
        return
    for rank, hit in enumerate(hits, start=1):
        r = hit.record()
        head = Text(f"{rank}. ", style="bold")
        head.append(str(r["title"] or Path(str(r["source_path"])).name), style="bold")
        if r["identifier"]:
            head.append(f" ({r['identifier']})")
        place = []
        if r["page"]:
            place.append(f"s. {r['page']}" + (f"–{r['page_end']}" if r["page_end"] not in (None, r["page"]) else ""))
        if r["heading_path"]:
            place.append(" › ".join(r["heading_path"][-2:]))  # type: ignore[index]
        ctx.console.print(head)
        if place:
            ctx.console.print(Text("   " + " · ".join(place), style="dim"))
        snippet = Text("   " + hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start + 3, end + 3)
        ctx.console.print(snippet)
        ctx.console.print(Text(f"   {r['source_path']}", style="dim"))
