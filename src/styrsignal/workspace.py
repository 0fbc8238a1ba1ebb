"""A workspace folder holds all state: the database and the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from styrsignal.errors import StoreError
from styrsignal.settings import load_settings, save_settings
from styrsignal.store import Store, open_store

DEFAULT_WORKSPACE = "styrsignal-workspace"
WORKSPACE_ENV = "STYRSIGNAL_WORKSPACE"
DATABASE_NAME = "styrsignal.sqlite"
SETTINGS_NAME = "settings.toml"


@dataclass
class Workspace:
    root: Path
    settings: dict[str, Any] = field(default_factory=dict)
    _store: Store | None = None

    @classmethod
    def open(cls, root: Path | str | None = None) -> Workspace:
        path = Path(root or os.environ.get(WORKSPACE_ENV) or DEFAULT_WORKSPACE).expanduser()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the workspace folder ({exc.strerror})") from exc
        return cls(path.resolve(), load_settings(path / SETTINGS_NAME))

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.database)
        return self._store

    def save_settings(self) -> None:
        save_settings(self.root / SETTINGS_NAME, self.settings)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
