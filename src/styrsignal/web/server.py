"""Running the web application on a socket: what ``styrsignal serve`` calls.

The application has no login, so it listens on the loopback address unless told
otherwise; :func:`is_loopback` lets the caller warn when it does not.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

from styrsignal.errors import UsageError


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (``127.0.0.1``, ``::1``, ``localhost``)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url(host: str, port: int) -> str:
    """The address to open in a browser; a wildcard address becomes ``localhost``."""
    if host in ("0.0.0.0", "::", ""):
        host = "localhost"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (``port`` 0 picks a free one), or a :class:`UsageError`
    that says why not."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: not an address of this machine ({exc.strerror})") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        hint = "choose another with --port" if exc.errno in (98, 48, 10048) else "check --host and --port"
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}): {hint}") from None
    sock.set_inheritable(True)
    return sock


def _has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, framework_path: Path | None = None,
          open_browser: bool = False, on_listening: Callable[[str], None] | None = None) -> None:
    """Serve the workspace at ``root`` until Ctrl-C (or SIGTERM).  ``on_listening`` gets the URL once the
    socket is bound; the analysis starts computing in the background at once."""
    import uvicorn

    from styrsignal.web.app import create_app

    sock = bind(host, port)
    url = base_url(host, sock.getsockname()[1])
    app = create_app(root, framework_path=framework_path)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if on_listening is not None:
        on_listening(url)
    if open_browser and _has_display():
        threading.Thread(target=_open_when_started, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down and re-raises Ctrl-C; for a server it is the normal way to stop
    finally:
        sock.close()


def _open_when_started(server: object, url: str) -> None:
    for _ in range(100):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.1)
