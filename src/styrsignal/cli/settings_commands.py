"""``styrsignal settings``: show and change workspace settings."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from styrsignal.cli.context import CliContext
from styrsignal.settings import SETTINGS, coerce


def register(app: typer.Typer) -> None:
    app.command("settings")(settings_command)


def settings_command(
    typer_ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Setting to change.")] = None,
    value: Annotated[str | None, typer.Argument(help="New value.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show the workspace settings, or set one: ``styrsignal settings max_file_mb 50``."""
    ctx: CliContext = typer_ctx.obj
    workspace = ctx.workspace
    if name is not None:
        if value is None:
            raise typer.BadParameter("give a VALUE to set")
        workspace.settings[name] = coerce(name, value)
        workspace.save_settings()
    if as_json:
        ctx.print_json(workspace.settings)
        return
    table = Table(title=f"Inställningar ({workspace.root / 'settings.toml'})")
    for column in ("Namn", "Värde", "Standard", "Beskrivning"):
        table.add_column(column, overflow="fold")
    for s in SETTINGS:
        table.add_row(s.name, str(workspace.settings[s.name]), str(s.default), s.help)
    ctx.console.print(table)
