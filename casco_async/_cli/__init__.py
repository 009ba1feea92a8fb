"""The ``casco-async`` command line: bulk quotes, documents, policies, nomenclature, sandbox, demo.

``main`` parses the arguments and dispatches to one module per job: ``_bulk_command``
(``quote-bulk``), ``_commands`` (``nomenclature``, ``offer-pdf``, ``policy-pdf``,
``issue-policy``), ``_demo`` (``demo``), ``_completion`` (``completion``; ``example`` prints
the bundled fleet) and the sandbox's own ``main`` (``sandbox``). Every error
a user can cause is reported as one line, ``casco-async: error: <what>; <how to fix>``, with the
exit codes of ``_errors`` (0 ok, 1 failed, 2 usage or configuration, 3 policy outcome unknown).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from ._completion import RecordingParser
from ._errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    PROG,
    CliError,
)

__all__ = ["build_parser", "main"]

_ENVIRONMENT = """\
configuration (environment):
  CASCO_BASE_URL   the API, e.g. https://casco-qa.api.lifeishard.ro (or --base-url)
  CASCO_ACCOUNT    the broker account
  CASCO_PASSWORD   its password (only ever read from the environment)

exit codes:
  0    success
  1    failure: some refs of a bulk run failed, or the API refused or could not answer
  2    usage or configuration error (bad arguments, missing settings, refused credentials)
  3    issue-policy: the request was sent but the answer was lost - the policy may exist
  130  interrupted (a bulk run continues with --resume)
"""

_BULK_EPILOG = """\
input:
  JSON Lines (default; one {{"ref": ..., "provider": {{...}}, "product": {{...}}}} per line, as
  the API's QuoteRequest; ref optional, default the line number) or CSV (by the .csv extension
  or --format csv; one quote per line, the columns below, separated by ',' or ';' as the header
  row shows; empty cells are absent values). INPUT - reads stdin. A record that cannot be read
  (bad JSON, not an object, bad CSV value, a stray quote) becomes an error line for its ref.
  Duplicate refs: the first is quoted, each later one gets an error line (type DuplicateRef)
  under the ref "<ref>#line<N>" (a record's own ref may not end like that).
  A record without product.motor.startDate starts on --start-date (default: tomorrow in
  Europe/Bucharest). --dry-run validates every record and sends nothing.

output (OUT, exactly one line per input ref, appended as results arrive; JSON Lines, or by
the .csv / .xlsx extension or --out-format a spreadsheet row per ref: ref, status, cheapest
insurer, premium, currency, offer_id, error, pdf_path; .xlsx adds an "offers" sheet and is
written when the run ends, from its journal OUT.jsonl kept beside it). JSON Lines:
  {{"ref": "A-1", "status": "ok", "offers": [{{"insurer": "generali", "offerId": ..., ...}}]}}
  {{"ref": "A-2", "status": "error", "error": {{"type": "ValidationError", "message": "...",
   "status": 400, "field_errors": {{"product.vehicle.vin": ["..."]}}}}}}
  Offers are the API's Offer objects, cheapest first, each tagged with its insurer. Without
  --insurers a line is ok when its quote succeeded. With --insurers every record is quoted by
  each insurer listed (provider replaced, product.name set to that insurer's product); the line
  is ok when at least one insurer made an offer, and "errors" maps each insurer that failed to
  its error (when none made an offer: their common error, or type NoOffer).
  With --pdf-dir the cheapest offer of each ok line is saved as DIR/<ref>.pdf (a ref that is not
  a safe file name is cleaned and given a short hash) and the line
  gets "pdf" {{offerId, path, size, sha256}}; if that download fails the line stays ok with
  "pdf": null and "pdf_error", and the exit code is 1.
  An existing non-empty OUT is refused unless --resume, which skips the refs already in it
  (an incomplete last line left by a killed run is dropped and its ref quoted again) and,
  unless --no-retry-transient, quotes again the refs whose line holds a transient error (5xx,
  timeout, connection failure, 429: also an insurer's inside an ok line). A file that is not
  the results of an earlier run is refused.
  Refused credentials, or an API that stops answering (a streak of connection failures), stop
  the run without writing the refs in flight: run the same command with --resume.

exit codes: 0 every line ok (and every PDF saved), 1 some failed, 2 usage or configuration.

CSV columns (UTF-8 with a header row; a row with holder_cui or holder_business_name is a
company; dates YYYY-MM-DD; numbers with a dot for decimals; booleans true/false, yes/no, da/nu):
{columns}

examples:
  casco-async quote-bulk fleet.jsonl --out results.jsonl --insurers all --concurrency 16
  casco-async quote-bulk fleet.csv --out results.xlsx --start-date 2026-06-01
  casco-async quote-bulk fleet.csv --dry-run
  casco-async quote-bulk fleet.csv --out results.csv --pdf-dir offers/ --rate-limit 5
  casco-async quote-bulk fleet.csv --out results.jsonl --resume     # after an interruption
"""

_OVERWRITE_HELP = "replace an existing file (default: refuse; a server-chosen name gets -2)"

_PAYMENT_METHODS = ("receipt", "broker receipt", "payment order", "broker payment order", "pos")


class _Parser(RecordingParser):
    """argparse, with its errors as one line instead of the usage plus a message."""

    def error(self, message: str) -> NoReturn:
        raise CliError(message, f"see '{self.prog} --help'")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _concurrency(text: str) -> int:
    value = _positive_int(text)
    if value > 256:
        raise argparse.ArgumentTypeError(f"{text!r} is more than 256")
    return value


def _amount(text: str) -> float:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an amount (digits, a dot for decimals)"
        ) from None
    if not value.is_finite() or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive amount")
    return float(value)


def _day(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date") from None


def _positive_number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of {what}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of {what}")
    return value


def _rate(text: str) -> float:
    return _positive_number(text, "requests per second")


def _seconds(text: str) -> float:
    value = _positive_number(text, "seconds")
    if value > 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is more than an hour")
    return value


def _text(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return text.strip()


def build_parser() -> argparse.ArgumentParser:
    """The ``casco-async`` argument parser (one sub-parser per command)."""
    from ._inputs import csv_columns_help

    common = _Parser(add_help=False)
    common.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="the API's base URL (default: $CASCO_BASE_URL)",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log each API call (metadata only) to stderr",
    )

    parser = _Parser(
        prog=PROG,
        description="Quote motor-hull (CASCO) insurance in bulk, issue policies and download\n"
        "their PDFs with the CascoApi 1.0 of the broker Life Is Hard.",
        epilog=_ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--base-url", metavar="URL", help="the API's base URL (default: $CASCO_BASE_URL)"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log each API call (metadata only) to stderr"
    )
    from casco_async import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, help: str, **kwargs: Any) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=help,
            description=kwargs.pop("description", help[0].upper() + help[1:] + "."),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kwargs,
        )
        return sub

    bulk = command(
        "quote-bulk",
        "quote a JSON Lines or CSV file of requests, one result line per ref",
        parents=[common],
        epilog=_BULK_EPILOG.format(columns=csv_columns_help()),
    )
    bulk.add_argument("input", metavar="INPUT", help="JSON Lines or CSV file of quote requests")
    bulk.add_argument(
        "--out",
        type=Path,
        metavar="OUT",
        help="results file: .jsonl (JSON Lines), .csv or .xlsx, by extension or --out-format "
        "(required unless --dry-run)",
    )
    bulk.add_argument(
        "--out-format",
        choices=("jsonl", "csv", "xlsx"),
        help="results format (default: by OUT's extension, else jsonl)",
    )
    bulk.add_argument(
        "--format", choices=("jsonl", "csv"), help="input format (default: by extension)"
    )
    bulk.add_argument(
        "--start-date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="start date of the records that give none (default: tomorrow in Europe/Bucharest)",
    )
    bulk.add_argument(
        "--concurrency",
        type=_concurrency,
        default=8,
        metavar="N",
        help="requests in flight at once, 1-256 (default 8)",
    )
    bulk.add_argument(
        "--rate-limit",
        type=_rate,
        metavar="N",
        help="at most N requests started per second (default: no limit)",
    )
    bulk.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="seconds to wait for each answer (default: the SDK's, longer for quotes)",
    )
    bulk.add_argument(
        "--insurers",
        metavar="LIST",
        help="quote every record with each of these insurers, comma-separated, or 'all' "
        "(generali, groupama, eazy_insure, allianz)",
    )
    bulk.add_argument(
        "--resume", action="store_true", help="continue OUT: skip the refs already in it"
    )
    bulk.add_argument(
        "--retry-transient",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="with --resume, quote again the refs whose line holds a transient error "
        "(5xx, timeout, connection, 429; on by default)",
    )
    bulk.add_argument(
        "--dry-run",
        action="store_true",
        help="read and validate every record, send nothing, write nothing",
    )
    bulk.add_argument(
        "--pdf-dir", type=Path, metavar="DIR", help="save each ok ref's cheapest offer PDF here"
    )
    bulk.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a PDF already in --pdf-dir (with --resume, the refs quoted again always do)",
    )
    bulk.set_defaults(handler=_quote_bulk)

    nomenclature = command(
        "nomenclature",
        "list countries, counties, localities, vehicle makes or models as JSON",
        parents=[common],
        epilog="examples:\n  casco-async nomenclature counties\n"
        "  casco-async nomenclature localities CJ     # or the county id: 12\n"
        "  casco-async nomenclature models Dacia",
    )
    lists = nomenclature.add_subparsers(dest="kind", metavar="LIST", required=True)
    lists.add_parser("countries", help="ISO 3166 countries")
    lists.add_parser("counties", help="Romania's counties (id, 2-letter code, name, SIRUTA)")
    localities = lists.add_parser("localities", help="the localities of a county")
    localities.add_argument("argument", metavar="COUNTY", help="county id (12) or code (CJ)")
    lists.add_parser("makes", help="vehicle makes")
    models = lists.add_parser("models", help="the models of a vehicle make")
    models.add_argument("argument", metavar="MAKE", help="make name (Dacia) or id")
    nomenclature.set_defaults(handler=_nomenclature, argument=None)

    offer_pdf = command(
        "offer-pdf",
        "save an offer's PDF",
        parents=[common],
        epilog="PATH is a file, or a directory ending in / (files keep the server's names).\n"
        "Prints each saved file's path, size and SHA-256.\n\n"
        "example:\n  casco-async offer-pdf 100231 -o offers/",
    )
    offer_pdf.add_argument(
        "offer_id", type=_positive_int, metavar="OFFER_ID", help="the offer's offerId"
    )
    offer_pdf.add_argument("-o", "--output", required=True, metavar="PATH", help="file or dir/")
    offer_pdf.add_argument("--overwrite", action="store_true", help=_OVERWRITE_HELP)
    offer_pdf.set_defaults(handler=_offer_pdf)

    policy_pdf = command(
        "policy-pdf",
        "save a policy's PDFs",
        parents=[common],
        epilog="PATH is a file (the policy; other files are saved beside it) or a directory\n"
        "ending in /. Prints each saved file's path, size and SHA-256.\n\n"
        "example:\n  casco-async policy-pdf RO/05/M3 100001 -o policies/",
    )
    policy_pdf.add_argument("series", type=_text, metavar="SERIES", help="policy series")
    policy_pdf.add_argument("number", type=_positive_int, metavar="NUMBER", help="policy number")
    policy_pdf.add_argument("-o", "--output", required=True, metavar="PATH", help="file or dir/")
    policy_pdf.add_argument("--overwrite", action="store_true", help=_OVERWRITE_HELP)
    policy_pdf.set_defaults(handler=_policy_pdf)

    issue = command(
        "issue-policy",
        "turn an offer into a policy (prints the policy as JSON)",
        parents=[common],
        epilog="The payment records how the premium was collected; it moves no money.\n"
        "Never retried automatically. If the answer is lost (exit 3) the policy may exist:\n"
        "run the same command again - it fails with 'conflict' if the policy was issued.\n\n"
        "example:\n  casco-async issue-policy 100231 --method receipt --amount 1254.48 \\\n"
        "      --date 2026-05-01 --document-number CH-2231",
    )
    issue.add_argument(
        "offer_id", type=_positive_int, metavar="OFFER_ID", help="the offer's offerId"
    )
    issue.add_argument(
        "--method",
        required=True,
        choices=_PAYMENT_METHODS,
        metavar="METHOD",
        help="how the premium was paid: " + ", ".join(repr(m) for m in _PAYMENT_METHODS),
    )
    issue.add_argument(
        "--amount", required=True, type=_amount, help="amount paid (at least the 1st installment)"
    )
    issue.add_argument(
        "--date", required=True, type=_day, metavar="YYYY-MM-DD", help="payment date"
    )
    issue.add_argument(
        "--document-number",
        required=True,
        type=_text,
        metavar="TEXT",
        help="receipt or payment order number",
    )
    issue.add_argument("--currency", default="RON", choices=("RON", "EUR"), help="default RON")
    issue.set_defaults(handler=_issue_policy)

    sandbox = command(
        "sandbox",
        "run the embedded CascoApi sandbox (options: casco-async sandbox --help)",
        add_help=False,
    )
    # Normally dispatched before parsing (see _sandbox_argv); this only lists it in the help.
    sandbox.set_defaults(handler=lambda args: _run_sandbox([]))

    demo = command(
        "demo",
        "quote a bundled fleet with every insurer against the embedded sandbox",
        epilog="Starts the sandbox in-process, quotes 55 vehicles x 4 insurers, prints a\n"
        "comparison, saves the cheapest offers' PDFs, issues one policy and saves its PDFs.",
    )
    demo.add_argument(
        "--out",
        type=Path,
        default=Path("casco-demo-output"),
        metavar="DIR",
        help="output directory (default ./casco-demo-output; its demo files are replaced)",
    )
    demo.add_argument(
        "--pdfs",
        type=_count,
        default=5,
        metavar="N",
        help="save the cheapest-offer PDFs of the first N vehicles (default 5)",
    )
    demo.set_defaults(handler=_demo_command)

    example = command(
        "example",
        "print a bundled example input file",
        epilog="examples:\n  casco-async example fleet > fleet.jsonl\n"
        "  casco-async quote-bulk fleet.jsonl --out results.xlsx --insurers all",
    )
    example.add_argument(
        "name",
        choices=("fleet",),
        help="fleet: 55 vehicles as quote-bulk JSON Lines (no start date: --start-date)",
    )
    example.set_defaults(handler=_example)

    completion = command(
        "completion",
        "print a shell completion script (bash or zsh)",
        epilog="examples:\n  source <(casco-async completion bash)        # in ~/.bashrc\n"
        "  casco-async completion zsh > ~/.zfunc/_casco-async   # zsh, with fpath+=~/.zfunc",
    )
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    completion.set_defaults(handler=_show_completion)
    return parser


# ----------------------------------------------------------------------------- the handlers


def _settings(args: argparse.Namespace) -> Any:
    from ._config import settings_from

    return settings_from(args.base_url)


def _quote_bulk(args: argparse.Namespace) -> int:
    from ._bulk_command import BulkOptions, parse_insurers, run_bulk

    if args.out is None and not args.dry_run:
        raise CliError("quote-bulk needs --out", "give a results file: --out results.jsonl")
    options = BulkOptions(
        input=args.input,
        out=args.out,
        format=args.format,
        concurrency=args.concurrency,
        insurers=parse_insurers(args.insurers) if args.insurers is not None else None,
        resume=args.resume,
        pdf_dir=args.pdf_dir,
        out_format=args.out_format,
        start_date=args.start_date,
        dry_run=args.dry_run,
        rate_limit=args.rate_limit,
        timeout=args.timeout,
        retry_transient=args.retry_transient,
        overwrite=args.overwrite,
    )
    return run_bulk(options, None if args.dry_run else _settings(args))


def _example(args: argparse.Namespace) -> int:
    from importlib import resources

    text = resources.files(__package__ or "casco_async._cli").joinpath("demo_fleet.jsonl")
    sys.stdout.write(text.read_text("utf-8"))
    return 0


def _show_completion(args: argparse.Namespace) -> int:
    from ._completion import completion_script

    parser = build_parser()
    assert isinstance(parser, RecordingParser)
    sys.stdout.write(completion_script(parser, args.shell))
    return 0


def _nomenclature(args: argparse.Namespace) -> int:
    from ._commands import list_nomenclature

    return list_nomenclature(_settings(args), args.kind, args.argument)


def _offer_pdf(args: argparse.Namespace) -> int:
    from ._commands import download_offer, resolve_target

    return download_offer(
        _settings(args), args.offer_id, resolve_target(args.output), overwrite=args.overwrite
    )


def _policy_pdf(args: argparse.Namespace) -> int:
    from ._commands import download_policy, resolve_target

    return download_policy(
        _settings(args),
        args.series,
        args.number,
        resolve_target(args.output),
        overwrite=args.overwrite,
    )


def _issue_policy(args: argparse.Namespace) -> int:
    from ._commands import issue_policy

    payment = {
        "method": args.method,
        "currency": args.currency,
        "amount": args.amount,
        "date": args.date,
        "documentNumber": args.document_number,
    }
    return issue_policy(_settings(args), args.offer_id, payment)


def _demo_command(args: argparse.Namespace) -> int:
    from ._demo import run_demo

    if args.base_url:
        raise CliError(
            "demo always runs against the embedded sandbox", "drop --base-url (see 'quote-bulk')"
        )
    return run_demo(args.out, pdfs=args.pdfs)


def _sandbox_argv(argv: Sequence[str]) -> list[str] | None:
    """The arguments after ``sandbox`` when that is the command, else None.

    Found before argparse runs: the sandbox has its own parser, and argparse cannot hand it
    options it does not know.
    """
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in ("-v", "--verbose") or token.startswith("--base-url="):
            index += 1
        elif token == "--base-url":
            index += 2
        else:
            return list(argv[index + 1 :]) if token == "sandbox" else None
    return None


def _run_sandbox(argv: list[str]) -> int:
    try:
        from casco_async.sandbox._server import main as sandbox_main
    except ImportError as error:
        raise CliError(
            f"the sandbox needs the sandbox extra ({error.name} is missing)",
            "pip install 'casco-async[sandbox]'",
        ) from None
    return sandbox_main(argv)


def _silence_stdout() -> None:
    # stdout went away (`| head`): point it at /dev/null so the final flush cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run ``casco-async`` with `argv` (default: the process's arguments); the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        sandbox = _sandbox_argv(arguments)
        if sandbox is not None:
            return _run_sandbox(sandbox)
        parser = build_parser()
        try:
            args = parser.parse_args(arguments)
        except SystemExit as leaving:  # --help and --version print, then "exit"
            return leaving.code if isinstance(leaving.code, int) else 0
        if args.verbose:
            from ._config import enable_debug_logging

            enable_debug_logging()
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except CliError as error:
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
        print(error.line(), file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print(
            f"{PROG}: interrupted; results written so far are kept "
            "(quote-bulk: run the same command with --resume)",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
