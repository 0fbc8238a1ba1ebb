"""The report as one self-contained HTML file: CSS inline, charts as ``data:`` URIs.

The page references nothing outside itself (no fonts, scripts or images to fetch), so it can
be mailed, archived or opened offline.  :func:`render_html` with ``for_print=True`` adds the
print stylesheet that :mod:`styrsignal.reports.pdf` lays out with weasyprint.
"""

from __future__ import annotations

import base64
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from styrsignal.reports import charts
from styrsignal.reports.blocks import Report

_ENV: Environment | None = None


def _environment() -> Environment:
    global _ENV
    if _ENV is None:
        env = Environment(loader=PackageLoader("styrsignal.reports", "templates"),
                          autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
                          trim_blocks=False, lstrip_blocks=False)
        env.filters["kind"] = lambda block: type(block).__name__.lower()
        env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
        _ENV = env
    return _ENV


def _stylesheet(name: str) -> str:
    return resources.files("styrsignal.reports").joinpath("templates", name).read_text(encoding="utf-8")


def _css_string(text: str) -> str:
    """``text`` as a CSS string that cannot end the string or the <style> element early."""
    escaped = "".join(f"\\{ord(c):X} " if c in '\\"<>' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def print_css(report: Report) -> str:
    """The print stylesheet with the page footer ("Sida X av Y") and header in the report's language."""
    template = report.words["page_of"]
    before, _, rest = template.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    page_of = f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages) {_css_string(after)}"
    title = _css_string(charts.shorten(report.title, 80))
    return _stylesheet("print.css").replace("__PAGE_OF__", page_of).replace('"__TITLE__"', title)


def render_html(report: Report, *, for_print: bool = False) -> str:
    css = _stylesheet("report.css")
    if for_print:
        css += "\n" + print_css(report)
    return _environment().get_template("report.html.j2").render(report=report, css=Markup(css), for_print=for_print)


def write(report: Report, out: Path) -> list[Path]:
    out.write_text(render_html(report), encoding="utf-8")
    return [out]
