"""The command-line application and the one place errors become exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from styrsignal.cli import (
    analysis_commands,
    coding_commands,
    corpus_commands,
    framework_commands,
    report_commands,
    search_commands,
    settings_commands,
    web_commands,
)
from styrsignal.cli.context import CliContext
from styrsignal.errors import StyrsignalError
from styrsignal.workspace import WORKSPACE_ENV

app = typer.Typer(
    name="styrsignal",
    help="Policy mapping for social innovation: ingest policy documents, analyse them and report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global(
    ctx: typer.Context,
    workspace: Annotated[Path | None, typer.Option(
        "--workspace", "-w", envvar=WORKSPACE_ENV, show_envvar=True,
        help="Workspace folder holding the database and settings [default: ./styrsignal-workspace].")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and results.")] = False,
) -> None:
    ctx.obj = CliContext(workspace_path=workspace, quiet=quiet)
    ctx.call_on_close(ctx.obj.close)


corpus_commands.register(app)
search_commands.register(app)
coding_commands.register(app)
analysis_commands.register(app)
report_commands.register(app)
framework_commands.register(app)
settings_commands.register(app)
web_commands.register(app)


def main() -> None:
    """Entry point: run the app and turn styrsignal errors into a message and an exit code."""
    try:
        # Without standalone mode click hands back the code of a ``typer.Exit`` instead of exiting.
        code = app(standalone_mode=False)
    except StyrsignalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except KeyboardInterrupt:
        print("interrupted; run the same command again to continue", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        # click's usage errors; recognised by shape because typer ≥ 0.20 raises those of its own copy of click
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()
            sys.exit(exit_code)
        raise
    if isinstance(code, int) and code:
        if code == 130:  # typer turns Ctrl-C into a quiet exit code
            print("interrupted; run the same command again to continue", file=sys.stderr)
        sys.exit(code)
