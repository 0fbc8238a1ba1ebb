"""The HTTP API against its own OpenAPI schema: generated requests to every operation never
cause a server error, and every response conforms to the schema.  Also: the schema is
complete (typed responses, documented errors) and ``docs/openapi.json`` is current."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from styrsignal.web import create_app

REPO = Path(__file__).resolve().parents[2]
OPENAPI_DOC = REPO / "docs" / "openapi.json"
CHECKS = [not_a_server_error, response_schema_conformance]
FUZZ = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.function_scoped_fixture])


def fuzz_schema(client: Any) -> Any:
    """The application's schema for schemathesis, with the workspace's real object and
    document ids mixed into the generated path parameters (else nearly every case is a 404)."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    real = {"object_id": [o["id"] for o in client.get("/api/objects").json()],
            "document_id": [d["id"] for d in client.get("/api/documents").json()]}

    @schema.hook
    def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> st.SearchStrategy[Any]:
        if not path_parameters:
            return st.just(path_parameters)
        choices = {name: st.sampled_from([value, *real[name]]) for name, value in path_parameters.items()
                   if name in real}
        return st.fixed_dictionaries(choices).map(lambda chosen: {**path_parameters, **chosen})

    return schema


@pytest.fixture
def api_schema(api_client) -> Any:
    """The schema over the shared example workspace: reads only."""
    return fuzz_schema(api_client)


@pytest.fixture
def api_fresh_schema(api_fresh_client) -> Any:
    """The schema over a throwaway copy of the workspace, for writes."""
    return fuzz_schema(api_fresh_client)


REPORTS = "^/api/reports/"
"""Each report download writes a whole report (a PDF takes half a minute): checked once, not fuzzed."""
reads = schemathesis.pytest.from_fixture("api_schema").include(method="GET").exclude(path_regex=REPORTS)
writes = schemathesis.pytest.from_fixture("api_fresh_schema").exclude(method="GET")


@reads.parametrize()
@FUZZ
def test_reads_conform_to_the_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@writes.parametrize()
@FUZZ
def test_writes_conform_to_the_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


def test_report_download_conforms_to_the_schema(api_schema) -> None:
    operations = [op.ok() for op in api_schema.get_all_operations()]
    downloads = [op for op in operations if re.match(REPORTS, op.path) and op.method.upper() == "GET"]
    if not downloads:
        pytest.skip("no report downloads in the API")
    for operation in downloads:
        case = operation.Case(path_parameters={"fmt": "html"}, query={"lang": "en"})
        response = case.call()
        assert response.status_code == 200
        case.validate_response(response, checks=[*CHECKS, content_type_conformance])


def test_docs_openapi_json_is_current(tmp_path: Path) -> None:
    current = create_app(tmp_path / "ws", warm=False).openapi()
    documented = json.loads(OPENAPI_DOC.read_text(encoding="utf-8"))
    assert documented == current, "docs/openapi.json is out of date: python3 tests/web/test_api_schema.py writes it"


def api_operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in schema["paths"].items() if path.startswith("/api/")
            for method, operation in item.items()]


def test_every_operation_is_described_typed_and_documents_its_errors(tmp_path: Path) -> None:
    schema = create_app(tmp_path / "ws", warm=False).openapi()
    operations = api_operations(schema)
    assert len(operations) >= 12
    for path, method, operation in operations:
        where = f"{method.upper()} {path}"
        assert operation.get("description") or operation.get("summary"), f"{where} has no description"
        success = [code for code in operation["responses"] if code.startswith("2")]
        assert success, f"{where} documents no success"
        for code in success:
            content = operation["responses"][code].get("content", {})
            for media, body in content.items():
                assert body.get("schema") not in (None, {}), f"{where} {code} {media} has no response model"
        for code, response in operation["responses"].items():
            if code.startswith(("4", "5")):
                assert response.get("content", {}).get("application/json", {}).get("schema"), \
                    f"{where} {code} has no error model"
        if "{" in path:
            assert "404" in operation["responses"] or "422" in operation["responses"], f"{where}: no 404"
    for name, parameter in ((p["name"], p) for _, _, op in operations for p in op.get("parameters", [])):
        assert parameter.get("schema", {}).get("type") or parameter.get("schema", {}).get("anyOf") \
            or parameter.get("schema", {}).get("enum"), f"parameter {name} is untyped"


def test_analysis_models_are_the_documented_analysis_schema(tmp_path: Path) -> None:
    """The API serves the same contract as ``analyze --json`` (docs/analysis.schema.json)."""
    schema = create_app(tmp_path / "ws", warm=False).openapi()
    components = schema["components"]["schemas"]
    documented = json.loads((REPO / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))
    assert set(documented["$defs"]) <= set(components)
    for name in ("Evidence", "ObjectAssessment", "Override"):
        assert set(components[name]["properties"]) == set(documented["$defs"][name]["properties"])


def write_openapi_document() -> None:
    """Write ``docs/openapi.json`` from the application as it is now."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        document = create_app(Path(tmp) / "ws", warm=False).openapi()
    OPENAPI_DOC.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_openapi_document()
