"""Benchmark the streaming envelope decoder against ``json.loads`` + ``base64.b64decode``.

Not a test: run it by hand, e.g. ``.venv/bin/python scripts/bench_pdf_decoder.py --mb 100``.

For a random payload (a stand-in for a PDF: random bytes are the worst case for base64, with
``/`` in 1 of 64 characters), it builds the envelope the way the PHP server writes it, with
``/`` escaped as ``\\/`` (PHP's default) and unescaped, then times

* the baseline: ``json.loads(body)`` then ``base64.b64decode(content)``, on the whole body;
* the decoder: :class:`EnvelopeDecoder` fed the body in 64 KiB chunks (cut beforehand, as a
  network client would receive them), counting the decoded bytes.

Each measurement is the best of ``--repeat`` runs; throughput is payload MB per second.
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casco_async._envelope_decoder import EnvelopeDecoder, FileData

CHUNK = 64 * 1024


def build_body(payload: bytes, *, escape_slashes: bool) -> bytes:
    """The envelope as the vendor's server writes it (compact, ``\\/`` if PHP defaults)."""
    content = base64.b64encode(payload)
    if escape_slashes:
        content = content.replace(b"/", b"\\/")
    return (
        b'{"error":false,"status":200,"data":{"files":[{"type":"Offer","name":"offer-123.pdf",'
        b'"content":"' + content + b'"}]}}'
    )


def baseline(body: bytes) -> int:
    """The non-streaming way: parse everything, then decode the string."""
    envelope = json.loads(body)
    return len(base64.b64decode(envelope["data"]["files"][0]["content"]))


def streaming(chunks: list[bytes]) -> int:
    """The decoder, fed chunk by chunk; events are consumed (counted) as they come."""
    decoder = EnvelopeDecoder()
    total = 0
    for chunk in chunks:
        for event in decoder.feed(chunk):
            if isinstance(event, FileData):
                total += len(event.data)
    decoder.close()
    return total


def timed(func: Callable[[], int]) -> tuple[float, int]:
    """Wall time of one run (GC off while timing, as timeit does) and its result."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = func()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def best_of(repeat: int, *funcs: Callable[[], int]) -> list[tuple[float, int]]:
    """Smallest wall time of each function over ``repeat`` rounds.

    The functions take turns within each round, so that a load change on the machine during the
    benchmark hits them alike.
    """
    best: list[tuple[float, int]] = [(float("inf"), 0)] * len(funcs)
    for _ in range(repeat):
        for k, func in enumerate(funcs):
            elapsed, result = timed(func)
            if elapsed < best[k][0]:
                best[k] = (elapsed, result)
    return best


def main() -> None:
    """Run the comparison and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="payload size in MiB (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    args = parser.parse_args()

    payload = os.urandom(args.mb * 1024 * 1024)
    size_mb = len(payload) / 1e6
    print(f"payload {size_mb:.1f} MB, chunks of {CHUNK // 1024} KiB, best of {args.repeat}")
    header = f"{'slashes':<10}{'body MB':>9}{'baseline MB/s':>15}{'decoder MB/s':>14}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    for escape in (True, False):
        body = build_body(payload, escape_slashes=escape)
        chunks = [body[k : k + CHUNK] for k in range(0, len(body), CHUNK)]
        # Correctness first (untimed): same bytes as the payload.
        decoder = EnvelopeDecoder()
        out = bytearray()
        for chunk in chunks:
            for event in decoder.feed(chunk):
                if isinstance(event, FileData):
                    out += event.data
        decoder.close()
        assert out == payload, "decoder output differs from the payload"
        del out, decoder

        (t_base, n_base), (t_dec, n_dec) = best_of(
            args.repeat,
            lambda body=body: baseline(body),  # type: ignore[misc]
            lambda chunks=chunks: streaming(chunks),  # type: ignore[misc]
        )
        assert n_base == n_dec == len(payload)
        label = "escaped" if escape else "plain"
        print(
            f"{label:<10}{len(body) / 1e6:>9.1f}{size_mb / t_base:>15.0f}"
            f"{size_mb / t_dec:>14.0f}{t_base / t_dec:>7.2f}x"
        )
        del body, chunks


if __name__ == "__main__":
    main()
