"""Analysts' reviews: override a verdict, accept, reject or edit drafted statements.

Reviews are appended, never replaced: who said what, when and why stays on record, a re-run
of the analysis never overwrites them, and the latest word on each thing is the one in force.
"""

from __future__ import annotations

import getpass
import os

from styrsignal.analysis.analyze import assess_object
from styrsignal.analysis.coding import ensure_coding
from styrsignal.analysis.framework import Framework, load_framework
from styrsignal.corpus import list_objects
from styrsignal.errors import NotFound, UsageError
from styrsignal.model import Review
from styrsignal.workspace import Workspace

IMPACTS = ("direct", "indirect", "none")
AUTHOR_ENV = "STYRSIGNAL_USER"


def current_author() -> str:
    return os.environ.get(AUTHOR_ENV) or getpass.getuser()


def review_history(workspace: Workspace, object_id: str) -> list[Review]:
    """Every review of an object, oldest first (the latest word on each thing is in force)."""
    objects = [o.id for o in list_objects(workspace)]
    if object_id not in objects:
        raise NotFound(f"no analysis object {object_id!r}. Available: {', '.join(objects)}")
    return workspace.store.reviews(object_id)


def review(workspace: Workspace, object_id: str, *, impact: str | None = None, note: str | None = None,
           accept: list[str] | None = None, reject: list[str] | None = None,
           edit: list[tuple[str, str]] | None = None, author: str | None = None,
           framework: Framework | None = None) -> list[Review]:
    objects = {o.id: o for o in list_objects(workspace)}
    if object_id not in objects:
        raise NotFound(f"no analysis object {object_id!r}. Available: {', '.join(objects)}")
    if impact is not None and impact not in IMPACTS:
        raise UsageError(f"--impact {impact!r}: choose one of {', '.join(IMPACTS)}")
    accept, reject, edit = accept or [], reject or [], edit or []
    if impact is None and not (accept or reject or edit or note):
        raise UsageError("nothing to record: give --impact, --accept, --reject, --edit or --note")
    targets = [*accept, *reject, *(sid for sid, _ in edit)]
    if targets:
        framework = framework or load_framework()
        run = ensure_coding(workspace, framework)
        assessment = assess_object(workspace, framework, run, objects[object_id], "sv", [])
        known = {s.id for s in [*assessment.opportunities, *assessment.limitations]}
        unknown = [t for t in targets if t not in known]
        if unknown:
            raise UsageError(f"object {object_id!r} has no statement {', '.join(unknown)}. "
                             f"Available: {', '.join(sorted(known)) or 'none'}")
    who = author or current_author()
    store = workspace.store
    recorded = []
    if impact is not None or (note and not targets):
        recorded.append(store.add_review(object_id, "impact", None, impact, note, who))
    for sid in accept:
        recorded.append(store.add_review(object_id, "accept", sid, None, note, who))
    for sid in reject:
        recorded.append(store.add_review(object_id, "reject", sid, None, note, who))
    for sid, text in edit:
        recorded.append(store.add_review(object_id, "edit", sid, text, note, who))
    return recorded
