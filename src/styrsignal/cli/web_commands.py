"""``styrsignal serve``: the web interface and HTTP API over the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from styrsignal.cli.context import CliContext
from styrsignal.web.server import is_loopback, serve


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    typer_ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback lets other "
                                                     "machines in, and there is no login.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535,
                                      help="Port to listen on; 0 picks a free one.")] = 8000,
    framework_file: Annotated[Path | None, typer.Option(
        "--framework", "-f", help="Framework file [default: the packaged framework for social innovation].",
        exists=True, dir_okay=False, readable=True)] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open the web browser.")] = False,
) -> None:
    """Serve the web interface and the HTTP API (under /api/) until Ctrl-C."""
    ctx: CliContext = typer_ctx.obj
    root = ctx.workspace.root

    def listening(url: str) -> None:
        if not is_loopback(host):
            ctx.err.print(f"warning: listening on {host}: there is no login, so anyone who can reach this address "
                          "can read and change the workspace", highlight=False, soft_wrap=True)
        print(url, flush=True)
        ctx.info(f"Arbetsyta {root}; avsluta med Ctrl-C")

    serve(root, host=host, port=port, framework_path=framework_file, open_browser=not no_browser,
          on_listening=listening)
