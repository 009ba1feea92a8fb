"""Exit codes and the one-line error messages of the command line.

Every failure a user can cause ends as one line on stderr, ``casco-async: error: <what>; <how to
fix>``, and an exit code from the table below; never a traceback. `CliError` carries the three
parts; `from_casco_error` turns the SDK's typed errors into one.
"""

from __future__ import annotations

import os
import re
import unicodedata

from casco_async._errors import (
    AmbiguousOutcomeError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    CascoError,
    ConfigurationError,
    ConflictError,
    DocumentError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    TLSVerificationError,
    ValidationError,
)

__all__ = [
    "EXIT_AMBIGUOUS",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "CliError",
    "from_casco_error",
    "one_line",
    "printable",
    "without_userinfo",
]

PROG = "casco-async"

EXIT_OK = 0
"""Everything succeeded."""
EXIT_FAILED = 1
"""Some refs of a bulk run failed, or the API refused or could not answer a single command."""
EXIT_USAGE = 2
"""Bad arguments or configuration: nothing (more) was sent; fix the command line or environment."""
EXIT_AMBIGUOUS = 3
"""`issue-policy`: the request was sent but its answer was lost; the policy may exist."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C); a bulk run continues with ``--resume``."""

# A message is one line: long API messages (field error lists) are cut here.
_MAX_MESSAGE = 400


# userinfo in a URL (https://user:secret@host): never echoed, whatever carried it.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s?#]*@")


def printable(text: str) -> str:
    """`text` safe for a terminal: control, format (bidi) and unpaired characters escaped.

    An input ref or a server message with ``ESC[2J`` or a right-to-left override would
    otherwise act on the user's terminal; it is shown as ``\\x1b[2J`` instead.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
        elif unicodedata.category(char) == "Zs" or char in "\t\n\r":
            out.append(" " if char != "\n" else char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    return "".join(out)


def without_userinfo(text: str) -> str:
    """`text` with the ``user:password@`` of any URL in it removed."""
    return _USERINFO.sub(r"\1", text)


def one_line(text: str, limit: int = _MAX_MESSAGE) -> str:
    """`text` on a single line, printable, without URL userinfo, at most `limit` characters."""
    flat = " ".join(printable(without_userinfo(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CliError(Exception):
    """A failure to report as ``casco-async: error: <what>; <fix>`` with exit code `code`."""

    def __init__(self, what: str, fix: str, code: int = EXIT_USAGE) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix
        self.code = code

    def line(self) -> str:
        """The single stderr line."""
        text = f"{PROG}: error: {one_line(self.what)}"
        return f"{text}; {one_line(self.fix)}" if self.fix else text


def _details(error: CascoError) -> str:
    """The API's message, with its status and field errors, without the SDK's operation name."""
    text = error.message
    if error.status_code is not None:
        text = f"{text} (HTTP {error.status_code})"
    if error.field_errors:
        fields = "; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in error.field_errors.items())
        text = f"{text}: {fields}"
    return text


def from_casco_error(error: CascoError, what: str, base_url: str = "") -> CliError:
    """The `CliError` for an SDK error met while doing `what` (e.g. ``"downloading offer 7"``)."""
    where = f" at {without_userinfo(base_url)}" if base_url else ""
    detail = _details(error)
    if isinstance(error, AmbiguousOutcomeError):
        # Checked first: it must never be mistaken for a plain failure that is safe to retry.
        status = f" (HTTP {error.status_code})" if error.status_code is not None else ""
        ticket = f"; correlation id {error.correlation_id}" if error.correlation_id else ""
        return CliError(
            f"{what}: the request was sent but no usable answer came back{status}, so the policy "
            f"may or may not exist{ticket}",
            "do not pay or issue twice: run the same issue-policy command again once the API "
            "answers - it issues the policy if the first attempt did not, or fails with "
            "'conflict' (policy already exists) if it did",
            EXIT_AMBIGUOUS,
        )
    if isinstance(error, ConfigurationError):
        return CliError(f"{what}: {error.message}", "check --base-url and CASCO_* variables")
    if isinstance(error, AuthenticationError):
        return CliError(
            f"{what}: the API refused the credentials ({detail})",
            "check CASCO_ACCOUNT and CASCO_PASSWORD",
        )
    if isinstance(error, PermissionDeniedError):
        return CliError(
            f"{what}: not allowed for this account ({detail})",
            "ask the broker to enable it for CASCO_ACCOUNT",
            EXIT_FAILED,
        )
    if isinstance(error, NotFoundError):
        return CliError(
            f"{what}: not found ({detail})",
            "check the id (offers and policies belong to the account that made them)",
            EXIT_FAILED,
        )
    if isinstance(error, ConflictError):
        return CliError(
            f"{what}: conflict ({detail})",
            "the offer already has a policy or has expired; download the policy or quote again",
            EXIT_FAILED,
        )
    if isinstance(error, ValidationError):
        return CliError(f"{what}: the request is invalid ({detail})", "correct the values named")
    if isinstance(error, RateLimitError):
        return CliError(
            f"{what}: rate limited ({detail})", "wait a moment and try again", EXIT_FAILED
        )
    if isinstance(error, InternalServerError):
        return CliError(
            f"{what}: the API or the insurer failed ({detail})", "try again later", EXIT_FAILED
        )
    if isinstance(error, TLSVerificationError):
        return CliError(
            f"{what}: the TLS certificate of the API{where} could not be verified "
            f"({error.message})",
            "check CASCO_BASE_URL; behind a TLS-inspecting proxy point SSL_CERT_FILE at its CA "
            "bundle (not retried: a retry meets the same certificate)",
            EXIT_FAILED,
        )
    if isinstance(error, APITimeoutError):
        return CliError(
            f"{what}: no answer from the API{where} in time ({error.message})",
            "check the network and CASCO_BASE_URL, or try again later",
            EXIT_FAILED,
        )
    if isinstance(error, APIConnectionError):
        return CliError(
            f"{what}: cannot reach the API{where} ({error.message})",
            "check the network and CASCO_BASE_URL (or --base-url)",
            EXIT_FAILED,
        )
    if isinstance(error, DocumentError) and error.path is not None:
        if error.errno is None:  # the only disk refusal without a system error: it exists
            return CliError(
                f"{what}: {error.path} already exists",
                "pass --overwrite to replace it, or choose another path",
                EXIT_FAILED,
            )
        return CliError(
            f"{what}: cannot write {error.path}: {os.strerror(error.errno)}",
            "free space or choose a writable path",
            EXIT_FAILED,
        )
    if isinstance(error, DocumentError):
        return CliError(f"{what}: {error.message}", "try again; report it if it persists", 1)
    if isinstance(error, ResponseValidationError) and 300 <= (error.status_code or 0) < 400:
        # Redirects are never followed (the Token must not leave the API): say which it was.
        return CliError(
            f"{what}: the API{where} answered with a redirect (HTTP {error.status_code}), "
            "which is not followed",
            "check CASCO_BASE_URL (the exact https:// address); a proxy or a captive portal "
            "may be answering instead of the API",
            EXIT_FAILED,
        )
    if isinstance(error, ResponseValidationError):
        return CliError(
            f"{what}: the API's answer cannot be understood ({error.message})",
            "check CASCO_BASE_URL points at a CascoApi; report it if it does",
            EXIT_FAILED,
        )
    return CliError(f"{what}: {detail}", "try again; run with --verbose for details", EXIT_FAILED)
