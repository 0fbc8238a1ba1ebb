"""State shared by the commands of one invocation."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from styrsignal.workspace import Workspace


@dataclass
class CliContext:
    workspace_path: Path | None = None
    quiet: bool = False
    _workspace: Workspace | None = None
    console: Console = field(default_factory=Console)
    err: Console = field(default_factory=lambda: Console(stderr=True))

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.workspace_path)
        return self._workspace

    def close(self) -> None:
        if self._workspace is not None:
            self._workspace.close()

    def info(self, message: str) -> None:
        if not self.quiet:
            self.err.print(message, highlight=False)

    @staticmethod
    def print_json(data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")

    @staticmethod
    def fail_line(path: str, reason: str) -> None:
        """One plain line per failed file, never wrapped, so scripts can parse it."""
        print(f"{path}: {reason}", file=sys.stderr, flush=True)
