"""Tests for scripts/fetch_spec.py: download, checks, drift report, atomic write, errors.

A real HTTP server on 127.0.0.1 (ephemeral port) serves the fixture document, modified copies of
it and bad bodies; the script runs in-process through ``main()`` (and once as a subprocess).
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "fetch_spec.py"


def _import_script() -> ModuleType:
    # The script imports its neighbours (openapi_document, prepare_document) as a program does.
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location("fetch_spec", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fetch_spec"] = module
    spec.loader.exec_module(module)
    return module


fs = _import_script()

# A minimal valid OpenAPI 3.0 document: 3 paths (4 operations with the added one later),
# 4 schemas. Kept as text, with a comment and flow style, to check the bytes are saved as served.
FIXTURE_YAML = b"""\
# Fixture OpenAPI document for tests/tooling/test_fetch_spec.py (vendor formatting must be kept).
openapi: 3.0.3
info:
  title: Casco fixture API
  version: "1.0"
servers:
  - url: https://casco-qa.api.example.test
paths:
  /auth:
    post:
      operationId: authenticate
      parameters:
        - name: account
          in: query
          required: true
          schema: {type: string}
        - name: password
          in: query
          required: false
          schema: {type: string}
      responses:
        "200":
          description: A token.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Token"}
        "401":
          description: Bad credentials.
  /offer:
    post:
      operationId: getQuote
      parameters:
        - $ref: "#/components/parameters/TokenHeader"
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/QuoteRequest"}
      responses:
        "200":
          description: Offers.
          content:
            application/json:
              schema:
                type: object
                properties:
                  error: {type: boolean}
                  data:
                    type: array
                    items: {$ref: "#/components/schemas/Offer"}
  /offer/{id}:
    get:
      operationId: getOfferPdf
      parameters:
        - $ref: "#/components/parameters/TokenHeader"
        - name: id
          in: path
          required: true
          schema: {type: integer}
      responses:
        "200":
          description: The offer.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Offer"}
components:
  parameters:
    TokenHeader:
      name: Token
      in: header
      required: true
      schema: {type: string}
  schemas:
    Token:
      type: object
      required: [token]
      properties:
        token: {type: string}
        expires_at: {type: string}
    QuoteRequest:
      type: object
      required: [provider]
      properties:
        provider: {type: string, enum: [generali, groupama, allianz]}
        startDate: {type: string, format: date}
        currency: {type: string, enum: [RON, EUR]}
    Offer:
      type: object
      required: [offerId]
      properties:
        offerId: {type: integer}
        premiumAmount: {type: number}
        currency: {type: string, enum: [RON, EUR]}
        notes: {type: string}
    Legacy:
      type: object
      properties:
        code: {type: string}
"""


def fixture_doc() -> dict[str, Any]:
    doc = yaml.safe_load(FIXTURE_YAML)
    assert isinstance(doc, dict)
    return doc


def modified_doc() -> dict[str, Any]:
    """The fixture with one change of every kind the report knows."""
    doc = fixture_doc()
    paths = doc["paths"]
    paths["/nomenclature/country"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    del paths["/offer/{id}"]
    paths["/auth"]["post"]["parameters"][1]["required"] = True  # password becomes required
    del paths["/auth"]["post"]["responses"]["401"]
    schemas = doc["components"]["schemas"]
    offer = schemas["Offer"]["properties"]
    offer["premiumAmount"] = {"type": "string"}
    del offer["notes"]
    offer["pid"] = {"type": "string", "format": "uri"}
    offer["currency"]["enum"].append("GBP")
    schemas["QuoteRequest"]["properties"]["currency"]["enum"] = ["RON", "USD"]
    schemas["QuoteRequest"]["required"].append("startDate")
    schemas["Token"]["required"].append("expires_at")
    del schemas["Legacy"]
    schemas["Country"] = {"type": "object", "properties": {"iso2": {"type": "string"}}}
    return doc


EXPECTED_MODIFIED_REPORT = [
    "~ POST /auth query param password: optional -> required [wire-breaking]",
    "- POST /auth response 401",
    "+ GET /nomenclature/country [additive]",
    "- GET /offer/{id} [wire-breaking]",
    "+ schema Country [additive]",
    "- schema Legacy [wire-breaking]",
    "+ schema Offer.pid: string(uri) [additive]",
    "- schema Offer.notes: string [wire-breaking]",
    "~ schema Offer.premiumAmount: type number -> string [wire-breaking]",
    '~ schema Offer.currency: enum value added: "GBP" [wire-breaking]',
    "~ schema QuoteRequest.startDate: optional -> required [wire-breaking]",
    '~ schema QuoteRequest.currency: enum value removed: "EUR" [wire-breaking]',
    '~ schema QuoteRequest.currency: enum value added: "USD" [additive]',
    "~ schema Token.expires_at: optional -> required",
    "drift: 14 changes: 8 wire-breaking, 0 SDK-breaking (0 absorbed by pinning, 0 not absorbed),"
    " 4 additive, 2 compatible",
]


def non_breaking_doc() -> dict[str, Any]:
    doc = fixture_doc()
    doc["paths"]["/nomenclature/country"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    doc["components"]["schemas"]["Offer"]["properties"]["pid"] = {"type": "string"}
    return doc


def dump(doc: dict[str, Any]) -> bytes:
    return yaml.safe_dump(doc, sort_keys=False).encode()


# --------------------------------------------------------------------------------------------
# Local HTTP server
# --------------------------------------------------------------------------------------------


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/yaml"
    delay: float = 0.0  # seconds before the response
    trickle: float = 0.0  # seconds between single bytes of the body
    headers: tuple[tuple[str, str], ...] = ()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    stop: threading.Event

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Silence: a client that gave up (timeout tests) must not print to stderr."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the access log."""

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path)
        if route is None:
            route = Route(status=404, body=b"not found", content_type="text/plain")
        if route.delay and self.server.stop.wait(route.delay):
            return
        try:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers:
                self.send_header(name, value)
            self.end_headers()
            if route.trickle:
                for index in range(len(route.body)):
                    self.wfile.write(route.body[index : index + 1])
                    self.wfile.flush()
                    if self.server.stop.wait(route.trickle):
                        return
            else:
                self.wfile.write(route.body)
        except OSError:
            pass


@dataclass
class Served:
    base: str
    routes: dict[str, Route]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def server() -> Iterator[Served]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes = {}
    httpd.stop = threading.Event()
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fetch-spec-test-server"
    )
    thread.daemon = True
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{httpd.server_address[1]}", httpd.routes)
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """Output path in its own directory, holding the fixture as the previous document."""
    directory = tmp_path / "openapi"
    directory.mkdir()
    path = directory / "casco-api.yaml"
    path.write_bytes(FIXTURE_YAML)
    return path


RunResult = tuple[int, str, str]


#: Generation inputs for the small fixture: no pins (vendor names are the generated names), an
#: overlay without actions. The real openapi/pins.yaml is for the real document.
EMPTY_PINS = b"security_scheme: TokenAuth\noperations: {}\nschemas: {}\n"
EMPTY_OVERLAY = b"overlay: 1.0.0\ninfo: {title: none, version: '1'}\nactions: []\n"


@pytest.fixture
def generation(tmp_path: Path) -> list[str]:
    """``--pins``/``--overlay`` arguments for the fixture document (outside openapi/)."""
    directory = tmp_path / "generation"
    directory.mkdir()
    (directory / "pins.yaml").write_bytes(EMPTY_PINS)
    (directory / "overlay.yaml").write_bytes(EMPTY_OVERLAY)
    return ["--pins", str(directory / "pins.yaml"), "--overlay", str(directory / "overlay.yaml")]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], generation: list[str]) -> Callable[..., RunResult]:
    def _run(*args: str) -> RunResult:
        capsys.readouterr()
        code = fs.main([*args, *generation] if args and args[0] != "--bogus" else list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def report_lines(out: str) -> list[str]:
    """The lines between ``drift against ...:`` and ``wrote ...``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("drift against "))
    end = next((i for i, line in enumerate(lines) if line.startswith("wrote ")), len(lines))
    return lines[start + 1 : end]


# --------------------------------------------------------------------------------------------
# Happy paths through the server
# --------------------------------------------------------------------------------------------


def test_fixture_is_valid_openapi() -> None:
    doc = fs.load_document(FIXTURE_YAML)
    assert fs.validation_warning(doc) is None


def test_first_download_writes_bytes_as_served(
    server: Served, tmp_path: Path, run: Callable[..., RunResult]
) -> None:
    server.routes["/spec.yaml"] = Route(body=FIXTURE_YAML)
    target = tmp_path / "new" / "casco-api.yaml"  # parent directory is created
    code, out, err = run("--url", server.url("/spec.yaml"), "--output", str(target))
    assert code == 0, err
    assert err == ""
    assert target.read_bytes() == FIXTURE_YAML  # comment and flow style kept
    assert "nothing to compare" in out
    assert "OpenAPI 3.0.3, 3 operations, 4 schemas" in out
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert sorted(p.name for p in target.parent.iterdir()) == ["casco-api.yaml"]


def test_identical_document_reports_no_drift_and_leaves_file(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    server.routes["/spec.yaml"] = Route(body=FIXTURE_YAML)
    os.utime(output, (1_000_000, 1_000_000))
    code, out, err = run("--url", server.url("/spec.yaml"), "--output", str(output))
    assert code == 0
    assert err == ""
    assert "no drift" in out
    assert output.stat().st_mtime == 1_000_000  # not rewritten


def test_reformatted_identical_document_is_no_drift(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    body = dump(fixture_doc())
    assert body != FIXTURE_YAML
    server.routes["/spec.yaml"] = Route(body=body)
    code, out, _err = run(
        "--url", server.url("/spec.yaml"), "--output", str(output), "--fail-on-breaking"
    )
    assert code == 0
    assert report_lines(out)[0] == "no drift"
    assert output.read_bytes() == body


def test_drift_report_lists_every_kind_of_change(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    body = dump(modified_doc())
    server.routes["/spec.yaml"] = Route(body=body)
    code, out, err = run(
        "--url", server.url("/spec.yaml"), "--output", str(output), "--allow-breaking"
    )
    assert code == 0  # breaking changes, but --allow-breaking
    assert err == ""
    assert report_lines(out) == EXPECTED_MODIFIED_REPORT
    assert output.read_bytes() == body


def test_fail_on_breaking_writes_and_exits_1(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    body = dump(modified_doc())
    server.routes["/spec.yaml"] = Route(body=body)
    code, out, err = run(
        "--url", server.url("/spec.yaml"), "--output", str(output), "--fail-on-breaking"
    )
    assert code == 1
    assert output.read_bytes() == body  # written anyway, for git diff
    assert "[wire-breaking]" in out
    assert err.count("\n") == 1
    assert "8 changes break users" in err and "written" in err and "git diff" in err
    assert sorted(p.name for p in output.parent.iterdir()) == ["casco-api.yaml"]


def test_fail_on_breaking_with_only_additions_exits_0(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    server.routes["/spec.yaml"] = Route(body=dump(non_breaking_doc()))
    code, out, err = run(
        "--url", server.url("/spec.yaml"), "--output", str(output), "--fail-on-breaking"
    )
    assert code == 0, err
    assert report_lines(out) == [
        "+ GET /nomenclature/country [additive]",
        "+ schema Offer.pid: string [additive]",
        "drift: 2 changes: 0 wire-breaking, 0 SDK-breaking (0 absorbed by pinning, 0 not absorbed),"
        " 2 additive, 0 compatible",
    ]


def test_json_body_is_saved_as_is_with_a_note(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    body = json.dumps(fixture_doc(), indent="\t").encode()  # tabs: not valid YAML indentation
    server.routes["/spec.json"] = Route(body=body, content_type="application/json")
    code, out, err = run("--url", server.url("/spec.json"), "--output", str(output))
    assert code == 0, err
    assert output.read_bytes() == body
    assert "the document is JSON" in out
    assert report_lines(out)[0] == "no drift"


def test_redirects_are_followed(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    server.routes["/old"] = Route(status=302, headers=(("Location", "/spec.yaml"),))
    server.routes["/spec.yaml"] = Route(body=dump(non_breaking_doc()))
    code, _out, err = run("--url", server.url("/old"), "--output", str(output))
    assert code == 0, err
    assert output.read_bytes() == dump(non_breaking_doc())


def test_invalid_but_openapi3_document_is_a_warning(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    doc = fixture_doc()
    del doc["info"]["version"]
    doc["paths"]["/auth"]["post"]["responses"][401] = {"description": "int key, as YAML reads it"}
    body = dump(doc)
    server.routes["/spec.yaml"] = Route(body=body)
    code, out, err = run("--url", server.url("/spec.yaml"), "--output", str(output))
    assert code == 2  # refused by default: make generate would choke on it
    assert err.startswith("fetch_spec: error: ") and err.count("\n") == 1
    assert "does not fully validate" in err and "--allow-invalid" in err
    assert output.read_bytes() == FIXTURE_YAML
    code, out, err = run(
        "--url", server.url("/spec.yaml"), "--output", str(output), "--allow-invalid"
    )
    assert code == 0
    assert err.startswith("fetch_spec: warning: the document does not fully validate")
    assert "version" in err
    assert "~ document: info.version 1.0 -> None" in report_lines(out)
    assert output.read_bytes() == body


def test_unusable_previous_document_is_replaced(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    output.write_bytes(b"<<<<<<< HEAD\nbroken: [\n")
    server.routes["/spec.yaml"] = Route(body=FIXTURE_YAML)
    code, _out, err = run("--url", server.url("/spec.yaml"), "--output", str(output))
    assert code == 0
    assert "previous" in err and "unusable" in err
    assert output.read_bytes() == FIXTURE_YAML


def test_existing_file_mode_is_kept(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    output.chmod(0o664)
    server.routes["/spec.yaml"] = Route(body=dump(non_breaking_doc()))
    assert run("--url", server.url("/spec.yaml"), "--output", str(output))[0] == 0
    assert output.stat().st_mode & 0o777 == 0o664


# --------------------------------------------------------------------------------------------
# Bad inputs: exit 2, one stderr line, no traceback, output untouched, no temp file left
# --------------------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


BAD_ROUTES: dict[str, Route] = {
    "/not-yaml": Route(body=b"openapi: 3.0.3\npaths: {\n  /a: [unclosed\n\t- : :\n"),
    "/html": Route(
        body=b"<!DOCTYPE html><html><body>Redoc</body></html>", content_type="text/html"
    ),
    "/binary": Route(body=b"\x00\xff\xfe\x80garbage", content_type="application/octet-stream"),
    "/empty": Route(body=b""),
    "/not-openapi": Route(body=b"hello: world\nitems: [1, 2]\n"),
    "/scalar": Route(body=b"just some text\n", content_type="text/plain"),
    "/swagger2": Route(body=b"swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n"),
    "/openapi-4": Route(body=b"openapi: 4.0.0\npaths: {}\n"),
    "/no-paths": Route(body=b"openapi: 3.0.3\ninfo: {title: x, version: '1'}\n"),
    "/server-error": Route(status=500, body=b"oops", content_type="text/plain"),
    "/forbidden": Route(status=403, body=b"no", content_type="text/plain"),
    "/slow": Route(body=FIXTURE_YAML, delay=10),
    "/trickle": Route(body=FIXTURE_YAML[:60], trickle=0.1),
    "/redirect-loop": Route(status=302, headers=(("Location", "/redirect-loop"),)),
}

BAD_CASES: list[tuple[str, str]] = [
    ("/not-yaml", "neither JSON nor YAML"),
    ("/html", "HTML page"),
    ("/binary", "not UTF-8 text"),
    ("/empty", "empty"),
    ("/not-openapi", "not an OpenAPI 3.0/3.1 document (openapi: missing)"),
    ("/scalar", "not an OpenAPI document (not a mapping)"),
    ("/swagger2", "npx swagger2openapi --yaml --outfile build/casco-api.v3.yaml http"),
    ("/openapi-4", "not an OpenAPI 3.0/3.1 document (openapi: 4.0.0)"),
    ("/no-paths", "'paths' is missing"),
    ("/missing", "HTTP 404 Not Found"),
    ("/server-error", "HTTP 500"),
    ("/forbidden", "HTTP 403"),
    ("/slow", "timed out after 0.5 s"),
    ("/trickle", "timed out after 0.5 s"),
    ("/redirect-loop", "too many redirects"),
    ("refused", "cannot connect to 127.0.0.1"),
    ("dns", "cannot resolve host nonexistent.invalid"),
    ("ftp", "invalid URL"),
]


def _assert_failed_cleanly(code: int, out: str, err: str, output: Path, listing: list[str]) -> None:
    assert code == 2
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("fetch_spec: error: ")
    assert "; " in lines[0]  # "<what is wrong>; <how to fix>"
    assert output.read_bytes() == FIXTURE_YAML
    assert sorted(p.name for p in output.parent.iterdir()) == listing


@pytest.mark.parametrize(("case", "message"), BAD_CASES, ids=[case for case, _ in BAD_CASES])
def test_bad_input_fails_cleanly(
    case: str,
    message: str,
    server: Served,
    output: Path,
    run: Callable[..., RunResult],
) -> None:
    server.routes.update(BAD_ROUTES)
    if case == "refused":
        url = f"http://127.0.0.1:{_closed_port()}/spec.yaml"
    elif case == "dns":
        url = "http://nonexistent.invalid/spec.yaml"
    elif case == "ftp":
        url = "ftp://example.com/spec.yaml"
    else:
        url = server.url(case)
    listing = sorted(p.name for p in output.parent.iterdir())
    started = time.monotonic()
    code, out, err = run("--url", url, "--output", str(output), "--timeout", "0.5")
    assert time.monotonic() - started < 8
    _assert_failed_cleanly(code, out, err, output, listing)
    assert message in err


def test_output_directory_is_an_error(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    server.routes["/spec.yaml"] = Route(body=FIXTURE_YAML)
    code, _out, err = run("--url", server.url("/spec.yaml"), "--output", str(output.parent))
    assert code == 2
    assert err.startswith("fetch_spec: error: ") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["--timeout", "0"], ["--timeout", "x"], ["--bogus"]])
def test_bad_command_line_is_one_line(argv: list[str], run: Callable[..., RunResult]) -> None:
    code, _out, err = run(*argv)
    assert code == 2
    assert err.startswith("fetch_spec: error: ") and err.count("\n") == 1


def test_cli_subprocess(server: Served, output: Path, generation: list[str]) -> None:
    """The script runs as a program from another directory; errors print no traceback."""
    listing = sorted(p.name for p in output.parent.iterdir())
    server.routes["/spec.yaml"] = Route(body=dump(modified_doc()))
    command = [sys.executable, str(SCRIPT), "--output", str(output), "--timeout", "5", *generation]
    bad = subprocess.run(
        [*command, "--url", server.url("/missing")],
        capture_output=True,
        text=True,
        cwd=output.parent,
        timeout=60,
    )
    _assert_failed_cleanly(bad.returncode, bad.stdout, bad.stderr, output, listing)
    good = subprocess.run(
        [*command, "--url", server.url("/spec.yaml"), "--fail-on-breaking"],
        capture_output=True,
        text=True,
        cwd=output.parent,
        timeout=60,
    )
    assert good.returncode == 1, good.stderr
    assert report_lines(good.stdout) == EXPECTED_MODIFIED_REPORT
    assert "drift against casco-api.yaml:" in good.stdout  # shown relative to the cwd


def test_default_url_and_output() -> None:
    args = fs.build_parser().parse_args([])
    assert args.spec == "https://api.lifeishard.ro/redocusaurus/casco-api.yaml"
    assert args.pins == REPO_ROOT / "openapi" / "pins.yaml"
    assert args.overlay == REPO_ROOT / "openapi" / "overlay.yaml"
    assert fs.build_parser().parse_args(["--url", "x.json"]).spec == "x.json"  # the old name
    assert args.output == REPO_ROOT / "openapi" / "casco-api.yaml"
    assert args.output.is_absolute()
    assert args.allow_breaking is False
    assert args.timeout > 0


# --------------------------------------------------------------------------------------------
# Pure functions
# --------------------------------------------------------------------------------------------


def lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [change.line() for change in fs.diff_documents(old, new)]


def test_no_drift_on_equal_documents() -> None:
    assert fs.diff_documents(fixture_doc(), fixture_doc()) == []
    assert fs.format_report([]) == "no drift"


def test_change_objects() -> None:
    changes = fs.diff_documents(fixture_doc(), modified_doc())
    removed = next(c for c in changes if c.target == "GET /offer/{id}")
    assert (removed.kind, removed.detail, removed.breaking) == ("removed", "", True)
    added = next(c for c in changes if c.target == "GET /nomenclature/country")
    assert (added.kind, added.breaking) == ("added", False)


def test_parameter_added_removed_moved_retyped() -> None:
    old, new = fixture_doc(), fixture_doc()
    auth = new["paths"]["/auth"]["post"]
    auth["parameters"][0]["in"] = "header"  # account: query -> header
    auth["parameters"][1]["schema"] = {"type": "integer"}  # password retyped
    auth["parameters"].append({"name": "lang", "in": "query", "schema": {"type": "string"}})
    auth["parameters"].append(
        {"name": "code", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    quote = new["paths"]["/offer"]["post"]
    quote["parameters"] = []  # Token header removed
    assert lines(old, new) == [
        "~ POST /auth query param account: moved to header [wire-breaking]",
        "+ POST /auth query param lang: string [additive]",
        "+ POST /auth query param code: string, required [wire-breaking]",
        "~ POST /auth query param password: type string -> integer [wire-breaking]",
        "- POST /offer header param Token [wire-breaking]",
    ]


def test_header_names_are_case_insensitive_and_path_params_required() -> None:
    old, new = fixture_doc(), fixture_doc()
    new["components"]["parameters"]["TokenHeader"]["name"] = "token"
    assert lines(old, new) == []
    new["paths"]["/offer/{id}"]["get"]["parameters"][1]["required"] = False  # path: still required
    assert lines(old, new) == []


def test_path_template_rename_is_matched() -> None:
    old, new = fixture_doc(), fixture_doc()
    operation = new["paths"].pop("/offer/{id}")
    operation["get"]["parameters"][1]["name"] = "offerId"
    new["paths"]["/offer/{offerId}"] = operation
    assert lines(old, new) == [
        "~ GET /offer/{id}: path renamed to /offer/{offerId}",
        "+ GET /offer/{offerId} path param offerId: integer, required [wire-breaking]",
        "- GET /offer/{offerId} path param id [wire-breaking]",
    ]


def test_request_body_and_responses() -> None:
    old, new = fixture_doc(), fixture_doc()
    quote = new["paths"]["/offer"]["post"]
    quote["requestBody"]["content"]["application/json"]["schema"] = {
        "$ref": "#/components/schemas/Token"
    }
    quote["requestBody"]["content"]["application/x-www-form-urlencoded"] = {"schema": {}}
    ok = quote["responses"]["200"]["content"]["application/json"]["schema"]
    ok["properties"]["data"]["items"] = {"$ref": "#/components/schemas/Token"}
    del ok["properties"]["error"]
    quote["responses"]["400"] = {"description": "validation error"}
    auth = new["paths"]["/auth"]["post"]
    auth["requestBody"] = {"content": {"application/json": {"schema": {"type": "object"}}}}
    new["paths"]["/offer/{id}"]["get"]["responses"] = {"201": {"description": "created"}}
    assert lines(old, new) == [
        "+ POST /auth request body: application/json [additive]",
        "+ POST /offer request body application/x-www-form-urlencoded [additive]",
        "~ POST /offer request body application/json: schema QuoteRequest -> Token [wire-breaking]",
        "+ POST /offer response 400 [additive]",
        "- POST /offer response 200 application/json error: boolean [wire-breaking]",
        "~ POST /offer response 200 application/json data: type array[Offer] -> array[Token]"
        " [wire-breaking]",
        "+ GET /offer/{id} response 201 [additive]",
        "- GET /offer/{id} response 200 [wire-breaking]",
    ]


def test_request_body_requiredness_and_removal() -> None:
    old, new = fixture_doc(), fixture_doc()
    new["paths"]["/offer"]["post"]["requestBody"]["required"] = False
    assert lines(old, new) == ["~ POST /offer request body: required -> optional"]
    assert lines(new, old) == ["~ POST /offer request body: optional -> required [wire-breaking]"]
    del new["paths"]["/offer"]["post"]["requestBody"]
    assert lines(old, new) == ["- POST /offer request body [wire-breaking]"]
    assert lines(new, old) == [
        "+ POST /offer request body: application/json, required [wire-breaking]"
    ]


def test_property_ref_compares_by_name_and_nested_items() -> None:
    old, new = fixture_doc(), fixture_doc()
    schemas_old, schemas_new = old["components"]["schemas"], new["components"]["schemas"]
    schemas_old["Offer"]["properties"]["installments"] = {
        "type": "array",
        "items": {"type": "object", "properties": {"id": {"type": "integer"}}},
    }
    schemas_new["Offer"]["properties"]["installments"] = {
        "type": "array",
        "items": {"type": "object", "properties": {"id": {"type": "string"}}},
    }
    schemas_old["Offer"]["properties"]["token"] = {"$ref": "#/components/schemas/Token"}
    schemas_new["Offer"]["properties"]["token"] = {
        "allOf": [{"$ref": "#/components/schemas/Token"}],
        "description": "3.0 style: same reference",
    }
    assert lines(old, new) == [
        "~ schema Offer.installments[].id: type integer -> string [wire-breaking]",
    ]
    schemas_new["Offer"]["properties"]["token"] = {"$ref": "#/components/schemas/Legacy"}
    assert "~ schema Offer.token: type Token -> Legacy [wire-breaking]" in lines(old, new)


def test_requiredness_depends_on_direction() -> None:
    old, new = fixture_doc(), fixture_doc()
    schemas = new["components"]["schemas"]
    schemas["QuoteRequest"]["required"] = []  # request: relaxing is fine
    schemas["Offer"]["required"] = []  # response: clients relied on offerId
    schemas["QuoteRequest"]["properties"]["mentions"] = {"type": "string"}
    schemas["Offer"]["properties"]["extra"] = {"type": "string"}
    schemas["Offer"]["required"].append("extra")  # required in a response: fine
    schemas["Token"]["properties"]["scope"] = {"type": "string"}
    schemas["QuoteRequest"]["properties"]["termTime"] = {"type": "integer"}
    schemas["QuoteRequest"]["required"].append("termTime")  # required in a request: breaking
    assert lines(old, new) == [
        "+ schema Offer.extra: string, required [additive]",
        "~ schema Offer.offerId: required -> optional [wire-breaking]",
        "+ schema QuoteRequest.mentions: string [additive]",
        "+ schema QuoteRequest.termTime: integer, required [wire-breaking]",
        "~ schema QuoteRequest.provider: required -> optional",
        "+ schema Token.scope: string [additive]",
    ]


def test_error_only_schema_changes_are_not_breaking() -> None:
    old, new = fixture_doc(), fixture_doc()
    for doc in (old, new):
        doc["paths"]["/auth"]["post"]["responses"]["401"]["content"] = {
            "application/json": {"schema": {"$ref": "#/components/schemas/Legacy"}}
        }
    new["components"]["schemas"]["Legacy"]["properties"]["code"] = {"type": "integer"}
    assert lines(old, new) == ["~ schema Legacy.code: type string -> integer"]


def test_nullable_31_type_lists() -> None:
    old, new = fixture_doc(), fixture_doc()
    old["openapi"] = new["openapi"] = "3.1.0"
    new["components"]["schemas"]["Offer"]["properties"]["notes"] = {"type": ["string", "null"]}
    new["components"]["schemas"]["QuoteRequest"]["properties"]["startDate"] = {
        "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]
    }
    assert lines(old, new) == [
        "~ schema Offer.notes: nullable false -> true [wire-breaking]",
        "~ schema QuoteRequest.startDate: nullable false -> true",
    ]


def test_servers_versions_and_x_source() -> None:
    old, new = fixture_doc(), fixture_doc()
    old["paths"]["/offer/{id}"]["get"]["x-source"] = "doc"
    old["paths"]["/offer/{id}"]["get"]["x-source-path"] = "decision"
    old["components"]["schemas"]["Legacy"]["x-source"] = "sibling"
    del new["paths"]["/offer/{id}"]
    del new["components"]["schemas"]["Legacy"]
    new["openapi"] = "3.1.0"
    new["info"]["version"] = "1.1"
    new["servers"] = [{"url": "https://casco.api.example.test"}]
    assert lines(old, new) == [
        "~ document: openapi 3.0.3 -> 3.1.0",
        "~ document: info.version 1.0 -> 1.1",
        "+ server https://casco.api.example.test [additive]",
        "- server https://casco-qa.api.example.test [wire-breaking]",
        "- GET /offer/{id}: x-source doc, x-source-path decision [wire-breaking]",
        "- schema Legacy: x-source sibling [wire-breaking]",
    ]


def test_integer_status_keys_match_string_ones() -> None:
    old = fixture_doc()
    new = yaml.safe_load(FIXTURE_YAML.replace(b'"200":', b"200:").replace(b'"401":', b"401:"))
    assert lines(old, new) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"[1, 2]", "not a mapping"),
        (b"openapi: '3.0.3'\npaths: []\n", "'paths' is missing or not a mapping"),
        (b"openapi: 2.0\npaths: {}\n", "not an OpenAPI 3.0/3.1 document (openapi: 2.0)"),
        (b"openapi: true\npaths: {}\n", "not an OpenAPI 3.0/3.1 document (openapi: True)"),
        (b"key: 2020-13-45\n", "neither JSON nor YAML"),
        (b"a: b: c\n", "neither JSON nor YAML"),
    ],
)
def test_load_document_rejects(data: bytes, message: str) -> None:
    with pytest.raises(fs.DocumentError) as info:
        fs.load_document(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_document_accepts_json_yaml_and_numeric_31() -> None:
    assert fs.load_document(b'{"openapi": "3.0.0", "paths": {}}')["openapi"] == "3.0.0"
    assert fs.load_document(b"\xef\xbb\xbfopenapi: 3.1.0\npaths: {}\n")["paths"] == {}
    assert fs.load_document(b"openapi: 3.1\npaths: {}\n")["openapi"] == 3.1


# --------------------------------------------------------------------------------------------
# The real document, rewritten the way the vendor's own file may differ (scripts/vendorize.py)
# --------------------------------------------------------------------------------------------

import vendorize  # noqa: E402  (scripts/ is on sys.path, as for fetch_spec)

OPENAPI_DIR = REPO_ROOT / "openapi"
REAL_DOCUMENT = OPENAPI_DIR / "casco-api.yaml"
REAL_PINS = fs.od.load_document(OPENAPI_DIR / "pins.yaml")


def real_doc() -> dict[str, Any]:
    """openapi/casco-api.yaml in its canonical form (our names, whoever wrote the file)."""
    return vendorize.canonical(fs.od.load_document(REAL_DOCUMENT), REAL_PINS)


class vr:  # the rewrites, by the names these tests read best with
    rename_operation_ids = staticmethod(vendorize.operation_ids)
    rename_tags = staticmethod(vendorize.tags)
    rename_schemas = staticmethod(vendorize.schemas)
    inline_token = staticmethod(vendorize.inline_token)
    token_as_scheme = staticmethod(vendorize.token_scheme)
    strip_x_source = staticmethod(vendorize.no_sources)
    to_openapi_31 = staticmethod(vendorize.openapi31)

    @staticmethod
    def pure_renames(doc: dict[str, Any]) -> dict[str, Any]:
        """Every rename at once: the vendor's file for the same wire, in OpenAPI 3.1."""
        for name in vendorize.VENDOR:
            doc = vendorize.SCENARIOS[name](doc)
        return vendorize.openapi31(doc)


def openapi_snapshot() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(OPENAPI_DIR.iterdir()) if p.is_file()}


@pytest.fixture
def real_output(tmp_path: Path) -> Path:
    """A copy of openapi/casco-api.yaml as the previous document (the real pins apply to it)."""
    path = tmp_path / "openapi" / "casco-api.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(real_doc(), sort_keys=False), encoding="utf-8")
    return path


def run_real(
    capsys: pytest.CaptureFixture[str], output: Path, spec: Path | str, *extra: str
) -> RunResult:
    """The command with the repository's own pins and overlay (its defaults)."""
    capsys.readouterr()
    code = fs.main(["--spec", str(spec), "--output", str(output), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_json(tmp_path: Path, doc: dict[str, Any], name: str = "vendor.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def marked(out: str, mark: str) -> list[str]:
    return [line for line in report_lines(out) if line.endswith(mark)]


ABSORBED = " [SDK-breaking, absorbed by pinning]"
NOT_ABSORBED = " [SDK-breaking, not absorbed]"
WIRE = " [wire-breaking]"
ADDITIVE = " [additive]"
OPERATIONS = [key for key, _ in fs.od.operations(real_doc())]
SCHEMA_POSITIONS = fs.od.positions(real_doc())


def test_pure_vendor_rewrite_lists_every_rename_as_absorbed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    """Other operationIds, tags and schema names, JSON, inline Token, no x-source, 3.1."""
    vendor = vr.pure_renames(real_doc())
    spec = write_json(tmp_path, vendor)
    code, out, err = run_real(capsys, real_output, spec)
    assert code == 0, err
    assert err == ""
    assert marked(out, WIRE) == [] and marked(out, NOT_ABSORBED) == []
    absorbed = marked(out, ABSORBED)
    for key in OPERATIONS:
        operation = fs.od.find_operation(vendor, key)
        assert operation is not None
        assert any(
            line.startswith(f"~ {key}: operationId ") and operation["operationId"] in line
            for line in absorbed
        ), key
        assert any(line.startswith(f"~ {key}: tag ") for line in absorbed), key
    for name, position in SCHEMA_POSITIONS.items():
        assert (
            f"~ schema {name}: renamed Casco{name}Dto at {position} (generated as {name})"
            + ABSORBED
        ) in absorbed
    token = [line for line in absorbed if line.startswith("~ Token header: $ref -> inline")]
    assert len(token) == 1 and "generated as the security scheme" in token[0]
    assert len(absorbed) == 2 * len(OPERATIONS) + len(SCHEMA_POSITIONS) + 1
    assert report_lines(out)[-1].startswith(
        f"drift: {len(absorbed) + 1} changes: 0 wire-breaking, {len(absorbed)} SDK-breaking "
        f"({len(absorbed)} absorbed by pinning, 0 not absorbed)"
    )  # the one more: "openapi 3.0.3 -> 3.1.0", compatible
    assert "note: the document is JSON" in out
    assert real_output.read_bytes() == spec.read_bytes()  # saved as the vendor wrote it


@pytest.mark.parametrize(
    ("rewrite", "expected"),
    [
        (vr.rename_operation_ids, len(OPERATIONS)),
        (vr.rename_tags, len(OPERATIONS)),
        (vr.rename_schemas, len(SCHEMA_POSITIONS)),
        (vr.inline_token, 1),
        (vr.token_as_scheme, 1),
    ],
    ids=["operationIds", "tags", "schemas", "inline-token", "token-scheme"],
)
def test_each_rename_alone_is_absorbed(
    rewrite: Callable[[dict[str, Any]], dict[str, Any]],
    expected: int,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    real_output: Path,
) -> None:
    code, out, err = run_real(capsys, real_output, write_json(tmp_path, rewrite(real_doc())))
    assert code == 0, err
    lines = report_lines(out)
    assert len(marked(out, ABSORBED)) == expected == len(lines) - 1, lines
    assert lines[-1].endswith("0 additive, 0 compatible")


def test_x_source_marks_and_31_spelling_are_not_drift(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    vendor = vr.to_openapi_31(vr.strip_x_source(real_doc()))
    assert vendor["components"]["schemas"]["Offer"]["properties"]["notes"]["type"] == [
        "string",
        "null",
    ]
    code, out, err = run_real(capsys, real_output, write_json(tmp_path, vendor))
    assert code == 0, err
    assert report_lines(out) == [
        "~ document: openapi 3.0.3 -> 3.1.0",
        "drift: 1 change: 0 wire-breaking, 0 SDK-breaking (0 absorbed by pinning, 0 not absorbed),"
        " 0 additive, 1 compatible",
    ]


def test_the_token_header_forms_are_the_same_wire() -> None:
    old = real_doc()
    for rewrite in (vr.inline_token, vr.token_as_scheme):
        assert fs.diff_documents(old, rewrite(real_doc())) == []
    scheme = vr.token_as_scheme(real_doc())
    assert fs.token_form(old, "POST /offer") == "$ref"
    assert fs.token_form(scheme, "POST /offer") == "scheme"
    assert fs.token_form(scheme, "PATCH /auth") == "inline"  # the refresh token, kept
    assert fs.token_form(scheme, "POST /auth") == "none"


def additive_doc() -> dict[str, Any]:
    doc = vr.pure_renames(real_doc())
    schemas = doc["components"]["schemas"]
    schemas["CascoFuelTypeEnumDto"]["enum"].append("hydrogen")
    schemas["CascoVehicleDto"]["properties"]["towbar"] = {"type": "boolean"}
    doc["paths"]["/nomenclature/currency"] = {
        "get": {
            "operationId": "vendorListCurrencies",
            "tags": ["casco-nomenclature"],
            "responses": {
                "200": {
                    "description": "Currencies",
                    "content": {
                        "application/json": {
                            "schema": {"type": "array", "items": {"type": "string"}}
                        }
                    },
                }
            },
        }
    }
    return doc


def test_additions_are_additive_and_exit_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    code, out, err = run_real(capsys, real_output, write_json(tmp_path, additive_doc()))
    assert code == 0, err
    assert marked(out, ADDITIVE) == [
        "+ GET /nomenclature/currency" + ADDITIVE,
        '~ schema FuelTypeEnum: enum value added: "hydrogen"' + ADDITIVE,
        "+ schema Vehicle.towbar: boolean" + ADDITIVE,
    ]
    assert marked(out, WIRE) == [] and marked(out, NOT_ABSORBED) == []
    assert len(marked(out, ABSORBED)) == 2 * len(OPERATIONS) + len(SCHEMA_POSITIONS) + 1


def test_removed_path_is_wire_breaking_and_its_pins_not_absorbed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    vendor = vr.pure_renames(real_doc())
    del vendor["paths"]["/nomenclature/county"]
    spec = write_json(tmp_path, vendor)
    code, out, err = run_real(capsys, real_output, spec)
    assert code == 1
    wire = marked(out, WIRE)
    # The line quotes the removed operation's x- marks (ours has some, the vendor's file none).
    removed = real_doc()["paths"]["/nomenclature/county"]["get"]
    marks = ", ".join(f"{key} {value}" for key, value in removed.items() if key.startswith("x-"))
    assert wire[0] == "- GET /nomenclature/county" + (f": {marks}" if marks else "") + WIRE
    # Nothing sits where the vendor's County schemas sat any more: they cannot be matched.
    assert sorted(line.removesuffix(WIRE).split(":")[0] for line in wire[1:]) == [
        "- schema County",
        "- schema CountyListResponse",
    ]
    not_absorbed = marked(out, NOT_ABSORBED)
    assert not_absorbed[0] == (
        "~ make generate: fails on the new document: pin GET /nomenclature/county "
        "(listCounties): the document has no GET /nomenclature/county" + NOT_ABSORBED
    )
    assert any(line.startswith("- schema County: nothing sits at") for line in not_absorbed)
    assert marked(out, ABSORBED) == []  # make generate fails: no rename is absorbed any more
    assert err.count("\n") == 1 and "break users" in err and "git diff" in err
    assert real_output.read_bytes() == spec.read_bytes()  # written anyway, for review


def test_allow_breaking_and_dry_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    vendor = real_doc()
    del vendor["paths"]["/nomenclature/county"]
    spec = write_json(tmp_path, vendor)
    before = real_output.read_bytes()
    code, _out, err = run_real(capsys, real_output, spec, "--dry-run")
    assert code == 1 and "left unchanged" in err
    assert real_output.read_bytes() == before
    code, _out, err = run_real(capsys, real_output, spec, "--allow-breaking")
    assert (code, err) == (0, "")
    assert real_output.read_bytes() == spec.read_bytes()


def test_unpinned_rename_is_not_absorbed(
    server: Served, output: Path, run: Callable[..., RunResult]
) -> None:
    """With no pins (the fixture's), the vendor's operationId is the generated name."""
    doc = fixture_doc()
    doc["paths"]["/offer"]["post"]["operationId"] = "createOffer"
    server.routes["/spec.yaml"] = Route(body=dump(doc))
    code, out, _err = run("--spec", server.url("/spec.yaml"), "--output", str(output))
    assert code == 1
    assert report_lines(out)[0] == (
        "~ POST /offer: operationId getQuote -> createOffer (generated names change)" + NOT_ABSORBED
    )


# --------------------------------------------------------------------------------------------
# Local files and bad input: one line, openapi/ byte-identical
# --------------------------------------------------------------------------------------------


def test_local_yaml_file_and_file_url(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    spec = tmp_path / "vendor.yaml"
    spec.write_text(yaml.safe_dump(vr.rename_tags(real_doc())), encoding="utf-8")
    code, out, err = run_real(capsys, real_output, spec, "--dry-run")
    assert code == 0, err
    assert len(marked(out, ABSORBED)) == len(OPERATIONS)
    code, out, err = run_real(capsys, real_output, f"file://{spec}", "--dry-run")
    assert code == 0, err


SWAGGER_STUB = b"swagger: '2.0'\ninfo: {title: CascoApi, version: '1.0'}\npaths: {}\n"

LOCAL_BAD: list[tuple[str, bytes | None, str]] = [
    ("missing", None, "no such file"),
    ("directory", b"", "is a directory"),
    ("swagger", SWAGGER_STUB, "npx swagger2openapi --yaml --outfile build/casco-api.v3.yaml "),
    ("text", b"just words\n", "not an OpenAPI document"),
    ("html", b"<!doctype html><p>docs</p>", "HTML page"),
    ("broken-yaml", b"openapi: 3.0.3\npaths: {\n", "neither JSON nor YAML"),
    ("broken-json", b'{"openapi": "3.0.3", "paths": {', "neither JSON nor YAML"),
    ("openapi-2", b"openapi: 2.0.0\npaths: {}\n", "not an OpenAPI 3.0/3.1 document"),
    (
        "invalid",
        b"openapi: 3.0.3\ninfo: {title: x}\npaths: {/x: {get: {responses: {'200': 5}}}}\n",
        "does not fully validate",
    ),
]


@pytest.mark.parametrize(("case", "body", "message"), LOCAL_BAD, ids=[c for c, _, _ in LOCAL_BAD])
def test_bad_local_input_leaves_openapi_untouched(
    case: str, body: bytes | None, message: str, tmp_path: Path, run: Callable[..., RunResult]
) -> None:
    """The real openapi/ directory is the output: not one byte of it may change."""
    spec = tmp_path / f"{case}.yaml"
    if case == "directory":
        spec.mkdir()
    elif body is not None:
        spec.write_bytes(body)
    before = openapi_snapshot()
    code, out, err = run("--spec", str(spec))
    assert code == 2
    assert "Traceback" not in err + out
    assert err.count("\n") == 1 and err.startswith("fetch_spec: error: ") and "; " in err
    assert message in err
    if case == "swagger":
        assert f"--outfile build/casco-api.v3.yaml {spec} && make spec SPEC=" in err
    assert openapi_snapshot() == before


def test_make_spec_takes_a_file(tmp_path: Path) -> None:
    """``make spec SPEC=<file>``: the Makefile passes it on; bad input leaves openapi/ alone."""
    before = openapi_snapshot()
    missing = tmp_path / "nowhere.json"
    result = subprocess.run(
        ["make", "-s", "spec", f"SPEC={missing}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f"fetch_spec: error: no such file {missing}; " in result.stderr
    assert "Traceback" not in result.stderr
    assert openapi_snapshot() == before
    same = subprocess.run(
        ["make", "-s", "spec", f"SPEC={REAL_DOCUMENT}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert same.returncode == 0, same.stderr
    assert "no drift (identical bytes)" in same.stdout
    assert openapi_snapshot() == before


def test_enum_value_removed_under_renamed_schema_is_wire_breaking(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_output: Path
) -> None:
    """Schemas are compared by position, so an enum change is seen across the vendor's rename."""
    vendor = vr.pure_renames(real_doc())
    vendor["components"]["schemas"]["CascoCurrencyEnumDto"]["enum"].remove("EUR")
    code, out, _err = run_real(capsys, real_output, write_json(tmp_path, vendor), "--dry-run")
    assert code == 1
    assert marked(out, WIRE) == ['~ schema CurrencyEnum: enum value removed: "EUR"' + WIRE]
    assert marked(out, NOT_ABSORBED) == []
