"""Rendered pages kept while nothing they show has changed.

The overview of 300 objects is half a megabyte of HTML, and rendering it costs far more than
sending it.  A route marked with :func:`cached_page` is rendered once per *page key* — the
state of the store and of the analysis shown (:meth:`WebState.page_key`), the language, the
path and the query string — and served from memory after that.  Only what the URL and the
workspace decide may go into such a page: the one thing per visitor, the CSRF token of the
forms, is taken out before the page is kept and put back for each request.

The cache is bounded by size; the least recently used pages go first.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, ParamSpec

from fastapi import Request
from fastapi.responses import HTMLResponse

if TYPE_CHECKING:
    from styrsignal.web.state import WebState

P = ParamSpec("P")
TOKEN_MARK = b"\x00csrf-token\x00"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class PageCache:
    """Page bodies by key, at most ``max_bytes`` in all."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes // 4:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self._size += len(body) - (len(old) if old is not None else 0)
            self._pages[key] = body
            while self._size > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._size = 0


def cached_page(route: Callable[P, HTMLResponse]) -> Callable[P, HTMLResponse]:
    """Serve the route's page from :class:`PageCache` while its page key holds.  The route must
    take ``request: Request`` and build its page from the URL and the workspace alone."""

    @functools.wraps(route)
    def serve(*args: P.args, **kwargs: P.kwargs) -> HTMLResponse:
        request = kwargs["request"]
        assert isinstance(request, Request)
        state: WebState = request.app.state.web
        lang: str = getattr(request.state, "lang", "sv")
        key = (state.page_key(lang), lang, route.__name__, request.url.path, request.url.query)
        token = str(request.state.csrf_token).encode()
        body = state.pages.get(key)
        if body is not None:
            return HTMLResponse(body.replace(TOKEN_MARK, token))
        response = route(*args, **kwargs)
        if response.status_code == 200 and isinstance(response, HTMLResponse):
            state.pages.put(key, bytes(response.body).replace(token, TOKEN_MARK))
        return response

    return serve
