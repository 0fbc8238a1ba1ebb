"""Security basics of the web application.

- **CSRF:** every form carries the token of a ``SameSite=Strict`` cookie (double submit),
  checked by :func:`require_csrf`; the API accepts writes only as JSON or with the token in
  an ``X-CSRF-Token`` header, which a cross-site form cannot send.
- **Headers:** a content security policy that allows scripts, styles and images from this
  server only (no inline script), no framing, no MIME sniffing.
- **Escaping** is Jinja2's autoescape (see :mod:`styrsignal.web.app`); document text is never
  marked safe.

The middleware here, and the language one in :mod:`styrsignal.web.app`, are plain ASGI rather
than Starlette's ``BaseHTTPMiddleware``, which costs milliseconds per request.
"""

from __future__ import annotations

import hmac
import secrets
from http.cookies import SimpleCookie

from fastapi import HTTPException, Request
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


def request_cookies(scope: Scope) -> dict[str, str]:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            return cookie_parser(value.decode("latin-1"))
    return {}


def cookie_header(name: str, value: str, *, samesite: str, httponly: bool = False) -> str:
    """A ``Set-Cookie`` value for the whole site."""
    cookie: SimpleCookie = SimpleCookie()
    cookie[name] = value
    cookie[name]["path"] = "/"
    cookie[name]["samesite"] = samesite
    if httponly:
        cookie[name]["httponly"] = True
    return cookie.output(header="").strip()


class SecurityMiddleware:
    """The CSRF token of the request (``request.state.csrf_token``, from the cookie or new) and
    the security headers of every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie = request_cookies(scope).get(CSRF_COOKIE)
        token = cookie if cookie and len(cookie) >= 32 else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if cookie != token:
                    headers.append("set-cookie", cookie_header(CSRF_COOKIE, token, httponly=True, samesite="strict"))
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def tokens_match(cookie: str | None, sent: str | None) -> bool:
    """Both tokens present and equal (compared in constant time)."""
    return bool(cookie) and bool(sent) and hmac.compare_digest(str(cookie), str(sent))


async def require_csrf(request: Request) -> None:
    """Dependency of every form handler: the form's token must match the cookie's."""
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not tokens_match(cookie, sent):
        raise HTTPException(403, "CSRF token missing or wrong: reload the page and try again")


async def require_json_or_token(request: Request) -> None:
    """Dependency of API writes: JSON (a cross-site form cannot send it) or the CSRF header."""
    if request.method not in UNSAFE:
        return
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return
    if tokens_match(request.cookies.get(CSRF_COOKIE), request.headers.get(CSRF_HEADER)):
        return
    raise HTTPException(415, "send JSON (Content-Type: application/json) or the X-CSRF-Token header")
