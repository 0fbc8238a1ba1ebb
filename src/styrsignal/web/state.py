"""What the web application holds between requests: the workspace and the analysis.

Every request thread gets its own :class:`Workspace` (an SQLite connection belongs to the
thread that opened it).  The analysis of the whole workspace is computed once per state of
the store — documents, objects and reviews — in a background thread, kept in memory and on
disk, and served from there: a page never waits for a full analysis.  Until the first one is
ready, :meth:`WebState.analysis` raises :class:`NotReady` with the progress so far.  A review
made through the web re-assesses just that object, so the analyst sees the result at once.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from styrsignal.analysis.analyze import analyze, assess_object
from styrsignal.analysis.assessment import Analysis
from styrsignal.analysis.coding import ensure_coding
from styrsignal.analysis.framework import Framework, load_framework
from styrsignal.analysis.trends import cross_cutting
from styrsignal.corpus import list_objects
from styrsignal.errors import StyrsignalError
from styrsignal.web.page_cache import PageCache
from styrsignal.workspace import Workspace

LANGS = ("sv", "en")
CACHE_DIR = "web-cache"
KEY_TTL = 1.0
"""Seconds a computed state key is trusted.  Reading the objects for it costs milliseconds on a
large workspace, too much for every request; a change made by another process (an ingest from
the command line while the server runs) shows within this time, and the application's own
writes refresh the key at once."""


class NotReady(StyrsignalError):
    """The analysis is still being computed."""

    def __init__(self, done: int, total: int, failure: str | None = None) -> None:
        super().__init__(failure or f"the analysis is being computed ({done} of {total} objects)")
        self.done, self.total, self.failure = done, total, failure


@dataclass
class _Slot:
    key: str | None = None
    analysis: Analysis | None = None
    computing: str | None = None
    done: int = 0
    total: int = 0
    failure: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _code_key() -> str:
    """Changes with the code that makes an analysis, so a cached one from another release is not served."""
    import styrsignal
    from styrsignal import analysis

    digest = hashlib.sha256(styrsignal.__version__.encode())
    for path in sorted(Path(analysis.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


CODE_KEY = _code_key()


def state_key(workspace: Workspace, framework: Framework, framework_key: str | None = None) -> str:
    """Changes whenever documents, objects, reviews, the framework or the analysis code change.
    ``framework_key`` is ``framework.version_key`` when the caller already has it."""
    store = workspace.store
    objects = [(o.id, o.name, sorted(o.document_ids)) for o in store.objects()]
    reviews = [r.id for r in store.reviews()]
    raw = json.dumps([store.corpus_state(), objects, len(reviews), max(reviews, default=0),
                      framework_key or framework.version_key, CODE_KEY])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


class WebState:
    def __init__(self, root: Path, framework_path: Path | None = None, *, max_upload_mb: float = 50.0) -> None:
        self.root = root
        self.framework_path = framework_path
        self.framework = load_framework(framework_path)
        self._framework_key = self.framework.version_key
        self.max_upload_mb = max_upload_mb
        self._key: tuple[str, float] | None = None
        self._key_lock = threading.Lock()
        self.pages = PageCache()
        self._local = threading.local()
        self._slots = {lang: _Slot() for lang in LANGS}
        self.cache_dir = root / CACHE_DIR

    # -- workspace per thread --------------------------------------------------------------
    @property
    def workspace(self) -> Workspace:
        workspace: Workspace | None = getattr(self._local, "workspace", None)
        if workspace is None:
            workspace = self._local.workspace = Workspace.open(self.root)
        return workspace

    @contextmanager
    def own_workspace(self) -> Iterator[Workspace]:
        """A workspace for a background thread, closed afterwards."""
        workspace = Workspace.open(self.root)
        try:
            yield workspace
        finally:
            workspace.close()

    # -- the state of the store -------------------------------------------------------------
    def current_key(self, *, fresh: bool = False) -> str:
        """:func:`state_key` of the workspace, computed again when older than :data:`KEY_TTL`
        seconds or when ``fresh`` is asked for (after a write)."""
        cached = self._key
        if not fresh and cached is not None and time.monotonic() - cached[1] < KEY_TTL:
            return cached[0]
        # While one thread computes it, the others go on with the key of a moment ago.
        if not self._key_lock.acquire(blocking=fresh or cached is None):
            assert cached is not None
            return cached[0]
        try:
            cached = self._key
            if not fresh and cached is not None and time.monotonic() - cached[1] < KEY_TTL:
                return cached[0]
            key = state_key(self.workspace, self.framework, self._framework_key)
            self._key = (key, time.monotonic())
            return key
        finally:
            self._key_lock.release()

    def page_key(self, lang: str) -> tuple[str, str | None, bool]:
        """What a page made from the workspace and its analysis depends on: the state of the
        store, the analysis shown and whether a newer one is being computed (the page says so)."""
        slot = self._slots[lang if lang in LANGS else "sv"]
        return self.current_key(), slot.key, slot.computing is not None

    # -- the analysis ----------------------------------------------------------------------
    def analysis(self, lang: str = "sv") -> Analysis:
        """The analysis of the workspace as it is now (or, while a newer one is computed, the
        previous one).  Raises :class:`NotReady` when there is none yet."""
        lang = lang if lang in LANGS else "sv"
        slot = self._slots[lang]
        key = self.current_key()
        if slot.key != key:
            if slot.analysis is None or slot.key is None:
                loaded = self._load(key, lang)
                if loaded is not None:
                    slot.key, slot.analysis = key, loaded
                    return loaded
            self._start(slot, key, lang)
        if slot.analysis is None:
            raise NotReady(slot.done, slot.total, slot.failure)
        return slot.analysis

    def is_stale(self, lang: str = "sv") -> bool:
        slot = self._slots[lang if lang in LANGS else "sv"]
        return slot.computing is not None and slot.analysis is not None

    def warm_up(self) -> None:
        """Start computing the Swedish analysis now rather than at the first request."""
        with suppress(NotReady):
            self.analysis("sv")

    def _start(self, slot: _Slot, key: str, lang: str) -> None:
        with slot.lock:
            if slot.computing == key:
                return
            slot.computing, slot.done, slot.total, slot.failure = key, 0, 0, None
        threading.Thread(target=self._compute, args=(slot, key, lang), daemon=True, name=f"analysis-{lang}").start()

    def _compute(self, slot: _Slot, key: str, lang: str) -> None:
        def progress(done: int, total: int) -> None:
            slot.done, slot.total = done, total

        try:
            with self.own_workspace() as workspace:
                result = analyze(workspace, self.framework, lang=lang, on_progress=progress)
        except Exception as exc:  # shown on the page; the next request tries again
            with slot.lock:
                slot.failure, slot.computing = f"the analysis failed: {exc}", None
            return
        self._save(key, lang, result)
        with slot.lock:
            if slot.computing == key:
                slot.key, slot.analysis, slot.computing = key, result, None

    def refresh_object(self, object_id: str) -> None:
        """Re-assess one object after a review, in every cached language, without a full run."""
        workspace = self.workspace
        objects = {o.id: o for o in list_objects(workspace)}
        obj = objects.get(object_id)
        key = self.current_key(fresh=True)
        run = ensure_coding(workspace, self.framework)
        reviews = [r for r in workspace.store.reviews() if r.object_id == object_id]
        for lang, slot in self._slots.items():
            with slot.lock:
                current = slot.analysis
                if current is None or obj is None:
                    continue
                fresh = assess_object(workspace, self.framework, run, obj, lang, reviews)
                assessments = [fresh if a.id == object_id else a for a in current.objects]
                updated = current.model_copy(update={
                    "objects": assessments, "cross_cutting": cross_cutting(self.framework, assessments, lang)})
                slot.analysis, slot.key = updated, key
            self._save(key, lang, updated)

    # -- on disk ---------------------------------------------------------------------------
    def _path(self, key: str, lang: str) -> Path:
        return self.cache_dir / f"analysis-{key}-{lang}.json"

    def _load(self, key: str, lang: str) -> Analysis | None:
        path = self._path(key, lang)
        try:
            return Analysis.model_validate_json(path.read_bytes())
        except (OSError, ValueError):
            return None

    def _save(self, key: str, lang: str, analysis: Analysis) -> None:
        self.cache_dir.mkdir(exist_ok=True)
        for old in self.cache_dir.glob(f"analysis-*-{lang}.json"):
            old.unlink(missing_ok=True)
        path = self._path(key, lang)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(analysis.model_dump_json(), encoding="utf-8")
        tmp.replace(path)

    def report_path(self, lang: str, suffix: str) -> Path:
        """Where the report of the current analysis is kept (written on first download)."""
        return self.cache_dir / f"rapport-{self.current_key()}-{lang}.{suffix}"
