"""The ``styrsignal`` command: a thin shell over the library."""

from styrsignal.cli.app import app, main

__all__ = ["app", "main"]
