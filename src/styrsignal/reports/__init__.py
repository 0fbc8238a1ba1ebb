"""Reports: one content model (:mod:`styrsignal.reports.content`), one writer per format.

A writer is a function ``(report, out) -> [written paths]``.  Formats are registered by name
with :func:`register_format`, the built-in ones (docx, pdf, html, md, xlsx) the same way a
third party would add one, explicitly and on first use, so importing this package loads no
writer and none of their libraries::

    from styrsignal.reports import register_format, write_report

    register_format("txt", my_writer, suffixes=(".txt",))
    write_report(workspace, Path("rapport.txt"))

:func:`write_report` builds the analysis (the stored coding is reused; analysts' reviews are
applied), the report model, and hands it to the writer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from styrsignal.analysis.assessment import Analysis
from styrsignal.analysis.framework import Framework, load_framework
from styrsignal.corpus import list_objects
from styrsignal.errors import UsageError
from styrsignal.reports.blocks import Report
from styrsignal.reports.content import CorpusSummary, build_report
from styrsignal.workspace import Workspace

Writer = Callable[[Report, Path], list[Path]]

__all__ = ["Writer", "build_report_for", "format_for", "formats", "register_builtin_formats", "register_format",
           "write_report"]


@dataclass(frozen=True)
class _Format:
    name: str
    writer: Writer
    suffixes: tuple[str, ...]


_FORMATS: dict[str, _Format] = {}
_BUILTIN = {"docx": (".docx",), "pdf": (".pdf",), "html": (".html", ".htm"), "md": (".md", ".markdown"),
            "xlsx": (".xlsx",)}
_MODULES = {"md": "markdown"}


def register_format(name: str, writer: Writer, *, suffixes: tuple[str, ...] = ()) -> None:
    """Make ``name`` a report format written by ``writer``; ``suffixes`` let ``--out`` imply it."""
    _FORMATS[name] = _Format(name, writer, tuple(s.lower() for s in suffixes))


def _builtin_writer(name: str) -> Writer:
    """The writer of a built-in format, imported when it is first called."""

    def write(report: Report, out: Path) -> list[Path]:
        module = importlib.import_module(f"styrsignal.reports.{_MODULES.get(name, name)}")
        result: list[Path] = module.write(report, out)
        return result

    return write


def register_builtin_formats() -> None:
    for name, suffixes in _BUILTIN.items():
        if name not in _FORMATS:
            register_format(name, _builtin_writer(name), suffixes=suffixes)


def formats() -> list[str]:
    register_builtin_formats()
    return list(_FORMATS)


def format_for(out: Path, name: str | None = None) -> str:
    """The format asked for, or the one ``out``'s suffix implies."""
    register_builtin_formats()
    if name is not None:
        if name not in _FORMATS:
            raise UsageError(f"--format {name!r}: unknown report format. Available: {', '.join(_FORMATS)}")
        return name
    suffix = out.suffix.lower()
    for spec in _FORMATS.values():
        if suffix in spec.suffixes:
            return spec.name
    raise UsageError(f"--out {out}: cannot tell the format from {suffix or 'a name without suffix'!r}; "
                     f"give --format, one of {', '.join(_FORMATS)}")


def build_report_for(workspace: Workspace, *, framework: Framework | None = None, lang: str = "sv",
                     object_ids: list[str] | None = None, analysis: Analysis | None = None,
                     title: str | None = None) -> Report:
    """The report model of ``analysis``, or of a fresh analysis of the workspace (reusing its coding)."""
    from styrsignal.analysis.analyze import analyze
    from styrsignal.analysis.trends import cross_cutting

    framework = framework or load_framework()
    if analysis is None:
        if object_ids is not None:
            known = [o.id for o in list_objects(workspace)]
            missing = [i for i in object_ids if i not in known]
            if missing:
                raise UsageError(f"no analysis object matches --objects {','.join(missing)}. "
                                 f"Available: {', '.join(known) or 'none (ingest documents first)'}")
        analysis = analyze(workspace, framework, lang=lang, object_ids=object_ids)
    else:
        if analysis.framework.version_key != framework.version_key:
            raise UsageError(f"the analysis was made with framework {analysis.framework.version_key}, not "
                             f"{framework.version_key}; pass the same --framework or run analyze again")
        if object_ids is not None:
            in_analysis = [a.id for a in analysis.objects]
            missing = [i for i in object_ids if i not in in_analysis]
            if missing:
                raise UsageError(f"the analysis has no object {', '.join(missing)}. "
                                 f"Available: {', '.join(in_analysis)}")
            kept = [a for a in analysis.objects if a.id in object_ids]
            analysis = analysis.model_copy(update={
                "objects": kept, "cross_cutting": cross_cutting(framework, kept, analysis.lang)})
    if object_ids is not None and not analysis.objects:
        raise UsageError(f"no analysis object matches --objects {','.join(object_ids)}")
    documents = {d.id for a in analysis.objects for d in a.documents}
    corpus = CorpusSummary.from_documents(workspace.store.documents(), analysis.lang, only=documents)
    return build_report(analysis, framework, corpus, title=title)


def write_report(workspace: Workspace, out: Path, *, format: str | None = None, framework: Framework | None = None,
                 lang: str = "sv", object_ids: list[str] | None = None, analysis: Analysis | None = None,
                 title: str | None = None) -> list[Path]:
    """Write the report to ``out`` (format from ``format`` or the suffix); returns every file written."""
    name = format_for(out, format)
    report = build_report_for(workspace, framework=framework, lang=lang, object_ids=object_ids, analysis=analysis,
                              title=title)
    out.parent.mkdir(parents=True, exist_ok=True)
    return _FORMATS[name].writer(report, out)
