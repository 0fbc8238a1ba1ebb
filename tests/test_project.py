"""The project's promises about itself: public API, docs coverage, CI command."""

from __future__ import annotations

import re
from pathlib import Path

import styrsignal
from styrsignal.cli.app import app
from styrsignal.settings import SETTINGS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_public_api_is_small_and_pinned() -> None:
    assert styrsignal.__all__ == [
        "AnalysisObject", "Document", "IngestReport", "Metadata", "StyrsignalError", "Workspace",
        "__version__", "ingest"]


def test_readme_documents_every_command() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = sorted(group.commands)  # type: ignore[attr-defined]
    assert commands
    for name in commands:
        assert f"`styrsignal {name}" in README, f"README does not document `styrsignal {name}`"


def test_readme_documents_every_setting() -> None:
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in README
        assert setting.help in README


def test_quick_start_has_two_commands_and_ci_runs_the_second() -> None:
    section = re.search(r"^## Quick start$(.*?)^## ", README, re.S | re.M)
    assert section
    block = re.search(r"```sh\n(.*?)```", section.group(1), re.S)
    assert block
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert commands[1] in ci
