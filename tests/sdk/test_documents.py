"""Document downloads with pytest-httpx: decoding, integrity, atomic writes, retries."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from support import ACCOUNT, BASE_URL, PASSWORD, FakeApi, error_envelope

from casco_async import (
    APIConnectionError,
    CascoClient,
    DocumentError,
    NotFoundError,
    RetryPolicy,
)
from casco_async._document_files import safe_filename
from casco_async.sandbox._envelope import files_envelope_chunks
from casco_async.sandbox._pdf import render_pdf

OFFER_PDF = render_pdf("Offer 100001", ["Generali", "3120.55 RON"])
TERMS_PDF = render_pdf("Conditions", ["General terms"], pad_to=200_000)


class ChunkStream(httpx.AsyncByteStream):
    """A body sent in given pieces, optionally failing after them (a dropped connection)."""

    def __init__(self, chunks: Iterable[bytes], fail: BaseException | None = None) -> None:
        self.chunks = list(chunks)
        self.fail = fail

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.fail is not None:
            raise self.fail


def envelope_body(files: list[tuple[str, str, bytes]], chunk_size: int = 7_001) -> list[bytes]:
    return list(
        files_envelope_chunks(
            [(kind, name, [content]) for kind, name, content in files], chunk_size=chunk_size
        )
    )


def answer(chunks: list[bytes], fail: BaseException | None = None, **headers: str) -> Any:
    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "application/json", **headers},
            stream=ChunkStream(chunks, fail),
        )

    return respond


@pytest.fixture
def api(httpx_mock: Any) -> FakeApi:
    fake = FakeApi()
    httpx_mock.add_callback(fake, is_reusable=True, is_optional=True)
    return fake


def client() -> CascoClient:
    retry = RetryPolicy(max_retries=2, initial_delay=0.001, max_delay=0.002)
    return CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, retry=retry)


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


async def test_save_offer_decodes_escaped_base64(api: FakeApi, tmp_path: Path) -> None:
    chunks = envelope_body([("Offer", "offer-100001.pdf", TERMS_PDF)], chunk_size=333)
    assert b"\\/" in b"".join(chunks)  # the PHP-style escaping is really exercised
    api.script("GET /offer/100001", answer(chunks))
    seen: list[int] = []
    async with client() as casco:
        info = await casco.documents.save_offer(
            100001, tmp_path / "offer.pdf", progress=seen.append
        )
    assert not isinstance(info, list)
    assert info.path.read_bytes() == TERMS_PDF
    assert (info.type, info.name, info.size) == ("Offer", "offer-100001.pdf", len(TERMS_PDF))
    assert info.sha256 == hashlib.sha256(TERMS_PDF).hexdigest()
    assert seen and seen[-1] == len(TERMS_PDF) and seen == sorted(seen)
    assert leftovers(tmp_path) == ["offer.pdf"]


async def test_save_to_directory_keeps_every_file(api: FakeApi, tmp_path: Path) -> None:
    files = [("Policy", "policy.pdf", OFFER_PDF), ("Conditions", "conditions.pdf", TERMS_PDF)]
    api.script("GET /policy", answer(envelope_body(files)))
    async with client() as casco:
        infos = await casco.documents.save_policy_files("RO/05/M3", 100234, f"{tmp_path}/out/")
    assert isinstance(infos, list)
    # The further file is named after the first: another policy's conditions never replace it.
    assert [i.path.name for i in infos] == ["policy.pdf", "policy-conditions.pdf"]
    assert infos[1].path.read_bytes() == TERMS_PDF
    assert leftovers(tmp_path / "out") == ["policy-conditions.pdf", "policy.pdf"]


async def test_file_mode_saves_further_files_beside_it(api: FakeApi, tmp_path: Path) -> None:
    files = [("Policy", "p.pdf", OFFER_PDF), ("Conditions", "conditions.pdf", TERMS_PDF)]
    api.script("GET /policy", answer(envelope_body(files)))
    async with client() as casco:
        info = await casco.documents.save_policy("RO/05/M3", 1, tmp_path / "mine.pdf")
    assert not isinstance(info, list)
    assert info.path == tmp_path / "mine.pdf"
    assert [r.path.name for r in info.related] == ["mine-conditions.pdf"]
    assert leftovers(tmp_path) == ["mine-conditions.pdf", "mine.pdf"]


async def test_server_names_cannot_escape_the_directory(api: FakeApi, tmp_path: Path) -> None:
    files = [("Offer", "../../etc/passwd", OFFER_PDF), ("Offer", "..\\evil.pdf", OFFER_PDF)]
    api.script("GET /offer/7", answer(envelope_body(files)))
    target = tmp_path / "docs"
    async with client() as casco:
        infos = await casco.documents.save_offer_files(7, f"{target}/")
    assert isinstance(infos, list)
    assert all(info.path.parent == target for info in infos)
    assert leftovers(target) == ["passwd-evil.pdf", "passwd.pdf"]
    assert safe_filename("..", "x.pdf") == "x.pdf"
    assert safe_filename("a\x00b/../c.pdf", "x.pdf") == "c.pdf"


async def test_raw_pdf_answers_are_accepted(api: FakeApi, tmp_path: Path) -> None:
    api.script(
        "GET /offer/5",
        httpx.Response(
            200,
            headers={
                "content-type": "application/pdf",
                "content-disposition": 'attachment; filename="o-5.pdf"',
            },
            content=OFFER_PDF,
        ),
    )
    async with client() as casco:
        infos = await casco.documents.save_offer_files(5, f"{tmp_path}/")
    assert isinstance(infos, list)
    assert infos[0].path.name == "o-5.pdf" and infos[0].path.read_bytes() == OFFER_PDF


async def test_type_and_name_after_content_are_honoured(api: FakeApi, tmp_path: Path) -> None:
    import base64

    body = json.dumps(
        {
            "error": False,
            "status": 200,
            "data": {
                "files": [
                    {
                        "content": base64.b64encode(OFFER_PDF).decode(),
                        "name": "late.pdf",
                        "type": "Offer",
                    }
                ]
            },
        }
    ).encode()
    api.script("GET /offer/6", answer([body[:50], body[50:]]))
    async with client() as casco:
        infos = await casco.documents.save_offer_files(6, f"{tmp_path}/")
    assert isinstance(infos, list) and infos[0].path.name == "late.pdf"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"a.pdf",'
            b'"content":"JVBER!!!"}]}}',
            DocumentError,
        ),
        (
            b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"a.pdf",'
            b'"content":"SGVsbG8gd29ybGQ="}]}}',
            DocumentError,
        ),  # valid base64, not a PDF
        (json.dumps(error_envelope(404, "Offer not found")).encode(), NotFoundError),
        (
            b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","content":"JVBE',
            APIConnectionError,
        ),
    ],
    ids=["invalid-base64", "not-a-pdf", "error-envelope-under-200", "truncated"],
)
async def test_bad_answers_leave_no_file(
    api: FakeApi, tmp_path: Path, body: bytes, error: type[Exception]
) -> None:
    api.script("GET /offer/9", *[answer([body])] * 3)
    async with client() as casco:
        with pytest.raises(error):
            await casco.documents.save_offer(9, tmp_path / "offer.pdf")
    assert leftovers(tmp_path) == []


async def test_pdf_without_trailer_is_refused(api: FakeApi, tmp_path: Path) -> None:
    cut = OFFER_PDF[: OFFER_PDF.rindex(b"%%EOF")]
    api.script("GET /offer/3", answer(envelope_body([("Offer", "o.pdf", cut)])))
    async with client() as casco:
        with pytest.raises(DocumentError, match="%%EOF"):
            await casco.documents.save_offer(3, tmp_path / "o.pdf")
    assert leftovers(tmp_path) == []


async def test_dropped_connection_is_retried_from_scratch(api: FakeApi, tmp_path: Path) -> None:
    chunks = envelope_body([("Offer", "o.pdf", TERMS_PDF)])
    half = chunks[: len(chunks) // 2]
    api.script(
        "GET /offer/4",
        answer(half, fail=httpx.RemoteProtocolError("peer closed connection")),
        answer(chunks),
    )
    async with client() as casco:
        info = await casco.documents.save_offer(4, tmp_path / "o.pdf")
    assert not isinstance(info, list) and info.path.read_bytes() == TERMS_PDF
    assert api.calls["GET /offer/4"] == 2
    assert leftovers(tmp_path) == ["o.pdf"]


async def test_404_is_typed_and_not_retried(api: FakeApi, tmp_path: Path) -> None:
    api.script("GET /offer/404", httpx.Response(404, json=error_envelope(404, "Offer not found")))
    async with client() as casco:
        with pytest.raises(NotFoundError, match="Offer not found"):
            await casco.documents.save_offer(404, tmp_path / "o.pdf")
    assert api.calls["GET /offer/404"] == 1 and leftovers(tmp_path) == []


async def test_cancellation_leaves_no_file(api: FakeApi, tmp_path: Path) -> None:
    chunks = envelope_body([("Offer", "o.pdf", TERMS_PDF)])

    class Stalling(ChunkStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield self.chunks[0]
            yield self.chunks[1]
            await anyio.sleep(30)

    api.script("GET /offer/8", lambda request: httpx.Response(200, stream=Stalling(chunks)))
    async with client() as casco:
        with anyio.move_on_after(0.3) as scope:
            await casco.documents.save_offer(8, tmp_path / "o.pdf")
    assert scope.cancelled_caught
    assert leftovers(tmp_path) == []


async def test_stream_offer_yields_documents_and_bytes(api: FakeApi) -> None:
    files = [("Offer", "o.pdf", OFFER_PDF), ("Conditions", "c.pdf", TERMS_PDF)]
    api.script("GET /offer/1", answer(envelope_body(files, chunk_size=4_099)))
    got: list[tuple[str | None, str | None, bytes]] = []
    async with client() as casco, casco.documents.stream_offer(1) as stream:
        async for doc in stream:
            data = b"".join([chunk async for chunk in doc])
            got.append((doc.type, doc.name, data))
    assert got == [("Offer", "o.pdf", OFFER_PDF), ("Conditions", "c.pdf", TERMS_PDF)]


async def test_stream_skipping_a_document_still_reaches_the_next(api: FakeApi) -> None:
    files = [("Offer", "o.pdf", TERMS_PDF), ("Conditions", "c.pdf", OFFER_PDF)]
    api.script("GET /offer/2", answer(envelope_body(files)))
    names = []
    async with client() as casco, casco.documents.stream_offer(2) as stream:
        async for doc in stream:
            names.append(doc.name)
            if doc.name == "c.pdf":
                assert b"".join([c async for c in doc]) == OFFER_PDF
    assert names == ["o.pdf", "c.pdf"]


async def test_stream_open_is_retried_but_not_after_bytes(api: FakeApi) -> None:
    chunks = envelope_body([("Offer", "o.pdf", TERMS_PDF)])
    api.script(
        "GET /offer/11",
        httpx.Response(503, json=error_envelope(503, "busy")),
        answer(chunks[:3], fail=httpx.ReadError("reset")),
    )
    async with client() as casco:
        with pytest.raises(APIConnectionError):
            async with casco.documents.stream_offer(11) as stream:
                async for doc in stream:
                    async for _ in doc:
                        pass
    assert api.calls["GET /offer/11"] == 2  # the 503 was retried, the broken body was not


async def test_saved_documents_follow_the_umask(api: FakeApi, tmp_path: Path) -> None:
    import os

    api.script("GET /offer/12", answer(envelope_body([("Offer", "o.pdf", OFFER_PDF)])))
    previous = os.umask(0o022)
    try:
        async with client() as casco:
            info = await casco.documents.save_offer(12, tmp_path / "o.pdf")
    finally:
        os.umask(previous)
    assert not isinstance(info, list)
    assert info.path.stat().st_mode & 0o777 == 0o644
