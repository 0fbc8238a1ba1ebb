"""Security basics of the web application.

- **CSRF:** every form carries the token of a ``SameSite=Strict`` cookie (double submit),
  checked by :func:`require_csrf`; the API accepts writes only as JSON or with the token in
  an ``X-CSRF-Token`` header, which a cross-site form cannot send.
- **Headers:** a content security policy that allows scripts, styles and images from this
  server only (no inline script), no framing, no MIME sniffing.
- **Escaping** is Jinja2's autoescape (see :mod:`styrsignal.web.app`); document text is never
  marked safe.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request
from starlette.responses import Response

CSRF_COOKIE = "styrsignal_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def csrf_token(request: Request) -> str:
    token: str = request.state.csrf_token
    return token


async def security_middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    cookie = request.cookies.get(CSRF_COOKIE)
    request.state.csrf_token = cookie if cookie and len(cookie) >= 32 else secrets.token_urlsafe(32)
    response = await call_next(request)
    if cookie != request.state.csrf_token:
        response.set_cookie(CSRF_COOKIE, request.state.csrf_token, httponly=True, samesite="strict", path="/")
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


async def require_csrf(request: Request) -> None:
    """Dependency of every form handler: the form's token must match the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not _same(cookie, sent):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")


async def require_json_or_token(request: Request) -> None:
    """Dependency of API writes: JSON (a cross-site form cannot send it) or the CSRF header."""
    if request.method not in UNSAFE:
        return
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return
    if _same(request.cookies.get(CSRF_COOKIE), request.headers.get(CSRF_HEADER)):
        return
    raise HTTPException(415, "send JSON (Content-Type: application/json) or the X-CSRF-Token header")
