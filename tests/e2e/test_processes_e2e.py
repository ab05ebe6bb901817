"""Two real bot processes, one PostgreSQL database, one (emulated) Discord: shard 0 and shard 1 of 2.

The first process is killed with SIGKILL in the middle of a fan-out to 200 channels; the other takes
over its lapsed claims and the election, and every channel gets the alert exactly once. The
commands are synced once, by whichever process started first.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.alerts.records import Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from tests.conftest import Clock
from tests.discord_emu import Emulator
from tests.e2e.conftest import CLOSED

ROOT = Path(__file__).resolve().parents[2]
LEASE = 4  # seconds: each process claims what it sends in a quarter of it (24 per second: 24)


async def start(emu: Emulator, env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("wb") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.e2e.process_runner",
            emu.base_url,
            emu.gateway_url,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=out,
        )


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def test_two_processes_one_killed_mid_fan_out_every_channel_gets_the_alert_once(
    emu: Emulator, pg_url: str, tmp_path: Path
) -> None:
    zero, one = emu.add_guild("Zero", shard=(0, 2)), emu.add_guild("One", shard=(1, 2))
    channels = [emu.add_channel(w.guild, f"c{i}") for w in (zero, one) for i in range(100)]
    app = App.open(None, clock=Clock(datetime(2020, 1, 1, tzinfo=UTC)), database_url=pg_url)
    app.store.run(lambda s: [save_subscription(s, Subscription(f"s{c.id}", c.guild_id, c.id)) for c in channels])
    app.facts.set_date(Actor("1", "test"), "see-1-launch", "2027-07", "", "", IsoStyle(), confirm=False)
    app.store.close()  # the alert is in the outbox, due long ago

    emu.delay("/messages", 0.05)
    common = {
        "DATABASE_URL": pg_url,
        "SHARD_COUNT": "2",
        "DELIVERY_LEASE_SECONDS": str(LEASE),
        "HOME_GUILD_ID": str(zero.guild.id),
        "DATA_DIR": str(tmp_path),
        "LL2_BASE_URL": CLOSED,
        "SNAPI_BASE_URL": CLOSED,
    }
    logs = tmp_path / "first.log", tmp_path / "second.log"
    first = await start(emu, {**common, "SHARD_IDS": "0"}, logs[0])
    try:
        await emu.wait_shards({0}, count=2, timeout=30)
        await until(lambda: "elected to run the scheduled jobs" in logs[0].read_text(), 30, "the first election")
        second = await start(emu, {**common, "SHARD_IDS": "1"}, logs[1])
        try:
            await emu.wait_shards({0, 1}, count=2, timeout=30)
            sent = lambda: sum(1 for c in channels if emu.channel_messages(c.id))  # noqa: E731
            await until(lambda: sent() >= 40, 30, "the fan-out to start")
            first.send_signal(signal.SIGKILL)  # mid fan-out: claimed, some sent and not recorded
            await first.wait()
            at_kill = sent()
            assert at_kill < 200
            await until(lambda: sent() == 200, 60, "every channel")
            await asyncio.sleep(LEASE + 1)  # time for any duplicate to show
            assert [len(emu.channel_messages(c.id)) for c in channels] == [1] * 200
            second_log = logs[1].read_text()
            assert "took over" in second_log  # the dead process's claims, after the lease
            assert "took over" not in logs[0].read_text()  # nothing lapsed while its holder lived
            assert "elected to run the scheduled jobs" in second_log  # and its jobs
            assert "commands unchanged; not syncing" in second_log
            assert [guild for guild, _ in emu.sync_payloads] == [None, zero.guild.id]  # synced once, by the first
        finally:
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 20) == 0, logs[1].read_text()[-2000:]
    finally:
        if first.returncode is None:
            first.kill()
            await first.wait()
