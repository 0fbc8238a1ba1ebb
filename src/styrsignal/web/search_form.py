"""The search page's form: query parameters read into :class:`SearchFilters`, the search run
through :func:`styrsignal.search.engine.search`, and the hits laid out for the template.

A query the search language cannot parse, an unknown object or a date that is not a date
becomes a message on the page, next to the form the analyst can correct, never a failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from styrsignal.corpus import list_objects
from styrsignal.errors import UsageError
from styrsignal.search.engine import SearchFilters, SearchHit, search
from styrsignal.web.marks import highlighted
from styrsignal.web.state import NotReady, WebState
from styrsignal.workspace import Workspace

PAGE_SIZE = 20
MAX_RESULTS = 200


@dataclass
class SearchForm:
    """What the analyst asked for, as typed (to fill the form again)."""

    q: str = ""
    object: str = ""
    type: str = ""
    issuer: str = ""
    date_from: str = ""
    date_to: str = ""
    broad: bool = False
    limit: int = PAGE_SIZE
    problems: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(message key, values) of everything that could not be read."""

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> SearchForm:
        def text(name: str) -> str:
            return " ".join(params.get(name, "").split())[:500]

        try:
            limit = int(params.get("limit", PAGE_SIZE))
        except ValueError:
            limit = PAGE_SIZE
        return cls(q=params.get("q", "").strip()[:1000], object=text("object"), type=text("type"),
                   issuer=text("issuer"), date_from=text("from"), date_to=text("to"),
                   broad=params.get("broad") in ("1", "on", "true"),
                   limit=min(max(PAGE_SIZE, limit), MAX_RESULTS))

    def filters(self) -> SearchFilters:
        date_from, date_to = self._date("from", self.date_from), self._date("to", self.date_to)
        # The form shows the dates as read ("2014" becomes 2014-01-01): a date field cannot show a year.
        self.date_from = date_from.isoformat() if date_from else self.date_from
        self.date_to = date_to.isoformat() if date_to else self.date_to
        return SearchFilters(object_id=self.object or None, doc_type=self.type or None, issuer=self.issuer or None,
                             date_from=date_from, date_to=date_to)

    def _date(self, name: str, value: str) -> dt.date | None:
        if not value:
            return None
        try:
            if len(value) == 4 and value.isdigit():  # a year: from its first or to its last day
                return dt.date(int(value), 1, 1) if name == "from" else dt.date(int(value), 12, 31)
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problems.append(("bad_date", {"value": value}))
            return None

    def more_query(self) -> str:
        """The query string of this search showing one page more."""
        params = {"q": self.q, "object": self.object, "type": self.type, "issuer": self.issuer,
                  "from": self.date_from, "to": self.date_to, "broad": "1" if self.broad else "",
                  "limit": str(min(self.limit + PAGE_SIZE, MAX_RESULTS))}
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def filtered(self) -> bool:
        return bool(self.object or self.type or self.issuer or self.date_from or self.date_to)


@dataclass
class ResultItem:
    hit: SearchHit
    segments: list[tuple[str, bool]]
    """The snippet as (text, is_match) pieces."""


@dataclass
class SearchResults:
    items: list[ResultItem] = field(default_factory=list)
    more: bool = False
    """There may be more hits than shown."""
    error: str | None = None
    """Why the search could not run (the query or a filter), for the page."""


def run_search(workspace: Workspace, form: SearchForm) -> SearchResults:
    """The hits of the form's query (nothing when the query is empty)."""
    if not form.q:
        return SearchResults()
    filters = form.filters()
    if form.problems:
        return SearchResults()
    try:
        hits = search(workspace, form.q, filters, limit=form.limit + 1, broad=form.broad)
    except UsageError as exc:
        return SearchResults(error=str(exc))
    items = [ResultItem(hit, highlighted(hit.snippet, hit.highlights)) for hit in hits[:form.limit]]
    return SearchResults(items, more=len(hits) > form.limit and form.limit < MAX_RESULTS)


def object_choices(state: WebState, lang: str) -> list[tuple[str, str]]:
    """(id, name) of every analysis object, by name: from the analysis in memory when there is
    one, else from the store."""
    try:
        named = [(a.id, a.name) for a in state.analysis(lang).objects]
    except NotReady:
        named = [(o.id, o.name) for o in list_objects(state.workspace)]
    return sorted(named, key=lambda item: item[1].casefold())
