"""``casco-async demo``: the whole SDK on a bundled fleet, against the embedded sandbox.

What it does, in well under a minute and with no credentials or network:

1. starts the sandbox in this process (uvicorn on 127.0.0.1, a free port);
2. quotes every vehicle of ``demo_fleet.jsonl`` (55 vehicles of Romanian drivers and companies)
   with each of the four insurers through `casco.products.quote_many`, with a progress bar;
3. prints a comparison: per vehicle the cheapest insurer and premium, per insurer its offers,
   wins, average premium and refusals;
4. writes the results as ``quote-bulk --insurers`` would (``quotes.jsonl``), saves the PDFs of
   the cheapest offers of the first vehicles (``--pdfs``, default 5) in ``offers/``;
5. issues a policy for the overall cheapest offer and saves its PDFs in ``policy/``.

The fleet file holds QuoteRequests in the ``quote-bulk`` JSON Lines format, without
``product.motor.startDate``: the demo sets it to tomorrow (Europe/Bucharest) when it runs, so the
bundled data never goes stale. A previous demo's files in the output directory are replaced.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import anyio

from casco_async._bulk import QuoteOutcome
from casco_async._client import CascoClient
from casco_async._document_files import DocumentInfo
from casco_async._errors import CascoError
from casco_async._insurers import KNOWN_INSURERS, retarget

from ._bulk_command import pdf_name
from ._commands import saved_lines
from ._errors import EXIT_FAILED, EXIT_OK, CliError, from_casco_error
from ._inputs import default_start_date
from ._loop import run as run_loop
from ._output import ResultsFile, result_record
from ._progress import Progress, is_terminal
from ._report import money, print_table

__all__ = ["DEFAULT_OUT", "load_fleet", "run_demo"]

DEFAULT_OUT = Path("casco-demo-output")
"""Where the demo writes by default (relative to the working directory)."""

_FLEET = "demo_fleet.jsonl"
_ACCOUNT = _PASSWORD = "sandbox"  # the embedded sandbox's default account
_BUCHAREST = ZoneInfo("Europe/Bucharest")


def load_fleet(start: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The bundled fleet as ``(ref, QuoteRequest)`` pairs, starting on `start` (default: tomorrow).

    `start` is a ``YYYY-MM-DD`` date; the default is computed at run time in the vendor's time
    zone, so the requests always pass the API's "from today" rule.
    """
    day = start or default_start_date()
    text = resources.files(__package__ or "casco_async._cli").joinpath(_FLEET).read_text("utf-8")
    fleet: list[tuple[str, dict[str, Any]]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        request = json.loads(line)
        ref = request.pop("ref")
        request["product"]["motor"]["startDate"] = day
        fleet.append((ref, request))
    return fleet


@dataclass
class _Vehicle:
    ref: str
    request: dict[str, Any]
    outcomes: dict[str, QuoteOutcome] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)

    @property
    def holder(self) -> str:
        person = self.request["product"]["policyholder"]
        if person.get("isLegalEntity"):
            return str(person.get("businessName", ""))
        return f"{person.get('lastName', '')} {person.get('firstName', '')}".strip()

    @property
    def vehicle(self) -> str:
        car = self.request["product"]["vehicle"]
        return f"{car['brand']} {car['model']} {car['yearOfConstruction']}"

    @property
    def best(self) -> dict[str, Any] | None:
        offers = self.record.get("offers") or []
        return offers[0] if offers else None


def run_demo(out_dir: Path, *, pdfs: int = 5, concurrency: int = 16) -> int:
    """Run the demo; 0 when every step worked. Raises `CliError` on a failed step."""
    try:
        from casco_async.sandbox import SandboxServer
    except ImportError as error:
        raise CliError(
            f"the demo needs the sandbox extra ({error.name} is missing)",
            "pip install 'casco-async[sandbox,cli]'",
        ) from None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "offers").mkdir(exist_ok=True)
        (out_dir / "policy").mkdir(exist_ok=True)
    except OSError as error:
        raise CliError(
            f"cannot create {out_dir}: {error.strerror}", "choose another directory with --out"
        ) from None
    fleet = load_fleet()
    try:
        server = SandboxServer().start()
    except (OSError, RuntimeError) as error:
        raise CliError(f"the sandbox did not start: {error}", "try again", EXIT_FAILED) from None
    try:
        demo = _Demo(server.base_url, fleet, out_dir.resolve(), pdfs, concurrency)
        code: int = run_loop(demo.main)
        return code
    finally:
        server.stop()


class _Demo:
    def __init__(
        self,
        base_url: str,
        fleet: list[tuple[str, dict[str, Any]]],
        out_dir: Path,
        pdfs: int,
        concurrency: int,
    ) -> None:
        self.base_url = base_url
        self.vehicles = [_Vehicle(ref, request) for ref, request in fleet]
        self.out_dir = out_dir
        self.pdfs = pdfs
        self.concurrency = concurrency
        self.fancy = is_terminal(sys.stdout)
        self.out = sys.stdout

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    async def main(self) -> int:
        self.say(f"casco-async demo: embedded sandbox listening on {self.base_url}")
        async with CascoClient(
            base_url=self.base_url,
            account=_ACCOUNT,
            password=_PASSWORD,
            max_concurrency=self.concurrency,
        ) as casco:
            elapsed, calls = await self.quote(casco)
            self.say(
                f"{calls} quotes ({len(self.vehicles)} vehicles x {len(KNOWN_INSURERS)} insurers) "
                f"in {elapsed:.1f} s ({calls / max(elapsed, 1e-9):.0f} requests/s)"
            )
            self.say()
            self.write_results()
            self.print_vehicles()
            self.print_insurers()
            offers = await self.save_offers(casco)
            policy_files = await self.issue_cheapest(casco)
        self.say(f"Everything is in {self.out_dir}:")
        self.say(f"  quotes.jsonl  one result line per vehicle ({len(self.vehicles)} lines)")
        for line in offers + policy_files:
            self.say(f"  {line}")
        self.say()
        self.say("Next: the same against a sandbox of your own, with your own files:")
        self.say("  casco-async sandbox --port 8080 &")
        self.say(
            "  export CASCO_BASE_URL=http://127.0.0.1:8080 CASCO_ACCOUNT=sandbox "
            "CASCO_PASSWORD=sandbox"
        )
        self.say("  casco-async quote-bulk fleet.jsonl --out results.jsonl --insurers all")
        return EXIT_OK

    async def quote(self, casco: CascoClient) -> tuple[float, int]:
        by_ref = {vehicle.ref: vehicle for vehicle in self.vehicles}
        items = [
            ((vehicle.ref, insurer), retarget(vehicle.request, insurer))
            for vehicle in self.vehicles
            for insurer in KNOWN_INSURERS
        ]
        started = time.perf_counter()
        with Progress(
            "quoting the demo fleet", len(items), words=("offers", "refused")
        ) as progress:
            async with casco.products.quote_many(items, concurrency=self.concurrency) as outcomes:
                async for outcome in outcomes:
                    tag = outcome.tag
                    assert isinstance(tag, tuple)
                    ref, insurer = tag
                    by_ref[ref].outcomes[insurer] = outcome
                    progress.advance(outcome.ok)
        for vehicle in self.vehicles:
            answers = [(name, vehicle.outcomes[name]) for name in KNOWN_INSURERS]
            vehicle.record = result_record(vehicle.ref, answers, by_insurer=True)
        return time.perf_counter() - started, len(items)

    def write_results(self) -> None:
        path = self.out_dir / "quotes.jsonl"
        path.unlink(missing_ok=True)  # the demo's own output: replaced on every run
        results = ResultsFile.open(path, resume=False)
        try:
            for vehicle in self.vehicles:
                results.write(vehicle.record)
        finally:
            results.close()

    def print_vehicles(self) -> None:
        rows = []
        for vehicle in self.vehicles:
            car = vehicle.request["product"]["vehicle"]
            county = vehicle.request["product"]["policyholder"]["address"]["county"]
            best = vehicle.best
            count = len(vehicle.record.get("offers") or [])
            rows.append(
                [
                    vehicle.ref,
                    f"{vehicle.holder} ({county})",
                    vehicle.vehicle,
                    car.get("usageType", ""),
                    f"{count}/{len(KNOWN_INSURERS)}",
                    best["insurer"] if best else "no offer",
                    money(best["premiumAmount"], best["currency"]) if best else "-",
                ]
            )
        headers = ["ref", "policyholder (county)", "vehicle", "usage", "offers", "cheapest"]
        print_table(
            self.out,
            "Cheapest offer per vehicle",
            [*headers, "premium"],
            rows,
            right={4, 6},
            shrink={1, 2, 3},
            fancy=self.fancy,
        )

    def print_insurers(self) -> None:
        rows = []
        for insurer in KNOWN_INSURERS:
            premiums: list[float] = []
            reasons: Counter[str] = Counter()
            wins = 0
            for vehicle in self.vehicles:
                outcome = vehicle.outcomes[insurer]
                if outcome.error is not None:
                    reasons[outcome.error.message] += 1
                premiums.extend(float(offer.premium_amount) for offer in outcome.offers or [])
                best = vehicle.best
                wins += best is not None and best["insurer"] == insurer
            errors = sum(reasons.values())
            top = reasons.most_common(1)[0][0] if reasons else ""
            rows.append(
                [
                    insurer,
                    str(len(premiums)),
                    str(wins),
                    money(sum(premiums) / len(premiums), "RON") if premiums else "-",
                    str(errors),
                    top[:60],
                ]
            )
        print_table(
            self.out,
            "Per insurer",
            ["insurer", "offers", "wins", "average premium", "refused", "most common reason"],
            rows,
            right={1, 2, 3, 4},
            wrap={5},
            fancy=self.fancy,
        )

    async def save_offers(self, casco: CascoClient) -> list[str]:
        chosen = [vehicle for vehicle in self.vehicles if vehicle.best is not None][: self.pdfs]
        saved: list[DocumentInfo] = []
        failures: list[CliError] = []

        async def save(vehicle: _Vehicle) -> None:
            best = vehicle.best
            assert best is not None
            target = self.out_dir / "offers" / pdf_name(vehicle.ref)
            try:
                # The demo's own output: replaced on every run (see the module doc).
                info = await casco.documents.save_offer(
                    int(best["offerId"]), target, overwrite=True
                )
            except CascoError as error:
                # Collected, not raised: an error inside a task group would arrive wrapped.
                failures.append(from_casco_error(error, f"saving the offer of {vehicle.ref}"))
                return
            saved.append(info)

        async with anyio.create_task_group() as tasks:
            for vehicle in chosen:
                tasks.start_soon(save, vehicle)
        if failures:
            raise failures[0]
        saved.sort(key=lambda info: info.path.name)
        return [self._relative(line) for info in saved for line in saved_lines(info)]

    async def issue_cheapest(self, casco: CascoClient) -> list[str]:
        best = min(
            (vehicle for vehicle in self.vehicles if vehicle.best is not None),
            key=lambda vehicle: float(vehicle.best["premiumAmount"]) if vehicle.best else 0.0,
        )
        offer = best.best
        assert offer is not None
        installments = offer.get("installments") or []
        payment = {
            "method": "receipt",
            "currency": offer["currency"],
            "amount": installments[0]["amount"] if installments else offer["premiumAmount"],
            "date": datetime.now(_BUCHAREST).date().isoformat(),
            "documentNumber": f"DEMO-{offer['offerId']}",
        }
        what = f"issuing a policy for offer {offer['offerId']}"
        try:
            policy = await casco.products.issue_policy(int(offer["offerId"]), payment)
            self.say(
                f"Cheapest offer of the fleet: {best.ref} ({best.vehicle}, {best.holder}) with "
                f"{offer['insurer']} at {money(offer['premiumAmount'], offer['currency'])}; "
                f"policy {policy.series} {policy.number} issued "
                f"(first installment {money(payment['amount'], offer['currency'])} paid)."
            )
            self.say()
            what = f"saving policy {policy.series} {policy.number}"
            info = await casco.documents.save_policy(
                policy.series, policy.number, self.out_dir / "policy", overwrite=True
            )
        except CascoError as error:
            raise from_casco_error(error, what) from None
        return [self._relative(line) for line in saved_lines(info)]

    def _relative(self, line: str) -> str:
        prefix = f"{self.out_dir}/"
        return line[len(prefix) :] if line.startswith(prefix) else line
