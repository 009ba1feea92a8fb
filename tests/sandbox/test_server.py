"""The sandbox over a real socket: uvicorn in a thread, the command line, a separate process."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys

import httpx
import pytest

from casco_async.sandbox import FaultConfig, Sandbox, SandboxServer, SimulatedDisconnect
from casco_async.sandbox._server import is_loopback, main
from casco_async.testing import SandboxProcess, sample_quote_request


def login(base_url: str) -> dict[str, str]:
    response = httpx.post(
        base_url + "/auth", params={"account": "sandbox", "password": "sandbox"}, timeout=5
    )
    assert response.status_code == 200, response.text
    return {"Token": response.json()["data"]["token"]}


def refused(base_url: str) -> bool:
    try:
        httpx.get(base_url + "/_sandbox/health", timeout=2)
    except httpx.ConnectError:
        return True
    return False


def test_server_in_a_thread_starts_serves_and_stops() -> None:
    sandbox = Sandbox()
    with SandboxServer(sandbox) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        headers = login(server.base_url)
        response = httpx.post(
            server.base_url + "/offer", json=sample_quote_request(), headers=headers, timeout=5
        )
        assert response.status_code == 200
        assert "server" not in response.headers  # no uvicorn banner, like the vendor's gateway
        assert sandbox.stats()["getQuote"]["ok"] == 1  # the live state behind the socket
        base_url = server.base_url
    assert refused(base_url)


def test_the_fixture_serves_the_casco_sandbox(
    casco_sandbox: Sandbox, casco_sandbox_server: SandboxServer
) -> None:
    assert casco_sandbox_server.sandbox is casco_sandbox
    login(casco_sandbox_server.base_url)
    assert casco_sandbox.stats()["authenticate"]["ok"] == 1


def test_a_dropped_connection_is_a_protocol_error_over_a_socket(
    casco_sandbox: Sandbox, casco_sandbox_server: SandboxServer
) -> None:
    base_url = casco_sandbox_server.base_url
    headers = login(base_url)
    offer = httpx.post(base_url + "/offer", json=sample_quote_request(), headers=headers).json()
    offer_id = offer["data"]["offers"][0]["offerId"]
    casco_sandbox.set_faults(FaultConfig(drop_rate=1.0))
    with httpx.Client(base_url=base_url, timeout=5) as client:
        # A sized JSON body cut in half...
        with pytest.raises(httpx.RemoteProtocolError) as raised:
            client.get("/offer/999", headers=headers)
        assert not isinstance(raised.value, SimulatedDisconnect)  # a real transport error
        # ...and a streamed document cut after its first piece.
        with pytest.raises(httpx.RemoteProtocolError):
            client.get(f"/offer/{offer_id}", headers=headers)
    casco_sandbox.set_faults(FaultConfig())
    assert httpx.get(f"{base_url}/offer/{offer_id}", headers=headers).status_code == 200
    assert casco_sandbox.stats()["downloadOffer"]["dropped"] == 2


def test_a_slow_body_trips_the_read_timeout(
    casco_sandbox: Sandbox, casco_sandbox_server: SandboxServer
) -> None:
    casco_sandbox.set_faults(operations={"listCounties": FaultConfig(slow_body_ms=1000)})
    headers = {"Token": casco_sandbox.issue_token()}
    timeout = httpx.Timeout(5, read=0.2)
    with (
        httpx.Client(base_url=casco_sandbox_server.base_url, timeout=timeout) as client,
        client.stream("GET", "/nomenclature/county", headers=headers) as response,
    ):
        assert response.status_code == 200  # headers come at once
        with pytest.raises(httpx.ReadTimeout):
            response.read()


def test_a_large_document_streams(
    casco_sandbox: Sandbox, casco_sandbox_server: SandboxServer
) -> None:
    size = 8 * 1024 * 1024
    base_url = casco_sandbox_server.base_url
    headers = login(base_url)
    offer = httpx.post(base_url + "/offer", json=sample_quote_request(), headers=headers).json()
    offer_id = offer["data"]["offers"][0]["offerId"]
    casco_sandbox.set_faults(operations={"downloadOffer": FaultConfig(document_size=size)})
    received = bytearray()
    pieces = 0
    with (
        httpx.Client(base_url=base_url, timeout=30) as client,
        client.stream("GET", f"/offer/{offer_id}", headers=headers) as response,
    ):
        assert response.headers.get("transfer-encoding") == "chunked"
        for piece in response.iter_raw():
            received += piece
            pieces += 1
    assert pieces > 10
    content = json.loads(received)["data"]["files"][0]["content"]
    pdf = base64.b64decode(content)
    assert len(pdf) == size and pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")

    casco_sandbox.set_faults(
        operations={"downloadOffer": FaultConfig(document_size=size, raw_pdf=True)}
    )
    with httpx.Client(base_url=base_url, timeout=30) as client:
        response = client.get(f"/offer/{offer_id}", headers=headers)
    assert response.headers["content-type"] == "application/pdf"
    assert int(response.headers["content-length"]) == size == len(response.content)
    assert response.content == pdf  # the same document either way


def test_server_refuses_a_non_loopback_host() -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        SandboxServer(host="0.0.0.0")


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.1.2.3", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("example.com", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


# ------------------------------------------------------------------------------ command line


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--host", "0.0.0.0"], "--allow-remote"),
        (["--fault-rate", "1.5"], "--fault-rate: must be a finite number between 0 and 1"),
        (["--port", "70000"], "--port"),
        (["--latency-ms", "abc"], "--latency-ms: must be a finite number"),
        # Not finite, or out of range: refused as the flag is read (issue 15).
        (["--token-lifetime", "nan"], "--token-lifetime: must be a finite number above 0"),
        (["--token-lifetime", "inf"], "--token-lifetime"),
        (["--token-lifetime", "0"], "--token-lifetime"),
        (["--latency-ms", "1e400"], "--latency-ms: must be a finite number between 0 and"),
        (["--jitter-ms=-inf"], "--jitter-ms"),
        (["--slow-body-ms", "NaN"], "--slow-body-ms"),
        (["--drop-rate", "nan"], "--drop-rate"),
        (["--rate-limit-rate", "-0.1"], "--rate-limit-rate"),
        (["--retry-after", "1.5"], "--retry-after: must be an integer"),
        (["--retry-after", "1e9"], "--retry-after"),
        (["--document-size", "-1"], "--document-size"),
        (["--document-size", "99999999999999"], "--document-size"),
        (["--seed", "9" * 30], "--seed"),
        (["--no-such-option"], "unrecognized"),
        (["--account", ""], "--account"),
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("casco-async sandbox: error: ")
    assert fragment in err


def test_cli_port_in_use_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["--port", str(busy.getsockname()[1])]) == 2
    assert "cannot listen" in capsys.readouterr().err


def test_cli_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--rate-limit-rate" in capsys.readouterr().out


def test_sandbox_process_serves_and_can_be_killed() -> None:
    password = "process-secret-pw"
    args = ["--seed", "3", "--password", password, "--log-level", "info"]
    with SandboxProcess(args) as process:
        response = httpx.post(
            process.base_url + "/auth",
            params={"account": "sandbox", "password": password},
            timeout=5,
        )
        assert response.status_code == 200
        process.set_faults({"rate_limit_rate": 1, "retry_after": 3}, seed=4)
        limited = httpx.get(process.base_url + "/nomenclature/county", timeout=5)
        assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
        stats = process.stats()
        assert stats["authenticate"]["ok"] == 1 and stats["listCounties"]["rate_limited"] == 1
        process.reset()
        assert process.stats()["authenticate"]["calls"] == 0
        process.kill()
        assert process.process is not None and process.process.returncode is not None
        assert refused(process.base_url)
        log = process.stderr_text()
        assert "authenticate POST /auth -> 200" in log and password not in log


def test_the_plugin_imports_nothing_heavy() -> None:
    code = (
        "import sys, casco_async.testing; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jwt') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.casco_sandbox(seed=5, accounts={"marked": "pw"})
def test_the_marker_configures_the_sandbox(casco_sandbox: Sandbox) -> None:
    assert casco_sandbox.config.seed == 5
    assert dict(casco_sandbox.config.accounts) == {"marked": "pw"}


def test_keep_alive_answers_are_not_held_back_by_nagle() -> None:
    """asyncio sets TCP_NODELAY on accepted connections only when the listener says it is TCP;
    without it every answer written after its headers waits ~40 ms for a delayed ACK."""
    import socket as socket_module

    from casco_async.sandbox._server import bind_socket

    listener = bind_socket("127.0.0.1", 0)
    try:
        assert listener.proto == socket_module.IPPROTO_TCP
        assert listener.getsockopt(socket_module.IPPROTO_TCP, socket_module.TCP_NODELAY) == 1
    finally:
        listener.close()
