"""Sans-IO, push-based decoder for the vendor's JSON envelope carrying base64 documents.

The API returns documents as ``{"error": false, "status": 200, "data": {"files": [{"type": ..,
"name": .., "content": "<base64>"}, ...]}}``. A document can be 100 MB (133 MB of JSON), so the
envelope is parsed incrementally: every JSON value is built as usual, *except* the strings at
``data.files[i].content``, which are base64-decoded on the fly and handed out as
:class:`FileData` events, never stored. Memory stays about one input chunk whatever the size.

Usage::

    decoder = EnvelopeDecoder()
    async for chunk in response.aiter_bytes():
        for event in decoder.feed(chunk):
            ...  # FileStarted / FileData / FileEnded
    decoder.close()  # raises TruncatedError if the body stopped early
    envelope = decoder.envelope  # {"error": ..., "data": {"files": [{..., "content": None}]}}

The whole document is validated as JSON (RFC 8259: no ``NaN``, no trailing data); the content
strings must be strict base64, optionally broken by whitespace (``chunk_split`` style, escaped
or not) and with ``/`` written ``\\/`` as PHP does.

Design: the content strings are the only large part of the document, so they get a fast path
that only runs C-level bytes operations (``find``, ``replace``, ``a2b_base64``) over whole spans
of a chunk. Anything unusual in a span (an error, a literal space, ...) makes the fast path give
up *without changing any state*, and the span is re-run through a slow, character-by-character
reference path that either accepts it with the same result or raises the first error in
document order. So results, including which error is raised and at which offset, do not depend
on how the input was cut into chunks. The rest of the JSON is small and parsed more simply, but
still linearly: no growing buffer is ever re-scanned.
"""

from __future__ import annotations

import binascii
import contextlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias

__all__ = [
    "DecodeError",
    "EnvelopeDecoder",
    "Event",
    "FileData",
    "FileEnded",
    "FileStarted",
    "InvalidBase64Error",
    "MalformedJSONError",
    "TooLargeError",
    "TruncatedError",
]


# --------------------------------------------------------------------------------------------
# Errors


class DecodeError(ValueError):
    """The response body cannot be decoded. Base class of every error raised by the decoder.

    Messages name what is wrong and where (a byte offset into the body), never the body's
    content.

    Attributes:
        offset: Byte offset in the fed input where the problem was found, when known.
    """

    def __init__(self, message: str, *, offset: int | None = None) -> None:
        super().__init__(message if offset is None else f"{message} at byte {offset}")
        self.offset = offset


class MalformedJSONError(DecodeError):
    """The body is not well-formed JSON (syntax error, bad escape, control character, ...)."""


class InvalidBase64Error(DecodeError):
    """A ``data.files[i].content`` string is not valid base64 (bad character or padding)."""


class TruncatedError(DecodeError):
    """The body ended (``close()`` was called) before the JSON document was complete."""


class TooLargeError(DecodeError):
    """The body goes beyond one of the decoder's limits (see :class:`EnvelopeDecoder`).

    Raised as soon as the limit is passed, so memory and disk stay bounded whatever the server
    sends; no offset (where a limit is noticed depends on how the body was cut).
    """


# --------------------------------------------------------------------------------------------
# Events


@dataclass(frozen=True, slots=True)
class FileStarted:
    """The content string of ``data.files[index]`` starts; its data events follow.

    Metadata keys written before ``content`` are available from
    :meth:`EnvelopeDecoder.file_meta` at this point.
    """

    index: int


@dataclass(frozen=True, slots=True)
class FileData:
    """Decoded bytes of ``data.files[index]``, in order; never empty."""

    index: int
    # Kept out of the repr so that logging an event never dumps document content.
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class FileEnded:
    """The content string of ``data.files[index]`` ended and was valid base64.

    Metadata keys written after ``content`` are only known once the file's object is closed,
    i.e. for certain after :meth:`EnvelopeDecoder.close`.
    """

    index: int


#: What :meth:`EnvelopeDecoder.feed` and :meth:`EnvelopeDecoder.close` return.
Event: TypeAlias = FileStarted | FileData | FileEnded


# --------------------------------------------------------------------------------------------
# Parser tables

# Parser states (plain ints: they are compared in the hot loop).
_S_VALUE: Final = 0  # a value is expected (document start, after ':' or after ',' in an array)
_S_ARRAY_FIRST: Final = 1  # just after '[': a value or ']'
_S_OBJ_FIRST: Final = 2  # just after '{': a key or '}'
_S_OBJ_KEY: Final = 3  # after ',' in an object: a key
_S_COLON: Final = 4  # after a key: ':'
_S_AFTER: Final = 5  # after a value: ',' or the closing bracket, or the end of the document
_S_STRING: Final = 6  # inside an ordinary string (key or value)
_S_NUMBER: Final = 7  # inside a number
_S_CONTENT: Final = 8  # inside a data.files[i].content string

# Where a container sits, to recognise data.files[i].content without keeping a path.
_ROLE_OTHER: Final = 0
_ROLE_ROOT: Final = 1  # the top-level object
_ROLE_DATA: Final = 2  # root["data"], an object
_ROLE_FILES: Final = 3  # root["data"]["files"], an array
_ROLE_FILE: Final = 4  # an object in that array

_QUOTE: Final = 0x22
_BACKSLASH: Final = 0x5C
_EQUALS: Final = 0x3D

_WS_RE: Final = re.compile(rb"[ \t\n\r]*")
_WS_BYTES: Final = frozenset(b" \t\n\r")
_NUMBER_CHARS_RE: Final = re.compile(rb"[0-9eE.+\-]*")
_NUMBER_RE: Final = re.compile(rb"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_LITERALS: Final[dict[int, tuple[bytes, bool | None]]] = {
    ord("t"): (b"true", True),
    ord("f"): (b"false", False),
    ord("n"): (b"null", None),
}

_B64_ALPHABET: Final = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_CODES: Final = frozenset(_B64_ALPHABET)
# Whitespace a server may insert into base64 (PHP's chunk_split adds "\r\n"); it is skipped.
_B64_SKIP: Final = frozenset(b" \t\n\r")
# A valid incomplete quantum left over at the end of a span: up to 3 characters, or 2 plus the
# first of two '=' (the second may arrive with the next chunk).
_CARRY_RE: Final = re.compile(rb"[A-Za-z0-9+/]{0,3}|[A-Za-z0-9+/]{2}=")
# An escape cut by the end of the input so far, that may still become valid.
_PARTIAL_ESCAPE_RE: Final = re.compile(rb"\\(?:u[0-9a-fA-F]{0,3})?")
_HEX_PREFIX_RE: Final = re.compile(rb"[0-9a-fA-F]{0,4}")
_U_ESCAPE_RE: Final = re.compile(rb"\\u([0-9a-fA-F]{4})")
_SIMPLE_ESCAPES: Final[dict[int, int]] = {
    ord('"'): ord('"'),
    ord("\\"): ord("\\"),
    ord("/"): ord("/"),
    ord("b"): 0x08,
    ord("f"): 0x0C,
    ord("n"): 0x0A,
    ord("r"): 0x0D,
    ord("t"): 0x09,
}

# Longest content span handled in one go: bounds the temporary copies when a caller feeds a
# huge chunk at once, and keeps FileData events to a reasonable size.
_MAX_SPAN: Final = 1 << 20


class _Frame:
    """An open object or array, with what is needed to attach values to it."""

    __slots__ = ("container", "index", "key", "role")

    def __init__(self, container: dict[str, Any] | list[Any], role: int, index: int) -> None:
        self.container = container
        self.role = role
        # Position in data.files for a _ROLE_FILE object, else -1.
        self.index = index
        # The key whose value is being parsed (objects only).
        self.key = ""


class _GiveUp(Exception):
    """Internal: the content fast path met something it does not handle."""


# --------------------------------------------------------------------------------------------
# The decoder


class EnvelopeDecoder:
    """Incremental decoder of a JSON envelope whose ``data.files[i].content`` is base64.

    Feed the response body in chunks of any size with :meth:`feed`, then call :meth:`close`.
    Both return the events produced, in order. The result never depends on how the body was cut
    into chunks. After the first :class:`DecodeError` the decoder is unusable: every later call
    raises that same error again.

    Limits (None: none) bound what a hostile server can cost; passing one raises
    :class:`TooLargeError` before the offending bytes are handed out:

    - ``max_file_size``: decoded bytes of one file's content;
    - ``max_metadata``: body bytes outside the content strings (every other string, key, number
      and space: the part the decoder keeps in memory), so a 500 MB file *name* stops here;
    - ``max_files``: objects in ``data.files``;
    - ``max_depth``: nested objects and arrays (``[[[[…`` costs a frame per bracket).

    A content string may also not take more than ``4 * max_file_size + max_metadata`` bytes of
    body (base64 is 4/3 of the bytes; PHP's ``\\/`` and ``chunk_split`` line breaks add to it):
    endless whitespace inside a content string decodes to nothing, and stops there too.
    """

    def __init__(
        self,
        *,
        max_file_size: int | None = None,
        max_metadata: int | None = None,
        max_files: int | None = None,
        max_depth: int | None = None,
    ) -> None:
        """Create a decoder waiting for the first byte of the body."""
        self._max_file_size = max_file_size
        self._max_metadata = max_metadata
        self._max_files = max_files
        self._max_depth = max_depth
        self._max_content_raw = (
            None
            if max_file_size is None
            else 4 * max_file_size + (max_metadata if max_metadata is not None else 1 << 20)
        )
        # Body bytes consumed inside content strings (all files), and of the current one, and
        # decoded bytes of the current one: the limits are checked against them.
        self._content_raw_total = 0
        self._content_raw = 0
        self._file_size = 0
        self._state: int = _S_VALUE
        self._stack: list[_Frame] = []
        self._root: Any = None
        self._done = False  # the top-level value is complete
        self._closed = False
        self._error: DecodeError | None = None
        # Unconsumed end of the previous chunk: only ever a few bytes (a cut literal or escape).
        self._tail = b""
        # Absolute offset of the first byte of the buffer being parsed, for error messages.
        self._base = 0
        # Ordinary string in progress: raw (still escaped) pieces, whether the raw bytes so far
        # end in an odd run of backslashes (then a '"' that follows is escaped), start offset.
        self._str_parts: list[bytes] = []
        self._str_odd_backslashes = False
        self._str_is_key = False
        self._str_start = 0
        # Number in progress.
        self._num_parts: list[bytes] = []
        self._num_start = 0
        # Content string in progress: its file, the incomplete base64 quantum (< 4 characters),
        # and whether the final padded quantum was seen (then only whitespace may follow).
        self._file_index = -1
        self._carry = b""
        self._padded = False
        # data.files[i] objects by index, and which ones had their content streamed.
        self._files: dict[int, dict[str, Any]] = {}
        self._streamed: set[int] = set()
        # Tests switch this off to check that the fast path agrees with the reference path.
        self._fast_path = True

    # ----------------------------------------------------------------------------------------
    # Public API

    def feed(self, chunk: bytes | bytearray | memoryview) -> list[Event]:
        """Parse the next chunk of the body and return the events it completes.

        ``FileData`` events follow the chunks: how the body is cut changes how the bytes are
        split between events, never the bytes. When this raises, the events of this chunk are
        lost (the body is unusable anyway).

        Raises:
            MalformedJSONError: the body is not valid JSON.
            InvalidBase64Error: a content string is not valid base64.
            DecodeError: a file's ``content`` appears twice.
            RuntimeError: the decoder was already closed.
        """
        self._check_usable()
        data = chunk if isinstance(chunk, bytes) else bytes(chunk)
        if not data:
            return []
        buf = self._tail + data if self._tail else data
        out: list[Event] = []
        try:
            consumed = self._parse(buf, out)
        except DecodeError as exc:
            self._error = exc
            raise
        self._base += consumed
        self._tail = buf[consumed:]
        limit = self._max_metadata
        if limit is not None and self._base - self._content_raw_total > limit:
            # Checked once per chunk: what is kept beyond the limit is at most one chunk.
            self._error = TooLargeError(
                f"the answer holds more than {limit} bytes besides its documents"
            )
            raise self._error
        return out

    def close(self) -> list[Event]:
        """Signal the end of the body; check that the JSON document is complete.

        Returns the events still pending (currently always none: events are produced as soon as
        their input is fed). Calling it again after success is a no-op.

        Raises:
            TruncatedError: the body ended inside the document (or was empty).
            MalformedJSONError: the body ends with an invalid number.
        """
        if self._closed and self._error is None:
            return []
        self._check_usable()
        try:
            self._finish()
        except DecodeError as exc:
            self._error = exc
            raise
        self._closed = True
        return []

    @property
    def envelope(self) -> Any:
        """The parsed document, with every streamed ``content`` string replaced by ``None``.

        Raises:
            RuntimeError: :meth:`close` has not succeeded yet.
        """
        if not self._closed or self._error is not None:
            raise RuntimeError("the envelope is available only after a successful close()")
        return self._root

    def file_meta(self, index: int) -> dict[str, Any]:
        """Keys of ``data.files[index]`` parsed so far, except ``content`` (a shallow copy).

        Available from the moment the file's object opens, so at :class:`FileStarted` it holds
        the keys (e.g. ``type``, ``name``) that precede ``content``; after :meth:`close` it is
        complete.

        Raises:
            IndexError: no such file object has been seen.
        """
        try:
            obj = self._files[index]
        except KeyError:
            raise IndexError(f"no file object with index {index} seen") from None
        return {key: value for key, value in obj.items() if key != "content"}

    # ----------------------------------------------------------------------------------------
    # Driver

    def _check_usable(self) -> None:
        if self._error is not None:
            raise self._error
        if self._closed:
            raise RuntimeError("the decoder is closed")

    def _parse(self, buf: bytes, out: list[Event]) -> int:
        """Consume ``buf`` as far as possible; return how many bytes were consumed.

        Only a cut literal or a cut escape in a content string is left unconsumed.
        """
        n = len(buf)
        i = 0
        while i < n:
            state = self._state
            if state == _S_CONTENT:
                j = self._content(buf, i, out)
                if j == i:
                    break  # an escape cut by the chunk boundary: wait for the rest
                i = j
                continue
            if state == _S_STRING:
                i = self._string(buf, i)
                continue
            if state == _S_NUMBER:
                i = self._number(buf, i)
                continue

            c = buf[i]
            if c in _WS_BYTES:
                match = _WS_RE.match(buf, i)
                assert match is not None  # the pattern matches the empty string
                i = match.end()
                continue

            if state == _S_AFTER:
                if not self._stack:
                    raise self._malformed("unexpected data after the JSON document", i)
                top = self._stack[-1]
                is_dict = isinstance(top.container, dict)
                if c == 0x2C:  # ','
                    self._state = _S_OBJ_KEY if is_dict else _S_VALUE
                elif c == (0x7D if is_dict else 0x5D):  # '}' or ']'
                    self._close_container()
                else:
                    raise self._malformed("expected ',' or a closing bracket", i)
                i += 1
            elif state in (_S_VALUE, _S_ARRAY_FIRST):
                if c == 0x5D and state == _S_ARRAY_FIRST:  # ']': empty array
                    self._close_container()
                    i += 1
                elif c == _QUOTE:
                    self._start_string_value(i, out)
                    i += 1
                elif c == 0x7B:  # '{'
                    self._open_container({})
                    self._state = _S_OBJ_FIRST
                    i += 1
                elif c == 0x5B:  # '['
                    self._open_container([])
                    self._state = _S_ARRAY_FIRST
                    i += 1
                elif c == 0x2D or 0x30 <= c <= 0x39:  # '-' or a digit
                    self._state = _S_NUMBER
                    self._num_start = self._base + i
                    # i stays: the number handler takes the first character too
                else:
                    literal = _LITERALS.get(c)
                    if literal is None:
                        raise self._malformed("expected a JSON value", i)
                    word, value = literal
                    if buf.startswith(word, i):
                        self._set_value(value)
                        i += len(word)
                    elif i + len(word) > n and word.startswith(buf[i:]):
                        break  # cut by the chunk boundary: keep it as the tail
                    else:
                        raise self._malformed("invalid literal", i)
            elif state in (_S_OBJ_FIRST, _S_OBJ_KEY):
                if c == _QUOTE:
                    self._start_string(is_key=True, i=i)
                elif c == 0x7D and state == _S_OBJ_FIRST:  # '}': empty object
                    self._close_container()
                else:
                    raise self._malformed("expected a string key", i)
                i += 1
            else:  # _S_COLON
                if c != 0x3A:
                    raise self._malformed("expected ':'", i)
                self._state = _S_VALUE
                i += 1
        return i

    def _finish(self) -> None:
        """Implement :meth:`close`: the document must be complete."""
        end = self._base + len(self._tail)
        if self._state == _S_NUMBER:
            text = b"".join(self._num_parts)
            if not self._stack and _NUMBER_RE.fullmatch(text):
                self._finish_number()  # a bare top-level number ends with the body
            elif not _NUMBER_RE.fullmatch(text + b"0"):
                raise MalformedJSONError("invalid number", offset=self._num_start)
        if not self._done:
            if self._base == 0 and not self._tail:
                raise TruncatedError("the body is empty")
            raise TruncatedError("the body ended before the end of the JSON document", offset=end)

    # ----------------------------------------------------------------------------------------
    # Structure

    def _malformed(self, what: str, i: int) -> MalformedJSONError:
        return MalformedJSONError(what, offset=self._base + i)

    def _open_container(self, container: dict[str, Any] | list[Any]) -> None:
        """Attach a new object/array to its parent at once (so file_meta sees it) and enter it."""
        role = _ROLE_OTHER
        index = -1
        is_dict = isinstance(container, dict)
        if self._max_depth is not None and len(self._stack) >= self._max_depth:
            raise TooLargeError(f"the answer nests more than {self._max_depth} levels deep")
        if not self._stack:
            self._root = container
            role = _ROLE_ROOT if is_dict else _ROLE_OTHER
        else:
            parent = self._stack[-1]
            holder = parent.container
            if isinstance(holder, dict):
                holder[parent.key] = container
                if parent.role == _ROLE_ROOT and parent.key == "data" and is_dict:
                    role = _ROLE_DATA
                elif parent.role == _ROLE_DATA and parent.key == "files" and not is_dict:
                    role = _ROLE_FILES
            else:
                holder.append(container)
                if parent.role == _ROLE_FILES and isinstance(container, dict):
                    role = _ROLE_FILE
                    index = len(holder) - 1
                    if self._max_files is not None and index >= self._max_files:
                        raise TooLargeError(f"the answer holds more than {self._max_files} files")
                    self._files[index] = container
        self._stack.append(_Frame(container, role, index))

    def _close_container(self) -> None:
        self._stack.pop()
        self._after_value()

    def _set_value(self, value: Any) -> None:
        """Store a complete scalar value in the current container (or as the document)."""
        if self._stack:
            top = self._stack[-1]
            holder = top.container
            if isinstance(holder, dict):
                holder[top.key] = value
            else:
                holder.append(value)
        else:
            self._root = value
        self._after_value()

    def _after_value(self) -> None:
        self._state = _S_AFTER
        if not self._stack:
            self._done = True

    # ----------------------------------------------------------------------------------------
    # Ordinary strings and numbers

    def _start_string_value(self, i: int, out: list[Event]) -> None:
        """A string value begins at ``buf[i]``: a content string, or an ordinary one."""
        top = self._stack[-1] if self._stack else None
        if top is None or top.role != _ROLE_FILE or top.key != "content":
            self._start_string(is_key=False, i=i)
            return
        index = top.index
        if index in self._streamed:
            # Two content strings for one file (duplicate key, or a second "files" array):
            # which bytes are the document would be a guess.
            raise DecodeError(
                f"data.files[{index}] has more than one content", offset=self._base + i
            )
        self._streamed.add(index)
        # Placeholder, so the key keeps its place in the envelope.
        assert isinstance(top.container, dict)
        top.container["content"] = None
        self._file_index = index
        self._carry = b""
        self._padded = False
        self._content_raw = 0
        self._file_size = 0
        self._state = _S_CONTENT
        out.append(FileStarted(index))

    def _start_string(self, *, is_key: bool, i: int) -> None:
        self._state = _S_STRING
        self._str_is_key = is_key
        self._str_parts = []
        self._str_odd_backslashes = False
        self._str_start = self._base + i

    def _string(self, buf: bytes, i: int) -> int:
        """Find the end of the current ordinary string; decode it once complete.

        Only the closing quote is searched for here (a '"' preceded by an odd run of
        backslashes is escaped); validation and unescaping are left to ``json.loads`` on the
        complete raw string, which is exactly the standard behaviour.
        """
        n = len(buf)
        search = i
        while True:
            q = buf.find(b'"', search)
            if q < 0:
                break
            k = q
            while k > i and buf[k - 1] == _BACKSLASH:
                k -= 1
            odd = (q - k) & 1 == 1
            if k == i and self._str_odd_backslashes:
                odd = not odd  # the run of backslashes started in the previous chunk
            if not odd:
                self._str_parts.append(buf[i:q])
                self._end_string()
                return q + 1
            search = q + 1
        # No closing quote in this chunk: keep the raw bytes, remember the trailing backslashes.
        if i < n:
            self._str_parts.append(buf[i:])
            k = n
            while k > i and buf[k - 1] == _BACKSLASH:
                k -= 1
            odd = (n - k) & 1 == 1
            self._str_odd_backslashes = odd != self._str_odd_backslashes if k == i else odd
        return n

    def _end_string(self) -> None:
        raw = b"".join(self._str_parts)
        self._str_parts = []
        try:
            # The document is UTF-8, decoded like json.loads does for bytes; the string grammar
            # (escapes, control characters) is then checked by json itself.
            value = json.loads('"' + raw.decode("utf-8", "surrogatepass") + '"')
        except ValueError:
            # "from None": the json/unicode error holds the document text.
            raise MalformedJSONError("invalid string", offset=self._str_start) from None
        if not isinstance(value, str):  # pragma: no cover - cannot happen for a quoted string
            raise MalformedJSONError("invalid string", offset=self._str_start)
        if self._str_is_key:
            self._stack[-1].key = value
            self._state = _S_COLON
        else:
            self._set_value(value)

    def _number(self, buf: bytes, i: int) -> int:
        """Collect the characters of a number; convert it at the first other character."""
        match = _NUMBER_CHARS_RE.match(buf, i)
        assert match is not None  # the pattern matches the empty string
        j = match.end()
        self._num_parts.append(buf[i:j])
        if j < len(buf):
            self._finish_number()
        return j

    def _finish_number(self) -> None:
        text = b"".join(self._num_parts)
        self._num_parts = []
        match = _NUMBER_RE.fullmatch(text)
        if match is None:
            raise MalformedJSONError("invalid number", offset=self._num_start)
        try:
            # Same conversions as json.loads: int when there is no fraction nor exponent.
            value: int | float = float(text) if match.group(1) or match.group(2) else int(text)
        except ValueError:  # more digits than int() accepts (sys.get_int_max_str_digits)
            raise MalformedJSONError("number too long", offset=self._num_start) from None
        self._set_value(value)

    # ----------------------------------------------------------------------------------------
    # Content strings

    def _content(self, buf: bytes, i: int, out: list[Event]) -> int:
        """Decode the content string from ``buf[i]``, one span of at most _MAX_SPAN bytes.

        Returns the new position: after the closing quote if the string ended, else the end of
        what could be consumed (``i`` itself if only a cut escape is left).
        """
        limit = min(len(buf), i + _MAX_SPAN)
        q = buf.find(b'"', i, limit)
        final = q >= 0
        end = q if final else limit
        stop = -1
        if self._fast_path:
            with contextlib.suppress(_GiveUp):
                stop = self._content_fast(buf, i, end, final, out)
        if stop < 0:
            stop = self._content_slow(buf, i, end, final, out)
        used = (q + 1 if final else stop) - i
        self._content_raw_total += used
        self._content_raw += used
        if self._max_content_raw is not None and self._content_raw > self._max_content_raw:
            raise TooLargeError(
                f"data.files[{self._file_index}].content is longer than "
                f"{self._max_content_raw} bytes"
            )
        if not final:
            return stop
        out.append(FileEnded(self._file_index))
        self._file_index = -1
        self._after_value()
        return q + 1

    def _content_fast(self, buf: bytes, i: int, end: int, final: bool, out: list[Event]) -> int:
        """Decode ``buf[i:end]`` with bytes-level operations only; raise _GiveUp if unsure.

        It may give up on input that _content_slow accepts (that only costs time), but must never
        accept input that _content_slow refuses, must produce the same bytes and state, and must
        not change any state before it is sure to succeed.
        """
        stop = end
        carry = self._carry
        data: bytes | memoryview
        if buf.find(b"\\", i, end) < 0:
            # Common case: no escape at all, the span is base64 as is, or with literal spaces
            # (the only whitespace a JSON string may hold unescaped), which are skipped.
            if buf.find(b" ", i, end) >= 0:
                data = carry + buf[i:end].replace(b" ", b"")
            else:
                data = carry + buf[i:end] if carry else memoryview(buf)[i:end]
        else:
            text = buf[i:end]
            # An escape cut by the end of the input waits for the next chunk (as the tail).
            cut = text.rfind(b"\\", max(len(text) - 5, 0))
            if cut >= 0 and (
                cut == len(text) - 1 or (text[cut + 1] == 0x75 and len(text) - cut < 6)
            ):
                if final or not _PARTIAL_ESCAPE_RE.fullmatch(text, cut):
                    raise _GiveUp
                text = text[:cut]
                stop = i + cut
            # PHP's case: the only escape is "\/". If every backslash starts a "\/" (as many
            # "\/" as backslashes), deleting the backslashes is the exact unescaping; translate()
            # and count() are much faster than replace(), which pays per occurrence.
            unescaped = text.translate(None, b"\\")
            if text.count(b"\\/") != len(text) - len(unescaped):
                if b"\\\\" in text:
                    # An escaped backslash is never base64; without one, every backslash
                    # starts an escape, which makes the replace() calls below exact.
                    raise _GiveUp
                unescaped = text.replace(b"\\/", b"/")
                # Escaped line breaks, e.g. from chunk_split, are whitespace to skip.
                unescaped = unescaped.replace(b"\\r", b"").replace(b"\\n", b"")
                unescaped = unescaped.replace(b"\\t", b"")
                if b"\\" in unescaped:
                    unescaped = _U_ESCAPE_RE.sub(_unescape_base64_char, unescaped)
                    if b"\\" in unescaped:
                        raise _GiveUp
            text = unescaped
            if b" " in text:
                text = text.replace(b" ", b"")
            data = carry + text if carry else text
        size = len(data)
        aligned = size - (size & 3)
        if (final and aligned != size) or (self._padded and size):
            raise _GiveUp
        view = memoryview(data)
        try:
            decoded = binascii.a2b_base64(view[:aligned], strict_mode=True) if aligned else b""
        except binascii.Error:
            raise _GiveUp from None
        padded = aligned > 0 and view[aligned - 1] == _EQUALS
        if padded and _EQUALS in (view[aligned - 4], view[aligned - 3]):
            # Strict mode still lets a whole "====" quantum through (e.g. "AAAA===="), and any
            # "=" after the final quantum: only "xx==" and "xxx=" are padding.
            raise _GiveUp
        new_carry = bytes(view[aligned:])
        if new_carry and (padded or not _CARRY_RE.fullmatch(new_carry)):
            raise _GiveUp
        # Commit.
        self._carry = new_carry
        self._padded = self._padded or padded
        if decoded:
            self._emit(decoded, out)
        return stop

    def _content_slow(self, buf: bytes, i: int, end: int, final: bool, out: list[Event]) -> int:
        """Reference path: unescape and check ``buf[i:end]`` one character at a time.

        Raises the first error in document order. When ``final``, ``buf[end]`` is the first '"'
        after ``i``; it is scanned too, since a backslash before it makes it an escaped quote
        (which is not base64) rather than the end of the string.
        """
        limit = end + 1 if final else end
        clean = bytearray(self._carry)
        padded = self._padded
        k = i
        while k < limit:
            pos = k
            c = buf[k]
            if c == _QUOTE:
                break  # the closing quote (k == end)
            if c == _BACKSLASH:
                if k + 1 >= limit:
                    break  # cut escape (not final: a quote would follow otherwise)
                e = buf[k + 1]
                if e == 0x75:  # 'u'
                    digits = buf[k + 2 : min(k + 6, limit)]
                    if not _HEX_PREFIX_RE.fullmatch(digits):
                        raise self._malformed("invalid \\u escape", pos)
                    if len(digits) < 4:
                        break  # cut escape, as above
                    code = int(digits, 16)
                    k += 6
                else:
                    simple = _SIMPLE_ESCAPES.get(e)
                    if simple is None:
                        raise self._malformed("invalid escape", pos)
                    code = simple
                    k += 2
            elif c < 0x20:
                raise self._malformed("control character in a string", pos)
            else:
                code = c
                k += 1
            if code in _B64_SKIP:
                continue
            quantum = len(clean) & 3  # clean starts with the carry, at a quantum boundary
            if code == _EQUALS:
                if padded or quantum < 2:
                    raise InvalidBase64Error("misplaced base64 padding", offset=self._base + pos)
                clean.append(code)
                padded = quantum == 3
            elif code in _B64_CODES:
                if padded or (quantum == 3 and clean[-1] == _EQUALS):
                    raise InvalidBase64Error("base64 data after padding", offset=self._base + pos)
                clean.append(code)
            else:
                raise InvalidBase64Error("invalid base64 character", offset=self._base + pos)
        if final and len(clean) & 3:
            raise InvalidBase64Error(
                "base64 data ends with an incomplete quantum", offset=self._base + end
            )
        aligned = len(clean) - (len(clean) & 3)
        try:
            decoded = binascii.a2b_base64(clean[:aligned], strict_mode=True)
        except binascii.Error:  # pragma: no cover - the checks above match strict mode
            raise InvalidBase64Error("invalid base64", offset=self._base + i) from None
        self._carry = bytes(clean[aligned:])
        self._padded = padded
        if decoded:
            self._emit(decoded, out)
        return k

    def _emit(self, decoded: bytes, out: list[Event]) -> None:
        """Hand out decoded bytes of the current file, unless they pass ``max_file_size``."""
        self._file_size += len(decoded)
        if self._max_file_size is not None and self._file_size > self._max_file_size:
            raise TooLargeError(
                f"data.files[{self._file_index}] is larger than {self._max_file_size} bytes"
            )
        out.append(FileData(self._file_index, decoded))


def _unescape_base64_char(match: re.Match[bytes]) -> bytes:
    """``re.sub`` callback for ``\\uXXXX`` in content: the base64 character, or "" for space.

    Anything else cannot be valid base64: _GiveUp sends the span to the slow path, which
    reports the error at its exact offset.
    """
    code = int(match.group(1), 16)
    if code in _B64_SKIP:
        return b""
    if code in _B64_CODES or code == _EQUALS:
        return bytes((code,))
    raise _GiveUp
