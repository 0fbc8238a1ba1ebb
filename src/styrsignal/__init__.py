"""styrsignal: policy mapping for social innovation.

The front door is small::

    from styrsignal import Workspace, ingest

    with Workspace.open("my-workspace") as ws:
        report = ingest(ws, ["documents/"], objects_file=Path("objects.yaml"))
        for document in ws.store.documents():
            print(document.metadata.title)
"""

from styrsignal.errors import StyrsignalError
from styrsignal.ingest.pipeline import IngestReport, ingest
from styrsignal.model import AnalysisObject, Document, Metadata
from styrsignal.workspace import Workspace

__version__ = "0.1.0"

__all__ = [
    "AnalysisObject",
    "Document",
    "IngestReport",
    "Metadata",
    "StyrsignalError",
    "Workspace",
    "__version__",
    "ingest",
]
