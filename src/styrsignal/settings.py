"""Workspace settings: one declared list, used by the CLI, the docs and the tests.

Settings live in ``settings.toml`` in the workspace.  Every setting is declared here
with its default and help text; ``styrsignal settings`` shows and changes them, and a
test checks that the README documents each one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from styrsignal.errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_file_mb", 200.0, "Files larger than this many megabytes are refused at ingest."),
    Setting("follow_symlinks", True, "Follow symbolic links when ingesting folders (loops are detected)."),
    Setting("include_hidden", False, "Ingest files and folders whose names start with a dot."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(path: Path) -> dict[str, Any]:
    values = {s.name: s.default for s in SETTINGS}
    if path.exists():
        try:
            stored = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"{path}: invalid settings file ({exc})") from exc
        for name, value in stored.items():
            if name not in _BY_NAME:
                raise UsageError(f"{path}: unknown setting {name!r}. Available: {', '.join(_BY_NAME)}")
            values[name] = coerce(name, value)
    return values


def coerce(name: str, value: Any) -> Any:
    """Convert ``value`` (often a string from the command line) to the setting's type."""
    setting = _BY_NAME.get(name)
    if setting is None:
        raise UsageError(f"unknown setting {name!r}. Available: {', '.join(_BY_NAME)}")
    kind = type(setting.default)
    try:
        if kind is bool and isinstance(value, str):
            if value.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(value)
            return value.lower() in ("true", "yes", "1")
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"setting {name} takes a {kind.__name__}, not {value!r}") from exc


def save_settings(path: Path, values: dict[str, Any]) -> None:
    lines = []
    for setting in SETTINGS:
        value = values.get(setting.name, setting.default)
        if value == setting.default:
            continue
        rendered = ("true" if value else "false") if isinstance(value, bool) else repr(value)
        lines.append(f"# {setting.help}\n{setting.name} = {rendered}\n")
    path.write_text("\n".join(lines), encoding="utf-8")
