"""``styrsignal serve``: the address it listens on, what it prints, and a real start and stop."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from styrsignal.web.server import base_url, is_loopback


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("LOCALHOST", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False), ("", False),
])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("host", "url"), [
    ("127.0.0.1", "http://127.0.0.1:8000/"), ("0.0.0.0", "http://localhost:8000/"),
    ("::1", "http://[::1]:8000/"), ("::", "http://localhost:8000/"),
])
def test_url(host: str, url: str) -> None:
    assert base_url(host, 8000) == url


def _fake_serve(root: Path, **kwargs: Any) -> None:
    kwargs["on_listening"](base_url(kwargs["host"], kwargs["port"]))


def test_warns_only_when_other_machines_can_connect(cli_in_process: Any) -> None:
    with mock.patch("styrsignal.cli.web_commands.serve", _fake_serve):
        local = cli_in_process("serve", "--no-browser")
        everyone = cli_in_process("serve", "--host", "0.0.0.0", "--port", "8123", "--no-browser")
    assert local.returncode == 0 and local.stdout == "http://127.0.0.1:8000/\n"
    assert "warning" not in local.stderr
    assert everyone.stdout == "http://localhost:8123/\n"
    warning = [line for line in everyone.stderr.splitlines() if line.startswith("warning")]
    assert len(warning) == 1 and "no login" in warning[0] and "0.0.0.0" in warning[0]


def test_a_port_in_use_is_a_usage_error(cli_in_process: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli_in_process("serve", "--port", str(taken.getsockname()[1]), "--no-browser")
    assert result.returncode == 2
    assert "already in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_serves_until_interrupted(cli: Any) -> None:
    process = subprocess.Popen(cli.popen_args("serve", "--port", "0", "--no-browser"), env=cli.env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    page = response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer within 30 s"
                time.sleep(0.2)
        assert "<html" in page and "styrsignal" in page
        with urllib.request.urlopen(url + "static/style.css", timeout=5) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
