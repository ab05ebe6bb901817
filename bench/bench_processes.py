"""Benchmark: one alert to N channels on each backend, and shared by two bot processes on PostgreSQL.

Three runs, each on a fresh emulator (its own thread, so its CPU is apart) and a fresh database:

* ``tinydb``: one bot on the file store (the default);
* ``postgresql``: one bot on PostgreSQL (a server this script starts in a temporary directory);
* ``postgresql x2``: two bots, shards 0 and 1 of 2, on one PostgreSQL database, half the channels
  in a server on each shard. They claim deliveries from each other (bot.alerts.outbox.claim_due)
  and each keeps to half of Discord's global rate, which counts the bot, not the process. The two
  run in this one process (one event loop), so their CPU is the sum of both.

The floor is N / 50 s whichever way it is sent. Reports time ÷ floor, the bot's CPU, duplicates
(channels with more than one message) and 429 responses.

Run: .venv/bin/python bench/bench_processes.py [--channels 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_fanout_series import EmulatorThread, process_cpu  # noqa: E402
from bot.alerts.outbox import outbox_depth  # noqa: E402
from bot.alerts.records import Subscription, insert_many  # noqa: E402
from bot.app import App  # noqa: E402
from bot.core.changes import Actor  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from bot.infra.config import Settings  # noqa: E402
from bot.infra.store import Store  # noqa: E402
from bot.shells.discord.bot import RaceBot, make_bot  # noqa: E402
from tests.conftest import Clock  # noqa: E402
from tests.discord_emu import run_bot  # noqa: E402
from tests.pg import running_server  # noqa: E402


async def until_delivered(bots: list[RaceBot]) -> None:
    """Each bot ticks until nothing waits in the outbox (a bot that finds nothing to claim looks again)."""

    async def drain(bot: RaceBot) -> None:
        while await bot.app.store.arun(outbox_depth):
            await bot.dispatcher.tick()
            await asyncio.sleep(0.05)

    await asyncio.gather(*(drain(bot) for bot in bots))


async def fan_out(label: str, channels: int, open_app: Callable[[Clock], App], processes: int) -> None:
    server = EmulatorThread()
    emu = server.emu
    worlds = [emu.add_guild(f"Shard {k}", shard=(k, processes) if processes > 1 else None) for k in range(processes)]
    targets = [emu.add_channel(worlds[i % processes].guild, f"c{i}") for i in range(channels)]
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        apps = [open_app(clock) for _ in range(processes)]
        bots = [make_bot(_settings(Path(tmp), apps[0], k, processes), app, guild_ready_timeout=0.05)
                for k, app in enumerate(apps)]  # fmt: skip
        runs = [run_bot(bot, emu) for bot in bots]
        for run in runs:
            await run.__aenter__()
        try:
            for bot in bots:
                bot.scheduler.pause()

            def subscribe_all(store: Store) -> None:
                insert_many(store, [Subscription(f"s{c.id}", c.guild_id, c.id) for c in targets])

            await apps[0].store.arun(subscribe_all)
            outcome = bots[0].admin.set_date(Actor("1", "bench"), "see-1-launch", "2027-03", "", "", IsoStyle(),
                                             confirm=False)  # fmt: skip
            assert outcome.pending is None
            clock.advance(61)
            cpu, emu_cpu, started = process_cpu(), server.cpu(), time.perf_counter()
            await until_delivered(bots)
            elapsed = time.perf_counter() - started
            bot_cpu = process_cpu() - cpu - (server.cpu() - emu_cpu)
        finally:
            for run in reversed(runs):
                await run.__aexit__(None, None, None)
            for app in apps:
                app.store.close()
    counts = [len(emu.channel_messages(c.id)) for c in targets]
    floor = channels / 50
    print(f"{label:15s} {elapsed:8.2f} {elapsed / floor:7.3f}x {bot_cpu:8.2f} {sum(counts):9d} "
          f"{sum(1 for n in counts if n > 1):10d} {emu.stats.rate_limited:5d}", flush=True)  # fmt: skip
    server.stop()


def _settings(data: Path, app: App, shard: int, processes: int) -> Settings:
    url = getattr(app.store, "url", "")
    if processes == 1:
        return Settings(data_dir=data, health_port=0, database_url=url)
    return Settings(data_dir=data, health_port=0, database_url=url, shard_count=processes, shard_ids=(shard,))


async def main(channels: int) -> None:
    print(f"one alert to {channels} channels, floor {channels / 50:.1f} s")
    print("backend         total s   ratio  bot CPU  messages duplicates  429s")
    with tempfile.TemporaryDirectory() as tmp:
        await fan_out("tinydb", channels, lambda clock: App.open(Path(tmp) / "race.json", clock=clock), 1)
    with running_server() as pg:
        for processes in (1, 2):
            url = pg.url(pg.create_database())
            label = "postgresql" if processes == 1 else f"postgresql x{processes}"
            await fan_out(label, channels, lambda clock, url=url: App.open(None, clock=clock, database_url=url),
                          processes)  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=2000)
    asyncio.run(main(parser.parse_args().channels))
