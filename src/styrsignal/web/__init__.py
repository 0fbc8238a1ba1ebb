"""The web interface and HTTP API: ``styrsignal serve`` runs :func:`create_app`."""

from styrsignal.web.app import create_app

__all__ = ["create_app"]
