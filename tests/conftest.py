from __future__ import annotations

import os
from pathlib import Path

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
