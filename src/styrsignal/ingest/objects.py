"""Analysis objects: the ``objects.yaml`` that groups documents, and objects for the rest.

::

    objects:
      - id: "esf"
        name: "ESF+ 2021–2027"
        documents:
          - path: esf/*.pdf            # glob, relative to the objects file
          - path: esf/programme.html
            title: "…"                 # optional metadata overrides
            issuer: "Svenska ESF-rådet"
            date: 2022-01-31

A document no object names becomes an object of its own.
"""

from __future__ import annotations

import datetime as dt
import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from styrsignal.errors import ObjectsFileError
from styrsignal.model import AnalysisObject, DocType, Document
from styrsignal.yamlfile import load_yaml_model


class DocumentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(min_length=1)
    title: str | None = None
    issuer: str | None = None
    date: dt.date | None = None
    doc_type: DocType | None = None
    language: str | None = None
    source_url: str | None = None

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and value not in ("sv", "en", "other"):
            raise ValueError("language must be sv, en or other")
        return value

    def overrides(self) -> dict[str, str]:
        values = self.model_dump(exclude={"path"}, exclude_none=True)
        out: dict[str, str] = {}
        for key, value in values.items():
            out[key] = value.value if isinstance(value, DocType) else (
                value.isoformat() if isinstance(value, dt.date) else str(value))
        return out


class ObjectEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    documents: list[DocumentEntry] = Field(min_length=1)

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value


class ObjectsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    objects: list[ObjectEntry]

    @field_validator("objects")
    @classmethod
    def _unique(cls, value: list[ObjectEntry]) -> list[ObjectEntry]:
        seen: set[str] = set()
        for obj in value:
            if obj.id in seen:
                raise ValueError(f"object id {obj.id!r} is used twice")
            seen.add(obj.id)
        return value


@dataclass
class ResolvedObjects:
    """An objects file with its globs expanded to files."""

    path: Path
    spec: ObjectsFile
    files: dict[str, list[tuple[Path, dict[str, str]]]] = field(default_factory=dict)
    """Object id → (file, metadata overrides) in file order."""
    unmatched: list[tuple[str, str]] = field(default_factory=list)
    """(object id, pattern) for patterns that matched no file."""

    def all_files(self) -> list[Path]:
        return [file for entries in self.files.values() for file, _ in entries]


def load_objects(path: Path) -> ResolvedObjects:
    spec = load_yaml_model(path, ObjectsFile, ObjectsFileError)
    resolved = ResolvedObjects(path.resolve(), spec)
    base = path.resolve().parent
    for obj in spec.objects:
        entries: list[tuple[Path, dict[str, str]]] = []
        for doc in obj.documents:
            pattern = doc.path if Path(doc.path).is_absolute() else str(base / doc.path)
            matches = sorted(Path(m) for m in glob.glob(pattern, recursive=True) if Path(m).is_file())
            if not matches:
                resolved.unmatched.append((obj.id, doc.path))
            entries.extend((m.resolve(), doc.overrides()) for m in matches)
        resolved.files[obj.id] = entries
    return resolved


def implicit_object_id(document: Document, taken: set[str]) -> str:
    stem = Path(document.source_path).stem.lower()
    slug = re.sub(r"[^a-z0-9åäö]+", "-", stem).strip("-") or f"document-{document.id}"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def analysis_objects(declared: list[AnalysisObject], documents: list[Document]) -> list[AnalysisObject]:
    """Declared objects, then one object for each document no declared object names."""
    named = {did for obj in declared for did in obj.document_ids}
    taken = {obj.id for obj in declared}
    result = list(declared)
    for document in documents:
        if document.id in named:
            continue
        oid = implicit_object_id(document, taken)
        taken.add(oid)
        result.append(AnalysisObject(oid, document.metadata.title or Path(document.source_path).name,
                                     [document.id], implicit=True))
    return result
