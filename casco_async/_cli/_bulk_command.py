"""``casco-async quote-bulk``: quote a file of requests, one result line per ref.

The input is streamed through `casco.products.quote_many` (lazy, bounded concurrency), so memory
holds the requests in flight, not the file; results are appended to OUT as they arrive (see
`_output`). Rules, as documented in the command's help:

* **One line per ref.** A malformed record or a duplicate ref is an error line of its own (see
  `_inputs`); nothing is dropped and nothing written twice.
* **Status.** Without ``--insurers`` a line is ``ok`` when its quote succeeded. With
  ``--insurers`` every listed insurer quotes the record (``provider`` replaced, ``product.name``
  set to that insurer's product) and the line is ``ok`` when at least one insurer made an offer;
  its ``offers`` hold every offer, cheapest first, each tagged with its ``insurer``, and
  ``errors`` maps each insurer that failed to its error. When none made an offer the line is an
  ``error``: the insurers' common error if they all failed alike, else ``NoOffer``.
* **PDFs** (``--pdf-dir``): the cheapest offer of each ok line is saved as ``<safe ref>.pdf``;
  the line then carries ``pdf`` (path, size, sha256) or, when the download failed,
  ``pdf: null`` and ``pdf_error`` — it stays ``ok`` (the quote did succeed), and the run's exit
  code becomes 1.
* **Start date.** A record without ``product.motor.startDate`` starts on ``--start-date``
  (default: tomorrow in Europe/Bucharest); the first stderr line and the summary say which.
* **Output.** JSON Lines, CSV or XLSX by OUT's extension or ``--out-format`` (see `_formats`).
* **Transient errors.** ``--resume`` quotes again the refs whose line held a transient error
  (5xx, timeout, lost connection, 429; also an insurer's inside an ok line) unless
  ``--no-retry-transient``; the summary says how many.
* **Dry run.** ``--dry-run`` reads and validates every record as the SDK would before sending,
  sends nothing and writes nothing: one line per invalid ref on stderr, exit 1 if any.
* **Stopping early.** Refused credentials stop the run at once (exit 2). When the API stops
  answering (a long streak of connection failures), the run stops too (exit 1) without writing
  those refs, so that ``--resume`` quotes them again instead of keeping connection errors.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
import time
from collections.abc import Hashable, Iterator, Sequence
from pathlib import Path
from typing import Any

import anyio
import attrs
import casco_async_generated.models as generated
from anyio.abc import TaskGroup

from casco_async._bulk import QuoteOutcome
from casco_async._client import CascoClient
from casco_async._errors import (
    APIConnectionError,
    AuthenticationError,
    CascoError,
    DocumentError,
)
from casco_async._insurers import KNOWN_INSURERS, retarget
from casco_async._resources import as_request_model

from ._config import Settings, make_client
from ._errors import EXIT_FAILED, EXIT_OK, CliError, from_casco_error, one_line, printable
from ._formats import is_transient, out_format
from ._inputs import InputSource, default_start_date, detect_format, with_start_date
from ._loop import run as run_loop
from ._output import ResultsFile, describe_error, error_record, result_record
from ._progress import Progress, is_terminal
from ._report import money

__all__ = ["BulkOptions", "parse_insurers", "pdf_name", "run_bulk"]

_SUMMARY_OK = 20  # refs listed with their cheapest offer in the summary
_SUMMARY_FAILED = 10  # failed refs listed with their error


@attrs.frozen
class BulkOptions:
    """The options of one ``quote-bulk`` run."""

    input: str
    out: Path | None
    format: str | None = None
    concurrency: int = 8
    insurers: tuple[str, ...] | None = None
    resume: bool = False
    pdf_dir: Path | None = None
    out_format: str | None = None
    start_date: str | None = None  # None: default_start_date()
    dry_run: bool = False
    rate_limit: float | None = None
    timeout: float | None = None
    retry_transient: bool = True
    overwrite: bool = False


def parse_insurers(text: str) -> tuple[str, ...]:
    """``generali,groupama`` (or ``all``) as a tuple of known insurer keys, in the given order."""
    if text.strip().lower() == "all":
        return KNOWN_INSURERS
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise CliError(f"--insurers {text!r} has an empty name", "separate names with commas")
    unknown = [name for name in names if name not in KNOWN_INSURERS]
    if unknown:
        raise CliError(
            f"unknown insurer(s) in --insurers: {', '.join(unknown)}",
            f"use {', '.join(KNOWN_INSURERS)} or all",
        )
    if len(set(names)) != len(names):
        raise CliError("--insurers names an insurer twice", "list each insurer once")
    return tuple(names)


def pdf_name(ref: str) -> str:
    """A file name for a ref's PDF: the ref if it is safe, else a cleaned ref plus a hash.

    The hash keeps two refs that clean to the same text (``a/b``, ``a:b``) apart.
    """
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", ref).strip("._")[:80] or "ref"
    if safe != ref:
        digest = hashlib.sha256(ref.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        safe = f"{safe}-{digest}"
    return f"{safe}.pdf"


def run_bulk(options: BulkOptions, settings: Settings | None) -> int:
    """Run ``quote-bulk``; the exit code (0 all ok, 1 some failed). Raises `CliError`.

    `settings` may be None for ``--dry-run`` (nothing is sent).
    """
    fmt = detect_format(options.input, options.format)
    day = options.start_date or default_start_date()
    explained = "" if options.start_date else " (default: tomorrow in Europe/Bucharest)"
    source = InputSource(options.input, fmt)
    try:
        if fmt == "csv" and options.insurers is None and "insurer" not in source.columns:
            raise CliError(f"{options.input} has no insurer column", "add one, or pass --insurers")
        if options.dry_run:
            return _dry_run(options, source, day, explained)
        if options.out is None or settings is None:
            raise CliError("--out is required", "give a results file: --out results.jsonl")
        out_fmt = out_format(options.out, options.out_format)
        if options.pdf_dir is not None:
            try:
                options.pdf_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise CliError(
                    f"cannot create --pdf-dir {options.pdf_dir}: {error.strerror}",
                    "choose a writable directory",
                ) from None
        results = ResultsFile.open(
            options.out,
            resume=options.resume,
            fmt=out_fmt,
            retry_transient=options.retry_transient,
        )
        if results.discarded:
            print(
                f"casco-async: note: dropped an incomplete last line of {options.out} "
                f"({len(results.discarded)} bytes); its ref is quoted again",
                file=sys.stderr,
            )
        print(
            f"quote-bulk: {printable(options.input)} -> {printable(str(options.out))} "
            f"({out_fmt}); start date {day}{explained} where a record has none",
            file=sys.stderr,
        )
        try:
            run = _BulkRun(options, source, results, settings, day)
            code: int = run_loop(run.main)
        except BaseException:
            with contextlib.suppress(CliError):
                results.close(discard_if_empty=True)
            raise
        results.close()
        return code
    finally:
        source.close()


def _dry_run(options: BulkOptions, source: InputSource, day: str, explained: str) -> int:
    """Validate every record as the SDK does before sending; send and write nothing."""
    valid = invalid = 0
    shown = 0
    for item in source:
        problem: dict[str, Any] | None = None
        if item.problem is not None or item.request is None:
            assert item.problem is not None
            problem = error_record(item.problem)
        else:
            request = with_start_date(item.request, day)
            requests = (
                [request]
                if options.insurers is None
                else [retarget(request, insurer) for insurer in options.insurers]
            )
            for body in requests:
                try:
                    as_request_model(generated.QuoteRequest, body)
                except CascoError as error:
                    problem = error_record(error)
                    break
        if problem is None:
            valid += 1
            continue
        invalid += 1
        if shown < _SUMMARY_FAILED * 10:
            shown += 1
            text = describe_error(problem)
            print(f"  {printable(item.ref)}  {one_line(text, 200)}", file=sys.stderr)
    print(
        f"quote-bulk --dry-run: {valid + invalid} records read: {valid} valid, {invalid} invalid; "
        f"nothing sent, nothing written (start date {day}{explained} where a record has none)",
        file=sys.stderr,
    )
    return EXIT_OK if invalid == 0 else EXIT_FAILED


def _insurer_of(request: Any) -> str:
    try:
        name = request["provider"]["organization"]["businessName"]
    except (KeyError, TypeError):
        return ""
    return name if isinstance(name, str) else ""


class _BulkRun:
    """One run: feeds requests to `quote_many`, turns outcomes into lines, keeps the counts."""

    def __init__(
        self,
        options: BulkOptions,
        source: InputSource,
        results: ResultsFile,
        settings: Settings,
        start_date: str,
    ) -> None:
        self.options = options
        self.start_date = start_date
        self.source = source
        self.results = results
        self.settings = settings
        self.insurers = options.insurers
        # Outcomes of refs still waiting for some insurer (--insurers): about `concurrency` refs.
        self.pending: dict[str, dict[str, QuoteOutcome]] = {}
        # Lines of a current streak of connection failures, held back (see the module doc).
        self.unreachable: list[dict[str, Any]] = []
        self.unreachable_limit = max(8, 2 * options.concurrency)
        self.abort: CliError | None = None
        self.quote_calls = 0
        self.skipped = 0
        self.ok = 0
        self.failed = 0
        self.pdf_saved = 0
        self.pdf_failed = 0
        self.insurer_errors = 0
        self.transient = 0
        self.cheapest: list[tuple[str, str, float, str, int]] = []
        self.failures: list[tuple[str, str]] = []
        self.progress: Progress | None = None
        self.pdf_slots = anyio.Semaphore(max(1, options.concurrency))

    # ----- driving the run

    async def main(self) -> int:
        started = time.perf_counter()
        concurrency = self.options.concurrency
        limits: dict[str, Any] = {}
        if self.options.rate_limit is not None:
            limits["rate_limit"] = self.options.rate_limit
        if self.options.timeout is not None:
            limits["timeout"] = self.options.timeout
        async with make_client(self.settings, max_concurrency=concurrency, **limits) as casco:
            try:
                await casco.tokens.get()  # wrong credentials or no network: one clear error
            except CascoError as error:
                raise from_casco_error(
                    error, "connecting to the API", self.settings.base_url
                ) from None
            total = self.source.count_records() if is_terminal(sys.stderr) else None
            with Progress("quoting", total) as progress:
                self.progress = progress
                async with anyio.create_task_group() as downloads:
                    async with casco.products.quote_many(
                        self._requests(), concurrency=concurrency
                    ) as outcomes:
                        async for outcome in outcomes:
                            self.quote_calls += 1
                            await self._collect(outcome, downloads, casco)
                            if self.abort is not None:
                                break
                    if self.abort is not None:
                        downloads.cancel_scope.cancel()
                if self.abort is None:
                    # The run ended: a streak of connection failures at its very end is final.
                    for record in self.unreachable:
                        self._emit(record, ok=False)
                    self.unreachable.clear()
        self._summary(time.perf_counter() - started)
        if self.abort is not None:
            raise self.abort
        return EXIT_OK if self.failed == 0 and self.pdf_failed == 0 else EXIT_FAILED

    def _requests(self) -> Iterator[tuple[Hashable, dict[str, Any]]]:
        """The quote requests, read lazily; input errors and skipped refs are handled here."""
        done = self.results.done
        try:
            for item in self.source:
                if self.abort is not None:
                    return
                if item.ref in done:
                    self.skipped += 1
                    if self.progress is not None:
                        self.progress.skip()
                    continue
                if item.problem is not None or item.request is None:
                    assert item.problem is not None
                    self._emit(
                        {"ref": item.ref, "status": "error", "error": error_record(item.problem)},
                        ok=False,
                    )
                    continue
                request = with_start_date(item.request, self.start_date)
                if self.insurers is None:
                    yield item.ref, request
                else:
                    self.pending[item.ref] = {}
                    for insurer in self.insurers:
                        yield (item.ref, insurer), retarget(request, insurer)
        except OSError as error:
            self.abort = CliError(
                f"cannot read {self.options.input}: {error.strerror or error}",
                "fix the input, then run again with --resume",
            )

    async def _collect(
        self, outcome: QuoteOutcome, downloads: TaskGroup, casco: CascoClient
    ) -> None:
        if isinstance(outcome.error, AuthenticationError):
            # Every further quote would fail the same way: stop, and write nothing for this ref.
            self.abort = from_casco_error(outcome.error, "quoting", self.settings.base_url)
            return
        if self.insurers is None:
            ref = str(outcome.tag)
            await self._finish(ref, [(_insurer_of(outcome.request), outcome)], downloads, casco)
            return
        tag = outcome.tag
        assert isinstance(tag, tuple)
        ref, insurer = tag
        answers = self.pending[ref]
        answers[insurer] = outcome
        if len(answers) == len(self.insurers):
            del self.pending[ref]
            ordered = [(name, answers[name]) for name in self.insurers]
            await self._finish(ref, ordered, downloads, casco)

    async def _finish(
        self,
        ref: str,
        answers: Sequence[tuple[str, QuoteOutcome]],
        downloads: TaskGroup,
        casco: CascoClient,
    ) -> None:
        record = result_record(ref, answers, by_insurer=self.insurers is not None)
        ok = record["status"] == "ok"
        errors = [out.error for _, out in answers if out.error is not None]
        if ok:
            self.insurer_errors += len(errors)
        elif errors and all(isinstance(error, APIConnectionError) for error in errors):
            self._unreachable(record, errors[0])
            return
        self._release_unreachable()
        if ok and record["offers"] and self.options.pdf_dir is not None:
            await self.pdf_slots.acquire()  # back-pressure: downloads never pile up unbounded
            offer_id = record["offers"][0]["offerId"]
            downloads.start_soon(self._save_pdf, casco, record, offer_id)
            return
        self._emit(record, ok=ok)

    def _unreachable(self, record: dict[str, Any], error: CascoError) -> None:
        self.unreachable.append(record)
        if len(self.unreachable) >= self.unreachable_limit:
            self.abort = CliError(
                f"the API stopped answering: {len(self.unreachable)} quotes in a row could not "
                f"connect ({error.message}); those refs were not written",
                "check the network and CASCO_BASE_URL, then run the same command with --resume",
                EXIT_FAILED,
            )

    def _release_unreachable(self) -> None:
        # The API answered again: the streak was a few isolated failures, record them as such.
        for record in self.unreachable:
            self._emit(record, ok=False)
        self.unreachable.clear()

    async def _save_pdf(self, casco: CascoClient, record: dict[str, Any], offer_id: int) -> None:
        assert self.options.pdf_dir is not None
        target = self.options.pdf_dir / pdf_name(record["ref"])
        try:
            # --resume: a PDF already there is this run's own, left by the killed run.
            overwrite = self.options.overwrite or self.options.resume
            info = await casco.documents.save_offer(offer_id, target, overwrite=overwrite)
            record["pdf"] = {
                "offerId": offer_id,
                "path": str(info.path),
                "size": info.size,
                "sha256": info.sha256,
            }
            self.pdf_saved += 1
        except CascoError as error:
            record["pdf"] = None
            record["pdf_error"] = error_record(error)
            self.pdf_failed += 1
        except OSError as error:
            # The SDK types its disk errors (DocumentError); a net all the same, as the quote must
            # not be lost with its PDF: record it in the same form and go on with the rest.
            record["pdf"] = None
            record["pdf_error"] = error_record(
                DocumentError(f"cannot write {target}: {error.strerror or error}", path=target)
            )
            self.pdf_failed += 1
        finally:
            self.pdf_slots.release()
        self._emit(record, ok=True)

    def _emit(self, record: dict[str, Any], *, ok: bool) -> None:
        """Write one line and count it; a write failure stops the run."""
        if self.abort is not None:
            return
        try:
            self.results.write(record)
        except CliError as error:
            self.abort = error
            return
        if self.progress is not None:
            self.progress.advance(ok)
        if is_transient(record):
            self.transient += 1
        ref = record["ref"]
        if ok:
            self.ok += 1
            if len(self.cheapest) < _SUMMARY_OK and record["offers"]:
                best = record["offers"][0]
                self.cheapest.append(
                    (
                        ref,
                        best.get("insurer", ""),
                        float(best.get("premiumAmount", 0.0)),
                        best.get("currency", ""),
                        best.get("offerId", 0),
                    )
                )
        else:
            self.failed += 1
            if len(self.failures) < _SUMMARY_FAILED:
                self.failures.append((ref, describe_error(record["error"])))

    # ----- the summary

    def _summary(self, elapsed: float) -> None:
        out = sys.stderr
        written = self.ok + self.failed
        rate = self.quote_calls / elapsed if elapsed > 0 else 0.0
        line = f"quote-bulk: {written} refs written: {self.ok} ok, {self.failed} failed"
        if self.skipped:
            line += f"; {self.skipped} skipped (already in {self.options.out})"
        print(line, file=out)
        print(f"  start date {self.start_date} where a record had none", file=out)
        if self.options.resume:
            if self.options.retry_transient:
                print(
                    f"  {len(self.results.retried)} refs with a transient error in "
                    f"{self.options.out} quoted again (--no-retry-transient keeps them)",
                    file=out,
                )
            else:
                print("  refs with a transient error were kept (--no-retry-transient)", file=out)
        if self.insurers is not None and self.insurer_errors:
            print(f"  {self.insurer_errors} insurer errors inside ok lines", file=out)
        if self.transient:
            print(
                f"  {self.transient} lines hold a transient error (5xx, timeout, connection, 429): "
                "run the same command with --resume to quote them again",
                file=out,
            )
        if self.options.pdf_dir is not None:
            print(
                f"  PDFs: {self.pdf_saved} saved in {self.options.pdf_dir}, "
                f"{self.pdf_failed} failed",
                file=out,
            )
        print(
            f"  {self.quote_calls} quote requests in {elapsed:.1f} s ({rate:.1f} requests/s)",
            file=out,
        )
        if self.cheapest:
            shown = len(self.cheapest)
            print(f"cheapest offer per ref (first {shown} of {self.ok}):", file=out)
            width = max(len(item[0]) for item in self.cheapest)
            for ref, insurer, premium, currency, offer_id in self.cheapest:
                print(
                    f"  {printable(ref):<{width}}  {insurer:<12} {money(premium, currency):>16}  "
                    f"offer {offer_id}",
                    file=out,
                )
        if self.failures:
            shown = len(self.failures)
            print(f"failed refs (first {shown} of {self.failed}):", file=out)
            width = max(len(item[0]) for item in self.failures)
            for ref, text in self.failures:
                print(f"  {printable(ref):<{width}}  {one_line(text, 160)}", file=out)
        print(f"results: {self.options.out}", file=out)
