"""Load a YAML file into a pydantic model and report every problem at once, with lines.

Messages read ``objects.yaml:12 objects[2].documents[0].date: invalid date …`` so a
user can go straight to the place.  Used for every user-written file (objects,
frameworks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from styrsignal.errors import StyrsignalError

M = TypeVar("M", bound=BaseModel)


def load_yaml_model(path: Path, model: type[M], error: type[StyrsignalError]) -> M:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text ({exc.reason})") from exc
    try:
        data = yaml.safe_load(source)
        root = yaml.compose(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(f"{path}{where}: invalid YAML: {problem}") from exc
    if not isinstance(data, dict):
        raise error(f"{path}: expected a mapping at the top level, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}:{_line(root, err['loc'])} {_loc(err['loc'])}: {err['msg']}{_hint(err)}"
                 for err in exc.errors()]
        raise error(f"{len(lines)} problem(s) in {path}:\n" + "\n".join(lines)) from exc


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _hint(err: Any) -> str:
    if err["type"] == "extra_forbidden":
        return " (unknown field; check the spelling)"
    if err["type"] == "missing":
        return " (required)"
    return ""


def _line(node: Any, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest YAML node on ``loc`` that exists."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    child = value if not isinstance(value, yaml.ScalarNode) or value.value != "" else key
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line
