from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared development corpus of real public documents."""
    return Path(os.environ.get("STYRSIGNAL_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples" / "corpus"


@pytest.fixture
def workspace(tmp_path: Path):
    """A fresh workspace per test."""
    from styrsignal.workspace import Workspace

    ws = Workspace.open(tmp_path / "ws")
    yield ws
    ws.close()


class Cli:
    """The ``styrsignal`` command on one workspace folder.

    By default the real console script runs in a subprocess (``python -m styrsignal``).
    With ``in_process=True`` the same entry point, ``styrsignal.cli.main()``, runs in the
    test process: same argument parsing, output and exit codes, without paying for a new
    interpreter and for loading the language models again on every call.
    """

    def __init__(self, workspace: Path, *, in_process: bool = False) -> None:
        self.workspace = workspace
        self.in_process = in_process

    def popen_args(self, *args: str | Path) -> list[str]:
        return [sys.executable, "-m", "styrsignal", "--workspace", str(self.workspace), *map(str, args)]

    @property
    def env(self) -> dict[str, str]:
        # Wide enough that rich never folds a path in a table; no colour codes in captured output.
        return {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}

    def __call__(self, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        if self.in_process:
            return self._run_main(*args)
        return subprocess.run(self.popen_args(*args), env=self.env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, check=False)

    def _run_main(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        from styrsignal.cli import main

        argv = ["styrsignal", "--workspace", str(self.workspace), *map(str, args)]
        stdout, stderr = io.StringIO(), io.StringIO()
        code: int | str | None = 0
        with mock.patch.object(sys, "argv", argv), mock.patch.dict(os.environ, {"COLUMNS": "400", "NO_COLOR": "1"}), \
                mock.patch.object(sys, "excepthook", sys.excepthook), \
                contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                main()
            except SystemExit as exc:
                code = exc.code
        returncode = code if isinstance(code, int) else (0 if code is None else 1)
        return subprocess.CompletedProcess(argv, returncode, stdout.getvalue(), stderr.getvalue())

    def json(self, *args: str | Path, returncode: int = 0) -> Any:
        result = self(*args, "--json")
        assert result.returncode == returncode, result.stderr
        return json.loads(result.stdout)


@pytest.fixture(scope="session")
def make_cli() -> type[Cli]:
    """``make_cli(workspace_folder)`` for fixtures wider than one test."""
    return Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """Run the console script in a subprocess against a fresh workspace under ``tmp_path``."""
    return Cli(tmp_path / "ws")


@pytest.fixture
def cli_in_process(tmp_path: Path) -> Cli:
    """Run ``styrsignal.cli.main()`` in this process against a fresh workspace under ``tmp_path``."""
    return Cli(tmp_path / "ws", in_process=True)
