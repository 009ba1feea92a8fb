"""`casco.documents`: offer and policy PDFs, saved to disk or streamed to the caller.

The API sends documents as base64 inside its JSON envelope (`data.files[]`). Reading that whole
(133 MB of JSON for a 100 MB PDF), then `json` and `base64` copies, costs several times the
document's size; so the answer is opened as a stream (`Pipeline.open`), decoded on the fly
(_document_stream.py) and written atomically (_document_files.py). A save that fails in a
transient way is retried from scratch by the retry rule; a stream only until it starts.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import attrs

from . import _operations as ops
from ._document_files import (
    DocumentInfo,
    ProgressCallback,
    check_free,
    policy_filename,
    write_answer,
)
from ._document_stream import DEFAULT_MAX_DOCUMENT_SIZE, Answer, DocumentStream
from ._errors import ConfigurationError, DocumentError, ResponseValidationError
from ._pipeline import Pipeline

__all__ = ["Documents"]


@attrs.frozen
class _Limits:
    """What one save or stream call allows: replacing files, and the largest document."""

    overwrite: bool
    max_document_size: int

    @classmethod
    def of(cls, overwrite: bool, max_document_size: int | None) -> _Limits:
        size = DEFAULT_MAX_DOCUMENT_SIZE if max_document_size is None else max_document_size
        if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
            raise ConfigurationError(
                f"max_document_size must be a positive number of bytes, not {size!r}"
            )
        if not isinstance(overwrite, bool):
            raise ConfigurationError(f"overwrite must be True or False, not {overwrite!r}")
        return cls(overwrite, size)


class Documents:
    """Offer and policy PDFs: `save_*` to disk, or `stream_*` their decoded bytes."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline

    def __repr__(self) -> str:
        return f"<Documents of {self._pipeline!r}>"

    async def save_offer(
        self,
        offer_id: int,
        target: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        overwrite: bool = False,
        max_document_size: int | None = None,
    ) -> DocumentInfo:
        """Save an offer's PDF (`GET /offer/{id}`) and return its `DocumentInfo`.

        `target` is a file path, or a directory — an existing one, or a path ending in a
        separator — where the document gets its server name, made safe (`safe_filename`).
        Any further files of the answer are saved beside it, named after it
        (``offer-7.pdf``, ``offer-7-terms.pdf``), and listed in `.related`.

        No existing file is replaced unless `overwrite` is true: a `target` file that exists is
        a `DocumentError` before anything is downloaded; a server-chosen name that is taken
        becomes ``name-2.pdf`` (see `DocumentInfo.path`). `max_document_size` (default
        256 MiB) caps each document's decoded bytes. Every failure, file-system errors
        included, is a `CascoError` (`DocumentError` with `.path` for the disk) and leaves no
        file behind.
        """
        return await self._save_one(
            ops.DOWNLOAD_OFFER,
            {"id": offer_id},
            target,
            progress,
            _Limits.of(overwrite, max_document_size),
            default_type="Offer",
            default_name=f"offer-{offer_id}.pdf",
        )

    async def save_offer_files(
        self,
        offer_id: int,
        directory: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        overwrite: bool = False,
        max_document_size: int | None = None,
    ) -> list[DocumentInfo]:
        """Save every file of an offer's answer into `directory`, the first under its server
        name, the others named after it; names and options as for `save_offer`."""
        return await self._save_all(
            ops.DOWNLOAD_OFFER,
            {"id": offer_id},
            Path(directory),
            None,
            progress,
            _Limits.of(overwrite, max_document_size),
            default_type="Offer",
            default_name=f"offer-{offer_id}.pdf",
        )

    async def save_policy(
        self,
        series: str,
        number: int,
        target: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        overwrite: bool = False,
        max_document_size: int | None = None,
    ) -> DocumentInfo:
        """Save a policy's PDF (`GET /policy?series=&number=`); options as for `save_offer`.

        The conditions PDF the API sends along is saved beside it under the policy's name
        (``policy-RO-05-M3-7-conditions-allianz-casco.pdf``): a second policy of the same
        insurer saved in the same directory never takes its place.
        """
        return await self._save_one(
            ops.DOWNLOAD_POLICY,
            {"series": series, "number": number},
            target,
            progress,
            _Limits.of(overwrite, max_document_size),
            default_type="Policy",
            default_name=policy_filename(series, number),
        )

    async def save_policy_files(
        self,
        series: str,
        number: int,
        directory: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
        overwrite: bool = False,
        max_document_size: int | None = None,
    ) -> list[DocumentInfo]:
        """Save every file of a policy's answer into `directory`, as `save_offer_files` does
        for an offer (the others named after the first)."""
        return await self._save_all(
            ops.DOWNLOAD_POLICY,
            {"series": series, "number": number},
            Path(directory),
            None,
            progress,
            _Limits.of(overwrite, max_document_size),
            default_type="Policy",
            default_name=policy_filename(series, number),
        )

    def stream_offer(
        self, offer_id: int, *, max_document_size: int | None = None
    ) -> AbstractAsyncContextManager[DocumentStream]:
        """An offer's files as a stream of decoded bytes::

            async with casco.documents.stream_offer(offer_id) as files:
                async for doc in files:          # doc.type, doc.name
                    async for chunk in doc:      # decoded PDF bytes
                        ...

        Opening is retried like any idempotent call; once bytes have reached the caller, a
        failure is raised instead (they cannot be taken back). Each document is checked as a
        PDF (header, then trailer at its end: `DocumentError`) and stops at
        `max_document_size` decoded bytes (default 256 MiB, `DocumentError`).
        """
        return self._stream(
            ops.DOWNLOAD_OFFER,
            {"id": offer_id},
            "Offer",
            f"offer-{offer_id}.pdf",
            _Limits.of(False, max_document_size),
        )

    def stream_policy(
        self, series: str, number: int, *, max_document_size: int | None = None
    ) -> AbstractAsyncContextManager[DocumentStream]:
        """Like `stream_offer`, for a policy's files."""
        return self._stream(
            ops.DOWNLOAD_POLICY,
            {"series": series, "number": number},
            "Policy",
            policy_filename(series, number),
            _Limits.of(False, max_document_size),
        )

    # --- internals ----------------------------------------------------------------------------

    @asynccontextmanager
    async def _stream(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        default_type: str,
        default_name: str,
        limits: _Limits,
    ) -> AsyncIterator[DocumentStream]:
        pipeline = self._pipeline
        async with AsyncExitStack() as stack:
            # Retried until the answer starts; once bytes reach the caller they cannot be taken
            # back. A failed attempt closes its own answer as it leaves `pipeline.open`.
            # (Telemetry sees the opening as the call: the caller's reading is the caller's.)
            with pipeline.observed(operation):
                async for attempt in pipeline.retrying(operation):
                    with attempt:
                        stream = await stack.enter_async_context(
                            pipeline.open(operation, attempt=attempt.number, **arguments)
                        )
            yield DocumentStream(
                Answer(stream, default_type, default_name, limits.max_document_size)
            )

    async def _save_one(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        target: str | os.PathLike[str],
        progress: ProgressCallback | None,
        limits: _Limits,
        *,
        default_type: str,
        default_name: str,
    ) -> DocumentInfo:
        text = os.fspath(target)
        path = Path(text)
        try:
            to_directory = text.endswith(("/", os.sep)) or await anyio.Path(path).is_dir()
        except OSError as exc:
            raise DocumentError(
                f"cannot read {path}: {exc.strerror}", path=path, errno=exc.errno
            ) from exc
        if not to_directory and not limits.overwrite:
            # The user named this file: fail before downloading rather than after.
            await anyio.to_thread.run_sync(check_free, path)
        infos = await self._save_all(
            operation,
            arguments,
            path if to_directory else path.parent,
            None if to_directory else path,
            progress,
            limits,
            default_type=default_type,
            default_name=default_name,
        )
        if not infos:
            raise ResponseValidationError("the answer holds no document", operation=operation.id)
        return attrs.evolve(infos[0], related=tuple(infos[1:]))

    async def _save_all(
        self,
        operation: ops.Operation[Any],
        arguments: dict[str, Any],
        directory: Path,
        first_path: Path | None,
        progress: ProgressCallback | None,
        limits: _Limits,
        *,
        default_type: str,
        default_name: str,
    ) -> list[DocumentInfo]:
        try:
            await anyio.Path(directory).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DocumentError(
                f"cannot create {directory}: {exc.strerror}", path=directory, errno=exc.errno
            ) from exc
        pipeline = self._pipeline
        # A transient failure anywhere in the download starts it again from scratch.
        with pipeline.observed(operation):
            async for attempt in pipeline.retrying(operation):
                with attempt:
                    async with pipeline.open(
                        operation, attempt=attempt.number, **arguments
                    ) as stream:
                        answer = Answer(
                            stream, default_type, default_name, limits.max_document_size
                        )
                        return await write_answer(
                            answer, directory, first_path, progress, overwrite=limits.overwrite
                        )
        raise AssertionError("unreachable: the retry loop returns or raises")
