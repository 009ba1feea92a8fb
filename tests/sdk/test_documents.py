"""Document downloads with pytest-httpx: decoding, integrity, atomic writes, retries; safe
names, no clobbering, typed disk errors, size caps."""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import subprocess
import sys
import textwrap
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
    ConfigurationError,
    DocumentError,
    NotFoundError,
    RetryPolicy,
)
from casco_async._document_files import TempFile, safe_filename
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


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("offer-1.pdf", "offer-1.pdf"),
        ("Offer.PDF", "Offer.PDF"),
        ("offer", "offer.pdf"),  # the extension is added
        ("invoice.exe", "invoice.exe.pdf"),
        ("\u202etxt.exe", "txt.exe.pdf"),  # a bidi override would show "exe.txt"
        ("po\u200blicy\u2066.pdf", "policy.pdf"),  # zero-width and isolate characters
        ("a\x00b\x1b[31mc\x7f.pdf", "ab[31mc.pdf"),  # control characters
        ("\ufeffbom.pdf", "bom.pdf"),
        ("a\u2028b.pdf", "ab.pdf"),  # line separator
        ("non\u00a0breaking  space.pdf", "non breaking space.pdf"),
        ("..hidden.pdf", "hidden.pdf"),  # never a hidden file
        ("trailing. .", "trailing.pdf"),
        ('we<i>rd:"na|me?*.pdf', "we_i_rd__na_me__.pdf"),
        ("CON", "_CON.pdf"),
        ("nul.pdf", "_nul.pdf"),
        ("com1.tar.pdf", "_com1.tar.pdf"),
        ("LPT9 .pdf", "_LPT9.pdf"),
        ("console.pdf", "console.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\x\\evil.pdf", "evil.pdf"),
        ("dir/", "fallback.pdf"),
        (".pdf", "pdf.pdf"),  # a hidden name made visible
        ("\u202e\u200b", "fallback.pdf"),
        (None, "fallback.pdf"),
    ],
)
def test_server_names_become_safe_visible_pdf_names(name: object, expected: str) -> None:
    assert safe_filename(name, "fallback.pdf") == expected


def test_long_names_are_capped_in_bytes_keeping_the_extension() -> None:
    for name in ("ă" * 500 + ".pdf", "x" * 10_000, "名" * 300 + ".PDF"):
        cleaned = safe_filename(name, "f.pdf")
        assert len(cleaned.encode()) <= 200
        assert cleaned.lower().endswith(".pdf")
        cleaned.encode().decode()  # never cut inside a character


# --- never clobber ----------------------------------------------------------------------------


async def test_an_existing_target_file_is_refused_before_downloading(
    api: FakeApi, tmp_path: Path
) -> None:
    target = tmp_path / "mine.pdf"
    target.write_bytes(b"the user's own file")
    api.script("GET /offer/1", answer(envelope_body([("Offer", "o.pdf", OFFER_PDF)])))
    async with client() as casco:
        with pytest.raises(DocumentError, match=r"already exists.*overwrite=True") as caught:
            await casco.documents.save_offer(1, target)
    assert caught.value.path == target
    assert target.read_bytes() == b"the user's own file"
    assert api.calls.get("GET /offer/1", 0) == 0  # refused before anything was downloaded
    assert leftovers(tmp_path) == ["mine.pdf"]


async def test_a_target_created_during_the_download_is_not_replaced(
    api: FakeApi, tmp_path: Path
) -> None:
    target = tmp_path / "mine.pdf"
    chunks = envelope_body([("Offer", "o.pdf", TERMS_PDF)])

    def respond(request: httpx.Request) -> httpx.Response:
        target.write_bytes(b"arrived meanwhile")  # after the check, before the file is placed
        return answer(chunks)(request)  # type: ignore[no-any-return]

    api.script("GET /offer/2", respond)
    async with client() as casco:
        with pytest.raises(DocumentError, match="already exists"):
            await casco.documents.save_offer(2, target)
    assert target.read_bytes() == b"arrived meanwhile"
    assert leftovers(tmp_path) == ["mine.pdf"]


async def test_overwrite_true_replaces_the_target(api: FakeApi, tmp_path: Path) -> None:
    target = tmp_path / "mine.pdf"
    target.write_bytes(b"old")
    api.script("GET /offer/3", answer(envelope_body([("Offer", "o.pdf", OFFER_PDF)])))
    async with client() as casco:
        info = await casco.documents.save_offer(3, target, overwrite=True)
    assert info.path == target and target.read_bytes() == OFFER_PDF
    assert leftovers(tmp_path) == ["mine.pdf"]


async def test_a_taken_server_name_gets_a_free_one(api: FakeApi, tmp_path: Path) -> None:
    (tmp_path / "o.pdf").write_bytes(b"mine")
    (tmp_path / "o-2.pdf").write_bytes(b"mine too")
    body = envelope_body([("Offer", "o.pdf", OFFER_PDF)])
    api.script("GET /offer/4", answer(body), answer(body))
    async with client() as casco:
        info = await casco.documents.save_offer(4, f"{tmp_path}/")
        assert info.path == tmp_path / "o-3.pdf" and info.path.read_bytes() == OFFER_PDF
        replaced = await casco.documents.save_offer(4, tmp_path, overwrite=True)
    assert replaced.path == tmp_path / "o.pdf" and replaced.path.read_bytes() == OFFER_PDF
    assert (tmp_path / "o-2.pdf").read_bytes() == b"mine too"
    assert leftovers(tmp_path) == ["o-2.pdf", "o-3.pdf", "o.pdf"]


async def test_a_symlink_in_the_way_is_not_followed(api: FakeApi, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"precious")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "o.pdf").symlink_to(elsewhere)
    api.script("GET /offer/5", answer(envelope_body([("Offer", "o.pdf", OFFER_PDF)])))
    async with client() as casco:
        info = await casco.documents.save_offer(5, docs)
    assert info.path == docs / "o-2.pdf"
    assert elsewhere.read_bytes() == b"precious"


async def test_two_policies_of_one_insurer_keep_their_own_conditions(
    api: FakeApi, tmp_path: Path
) -> None:
    # The API names the conditions file after the insurer only: the same name for both.
    first = render_policy("Policy RO-1")
    second = render_policy("Policy RO-2")
    conditions = "conditions-allianz-casco.pdf"
    api.script(
        "GET /policy",
        answer(envelope_body([("Policy", "policy-RO-1.pdf", first), ("C", conditions, TERMS_PDF)])),
        answer(
            envelope_body([("Policy", "policy-RO-2.pdf", second), ("C", conditions, OFFER_PDF)])
        ),
    )
    async with client() as casco:
        one = await casco.documents.save_policy("RO", 1, tmp_path)
        two = await casco.documents.save_policy_files("RO", 2, tmp_path)
    assert one.related[0].path.name == "policy-RO-1-conditions-allianz-casco.pdf"
    assert [i.path.name for i in two] == [
        "policy-RO-2.pdf",
        "policy-RO-2-conditions-allianz-casco.pdf",
    ]
    assert one.related[0].path.read_bytes() == TERMS_PDF
    assert two[1].path.read_bytes() == OFFER_PDF
    assert len(leftovers(tmp_path)) == 4


def render_policy(title: str) -> bytes:
    from casco_async.sandbox._pdf import render_pdf

    return render_pdf(title, ["Allianz"])


async def test_the_options_are_checked(api: FakeApi, tmp_path: Path) -> None:
    async with client() as casco:
        for size in (0, -1, 1.5, True, "big"):
            with pytest.raises(ConfigurationError, match="max_document_size"):
                await casco.documents.save_offer(1, tmp_path, max_document_size=size)  # type: ignore[arg-type]
        with pytest.raises(ConfigurationError, match="overwrite"):
            await casco.documents.save_offer(1, tmp_path, overwrite="yes")  # type: ignore[arg-type]


# --- file-system errors -----------------------------------------------------------------------


async def test_an_unwritable_directory_is_a_document_error(api: FakeApi) -> None:
    # /sys refuses new files even to root: a real EACCES, no mocking.
    target = Path("/sys/casco-offer.pdf")
    api.script("GET /offer/6", answer(envelope_body([("Offer", "o.pdf", OFFER_PDF)])))
    async with client() as casco:
        with pytest.raises(DocumentError, match="cannot write a document in /sys") as caught:
            await casco.documents.save_offer(6, target)
    assert caught.value.path == Path("/sys")
    assert caught.value.errno == errno.EACCES
    assert api.calls["GET /offer/6"] == 1  # not retried: the disk will not get better


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EIO])
async def test_write_errors_are_typed_and_leave_nothing(
    api: FakeApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def failing(self: TempFile, data: bytes) -> None:
        self.handle.write(data[:1000])  # part of it reached the disk
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(TempFile, "_write_sync", failing)
    api.script("GET /offer/7", answer(envelope_body([("Offer", "o.pdf", TERMS_PDF)])))
    async with client() as casco:
        with pytest.raises(DocumentError, match=os.strerror(code)) as caught:
            await casco.documents.save_offer(7, tmp_path / "o.pdf")
    assert caught.value.path == tmp_path and caught.value.errno == code
    assert b"JVBER" not in str(caught.value).encode()  # no document content in the message
    assert leftovers(tmp_path) == []


async def test_a_failing_rename_takes_back_the_files_already_placed(
    api: FakeApi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The disk turns read-only between the two files of one answer.
    real_link = os.link
    links: list[str] = []

    def link(source: Any, target: Any, **kwargs: Any) -> None:
        links.append(str(target))
        if len(links) == 2:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real_link(source, target, **kwargs)

    def replace(source: Any, target: Any, **kwargs: Any) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(os, "replace", replace)
    files = [("Policy", "p.pdf", OFFER_PDF), ("Conditions", "c.pdf", TERMS_PDF)]
    api.script("GET /policy", answer(envelope_body(files)))
    async with client() as casco:
        with pytest.raises(DocumentError, match="Read-only file system") as caught:
            await casco.documents.save_policy_files("RO", 1, tmp_path)
    assert caught.value.path == tmp_path / "p-c.pdf" and caught.value.errno == errno.EROFS
    assert len(links) == 2
    assert leftovers(tmp_path) == []  # all or nothing: the first file was taken back


def test_a_full_disk_is_a_document_error_and_leaves_no_file(tmp_path: Path) -> None:
    # A real write failure, end to end against the sandbox on a socket: the file-size limit
    # makes the kernel refuse writes past 256 KiB (EFBIG) as a full disk refuses them (ENOSPC).
    # Run apart so the limit binds nobody else.
    out = tmp_path / "out"
    code = textwrap.dedent(
        f"""
        import resource, signal
        import anyio
        from casco_async import CascoClient, DocumentError
        from casco_async.sandbox import FaultConfig, SandboxServer
        from casco_async.testing import sample_quote_request

        async def main():
            with SandboxServer() as server:
                server.sandbox.set_faults(
                    operations={{"downloadOffer": FaultConfig(document_size=4 << 20)}}
                )
                casco = CascoClient(
                    base_url=server.base_url, account="sandbox", password="sandbox"
                )
                async with casco:
                    offer = (await casco.products.quote(sample_quote_request()))[0]
                    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                    resource.setrlimit(resource.RLIMIT_FSIZE, (256 << 10, 256 << 10))
                    try:
                        await casco.documents.save_offer(offer.offer_id, {str(out) + "/"!r})
                    except DocumentError as error:
                        print(error.errno)
                        print(error.path)
                        print(error)

        anyio.run(main)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    lines = result.stdout.splitlines()
    assert lines[:2] == [str(errno.EFBIG), str(out)], result.stderr
    assert lines[2] == f"cannot write a document in {out}: File too large"
    assert leftovers(out) == []  # the partial file was removed despite the failing disk


# --- size caps --------------------------------------------------------------------------------


async def test_a_document_larger_than_max_document_size_stops_there(
    api: FakeApi, tmp_path: Path
) -> None:
    seen: list[int] = []
    api.script("GET /offer/8", answer(envelope_body([("Offer", "o.pdf", TERMS_PDF)])))
    async with client() as casco:
        with pytest.raises(DocumentError, match="larger than 100000 bytes"):
            await casco.documents.save_offer(
                8, tmp_path / "o.pdf", max_document_size=100_000, progress=seen.append
            )
    assert seen and seen[-1] <= 100_000  # the bytes past the cap were never written
    assert leftovers(tmp_path) == []


async def test_a_raw_pdf_larger_than_max_document_size_stops_there(
    api: FakeApi, tmp_path: Path
) -> None:
    api.script(
        "GET /offer/9",
        httpx.Response(200, headers={"content-type": "application/pdf"}, content=TERMS_PDF),
    )
    async with client() as casco:
        with pytest.raises(DocumentError, match="larger than 100000 bytes"):
            await casco.documents.save_offer(9, tmp_path, max_document_size=100_000)
    assert leftovers(tmp_path) == []


async def test_a_huge_file_name_stops_at_the_metadata_cap(api: FakeApi, tmp_path: Path) -> None:
    head = b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"'
    body = [head] + [b"n" * 65536] * 40 + [b'","content":""}]}}']  # a 2.5 MiB name
    api.script("GET /offer/10", answer(body))
    async with client() as casco:
        with pytest.raises(DocumentError, match="more than 1048576 bytes besides"):
            await casco.documents.save_offer(10, tmp_path)
    assert leftovers(tmp_path) == []


async def test_too_many_files_are_refused(api: FakeApi, tmp_path: Path) -> None:
    content = base64.b64encode(OFFER_PDF).decode()
    files = [{"type": "Offer", "name": f"o{i}.pdf", "content": content} for i in range(17)]
    body = json.dumps({"error": False, "status": 200, "data": {"files": files}}).encode()
    api.script("GET /offer/11", answer([body]))
    async with client() as casco:
        with pytest.raises(DocumentError, match="more than 16 files"):
            await casco.documents.save_offer_files(11, tmp_path)
    assert leftovers(tmp_path) == []


async def test_streams_stop_at_max_document_size_too(api: FakeApi) -> None:
    api.script("GET /offer/12", answer(envelope_body([("Offer", "o.pdf", TERMS_PDF)])))
    received = 0
    async with client() as casco:
        with pytest.raises(DocumentError, match="larger than 50000 bytes"):
            async with casco.documents.stream_offer(12, max_document_size=50_000) as stream:
                async for doc in stream:
                    async for chunk in doc:
                        received += len(chunk)
    assert 0 < received <= 50_000
