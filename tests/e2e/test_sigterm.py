"""SIGTERM to the real bot process in the middle of a fan-out: a clean exit 0, then the rest, once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.alerts.records import Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from tests.conftest import Clock
from tests.discord_emu import Emulator

ROOT = Path(__file__).resolve().parents[2]


async def start_bot(emu: Emulator, data: Path, home: int) -> asyncio.subprocess.Process:
    emu.connected.clear()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.sigterm_runner",
        emu.base_url,
        emu.gateway_url,
        str(data),
        str(home),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    await asyncio.wait_for(emu.connected.wait(), 30)
    return proc


async def test_sigterm_mid_fan_out_exits_cleanly_and_the_restart_finishes(emu: Emulator, tmp_path: Path) -> None:
    home = emu.add_guild("Home")
    channels = [emu.add_channel(home.guild, f"c{i}") for i in range(120)]
    app = App.open(tmp_path / "race.json", clock=Clock(datetime(2020, 1, 1, tzinfo=UTC)))
    app.store.run(lambda s: [save_subscription(s, Subscription(f"s{c.id}", home.guild.id, c.id)) for c in channels])
    app.facts.set_date(Actor("1", "test"), "see-1-launch", "2027-07", "", "", IsoStyle(), confirm=False)
    del app  # the alert is in the outbox on disk, due long ago

    emu.delay("/messages", 0.05)
    bot = await start_bot(emu, tmp_path, home.guild.id)
    for _ in range(600):
        if sum(len(emu.channel_messages(c.id)) for c in channels) >= 20:
            break
        await asyncio.sleep(0.01)
    bot.send_signal(signal.SIGTERM)
    started = asyncio.get_running_loop().time()
    code = await asyncio.wait_for(bot.wait(), 20)
    stderr = (await bot.stderr.read()).decode()
    assert code == 0, stderr[-2000:]
    assert asyncio.get_running_loop().time() - started < 15
    assert "stopping: finishing in-flight deliveries" in stderr and "emulator-token" not in stderr
    partial = sum(len(emu.channel_messages(c.id)) for c in channels)
    assert 20 <= partial < 120

    emu.clear_faults()
    again = await start_bot(emu, tmp_path, home.guild.id)
    for _ in range(1000):
        if sum(len(emu.channel_messages(c.id)) for c in channels) >= 120:
            break
        await asyncio.sleep(0.02)
    again.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(again.wait(), 20) == 0
    assert [len(emu.channel_messages(c.id)) for c in channels] == [1] * 120
