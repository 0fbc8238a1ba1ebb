"""The report as a PDF: the HTML of :mod:`styrsignal.reports.html` laid out by weasyprint.

A4 with page numbers ("Sida X av Y" / "Page X of Y") and a table of contents whose page
numbers come from CSS ``target-counter``.  Fonts are whatever fontconfig offers; the print
stylesheet asks for DejaVu Sans (Debian: ``fonts-dejavu-core`` and ``fonts-dejavu-extra``).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from styrsignal.errors import UsageError
from styrsignal.reports.blocks import Report
from styrsignal.reports.html import render_html


def render_pdf(report: Report) -> bytes:
    try:
        with warnings.catch_warnings():
            # Without libharfbuzz-subset weasyprint warns that a future version will need it.
            warnings.simplefilter("ignore", DeprecationWarning)
            from weasyprint import HTML  # type: ignore[import-untyped,unused-ignore]
    except (ImportError, OSError) as exc:
        raise UsageError(f"PDF reports need weasyprint and the Pango library ({exc}). Install them with "
                         "`pip install weasyprint` and, on Debian, `apt-get install libpango-1.0-0 "
                         "libpangoft2-1.0-0 libharfbuzz-subset0`; or choose --format html, docx, md or xlsx") from None
    # weasyprint logs every CSS property it ignores; a report needs none of that on the console.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(string=render_html(report, for_print=True), base_url=None)
    data: bytes = document.write_pdf(pdf_identifier=b"styrsignal-report", uncompressed_pdf=False)
    return data


def write(report: Report, out: Path) -> list[Path]:
    out.write_bytes(render_pdf(report))
    return [out]
