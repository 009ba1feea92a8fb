"""`FileTokenStore` shared by real processes against the sandbox over a socket.

Three worker processes start together on one store: one logs in, the others wait for its lock
and read its token. When the token becomes due they all call again: one renews, the others find
its successor in the store. Counted at the server: 1 login, 1 renewal, no refused refresh token.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import anyio
import pytest

from casco_async import FileTokenStore
from casco_async.sandbox import Sandbox, SandboxConfig, SandboxServer

# Short enough to reach renewal quickly, long enough for three interpreters to start within it.
_LIFETIME = 8.0

_WORKER = textwrap.dedent(
    """
    import json, os, sys, time
    import anyio
    from casco_async import CascoClient, FileTokenStore

    base_url, store_path, go, name = sys.argv[1:5]

    async def main():
        store = FileTokenStore(store_path)
        async with CascoClient(
            base_url=base_url, account="sandbox", password="sandbox", token_store=store
        ) as casco:
            open(go + "." + name, "w").close()  # ready: imported, client built
            while not os.path.exists(go):  # start together
                await anyio.sleep(0.01)
            await casco.nomenclature.counties()
            first = casco.tokens.current
            # Wait until the token is due for renewal (a quarter of its life left), still valid.
            while first.seconds_left() > first.lifetime / 4 - 0.3:
                await anyio.sleep(0.02)
            await casco.nomenclature.counties()
            print(json.dumps({
                "name": name,
                "logins": casco.tokens.authentications,
                "renewals": casco.tokens.renewals,
                "renewed": casco.tokens.current.token != first.token,
            }))

    anyio.run(main)
    """
)


@pytest.fixture
def server() -> object:
    sandbox = Sandbox(SandboxConfig(token_lifetime=_LIFETIME))
    with SandboxServer(sandbox) as running:
        yield running


def test_three_processes_log_in_once_and_renew_once(server: SandboxServer, tmp_path: Path) -> None:
    script = tmp_path / "worker.py"
    script.write_text(_WORKER, "utf-8")
    store = tmp_path / "tokens.json"
    go = tmp_path / "go"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASCO_")}
    workers = [
        subprocess.Popen(
            [sys.executable, str(script), server.base_url, str(store), str(go), f"w{index}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for index in range(3)
    ]
    deadline = time.monotonic() + 60  # however loaded the machine, all three start together
    while not all((tmp_path / f"go.w{index}").exists() for index in range(3)):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(worker.poll() is None for worker in workers), "a worker died early"
        time.sleep(0.05)
    go.write_text("go")
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))

    stats = server.sandbox.stats()
    assert stats["authenticate"]["calls"] == 1, stats["authenticate"]
    assert stats["renewToken"]["calls"] == 1, stats["renewToken"]
    assert stats["renewToken"]["ok"] == 1
    assert sum(report["logins"] for report in reports) == 1
    assert sum(report["renewals"] for report in reports) == 1
    assert all(report["renewed"] for report in reports)  # everyone moved to the new token
    assert store.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "tokens.json.lock").stat().st_mode & 0o777 == 0o600


async def test_a_second_holder_waits_for_the_first(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens.json")
    order: list[str] = []

    async def hold(name: str, delay: float) -> None:
        await anyio.sleep(delay)
        async with store.exclusive():
            order.append(f"{name} in")
            await anyio.sleep(0.2)
            order.append(f"{name} out")

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(hold, "a", 0.0)
        tasks.start_soon(hold, "b", 0.05)
    assert order == ["a in", "a out", "b in", "b out"]


async def test_a_lock_held_too_long_is_given_up_not_fatal(tmp_path: Path) -> None:
    holder = FileTokenStore(tmp_path / "tokens.json")
    impatient = FileTokenStore(tmp_path / "tokens.json", lock_timeout=0.1)
    events: list[str] = []
    async with holder.exclusive():
        events.append("held")
        async with impatient.exclusive():  # goes on unlocked after 0.1 s
            events.append("impatient in while held")
        events.append("still held")
    assert events == ["held", "impatient in while held", "still held"]


def test_lock_timeout_must_be_finite(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lock_timeout"):
        FileTokenStore(tmp_path / "t.json", lock_timeout=float("inf"))
