"""Benchmark: many alerts in a row on one database, each fanned out to every subscribed channel
through discord.py and the local Discord API emulator (50 requests/s global, 5 messages per 5 s
per channel), on a file-backed database.

What it shows is whether an alert costs what it changes or what the history weighs: for each
alert, the time as a ratio of the floor (channels / 50 s), the CPU spent by the bot (the process
minus the emulator, which runs its own event loop in its own thread so the two can be told
apart), and the database file's size once the alert's deliveries are folded into its summary,
with what the alert tables (outbox, deliveries, summaries) and the edit history weigh in it:
each alert here is caused by an admin edit, and edits are kept for /facts history and undo.

Run: .venv/bin/python bench/bench_fanout_series.py [--alerts 20] [--channels 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.alerts.outbox import outbox_depth  # noqa: E402
from bot.alerts.records import Subscription, insert_many  # noqa: E402
from bot.app import App  # noqa: E402
from bot.core.changes import Actor  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from bot.infra.config import Settings  # noqa: E402
from bot.infra.store import Store  # noqa: E402
from bot.shells.discord.bot import RaceBot  # noqa: E402
from tests.conftest import Clock  # noqa: E402
from tests.discord_emu import Emulator, run_bot  # noqa: E402

T = TypeVar("T")


class EmulatorThread:
    """The emulator on its own event loop in its own thread, so its CPU time can be read apart."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="emulator", daemon=True)
        self.thread.start()
        self.emu: Emulator = self.call(self._start())

    def call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result()

    @staticmethod
    async def _start() -> Emulator:
        emu = Emulator()
        await emu.start()
        return emu

    def cpu(self) -> float:
        """CPU seconds the emulator's thread has used so far."""

        async def thread_time() -> float:
            return time.thread_time()

        return self.call(thread_time())

    def stop(self) -> None:
        self.call(self.emu.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


ALERT_TABLES = ("outbox", "deliveries", "delivery_summaries")


def stored(path: Path) -> tuple[int, int, float, float]:
    """(delivery documents, summaries, KB in the alert tables, KB in the edit history) in the file."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    weight = {name: len(json.dumps(doc.get(name, {}), ensure_ascii=False, separators=(",", ":"))) for name in doc}
    alert_kb = sum(weight.get(name, 0) for name in ALERT_TABLES) / 1e3
    return len(doc.get("deliveries", {})), len(doc.get("delivery_summaries", {})), alert_kb, weight["history"] / 1e3


async def deliver(bot: RaceBot, clock: Clock) -> dict[str, int]:
    """One tick, then more (with the bot's clock moved past the backoff) until nothing waits: a send
    discord.py gave up on after repeated 429s is retried by the bot, and counted in the alert's time."""
    results: dict[str, int] = {}
    for _ in range(10):
        report = await bot.dispatcher.tick()
        for result, count in report.results.items():
            results[result] = results.get(result, 0) + count
        if not await bot.app.store.arun(outbox_depth):
            break
        clock.advance(600)
    return results


async def main(alerts: int, channels: int) -> None:
    server = EmulatorThread()
    emu = server.emu
    home = emu.add_guild("Home")  # before the bot connects: the emulator's loop is idle
    targets = [emu.add_channel(home.guild, f"c{i}") for i in range(channels)]
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    floor = channels / 50
    print(f"{alerts} alerts x {channels} channels, floor {floor:.1f} s each", flush=True)
    print("alert  total s  ratio   bot CPU s  emu CPU s  file MB  deliveries  summaries  alert KB  history KB  "
          "429s  retried  load", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "race.json"
        app = App.open(path, clock=clock)
        settings = Settings(data_dir=Path(tmp), home_guild_id=home.guild.id, health_port=0)
        bot = RaceBot(settings, app, guild_ready_timeout=0.05)
        async with run_bot(bot, emu):
            bot.scheduler.pause()

            def subscribe_all(store: Store) -> None:
                insert_many(store, [Subscription(f"{home.guild.id}-{c.id}", home.guild.id, c.id) for c in targets])

            await app.store.arun(subscribe_all)
            print(f"before the first alert: file {path.stat().st_size / 1e6:.2f} MB", flush=True)
            for n in range(alerts):
                date = f"{2027 + n // 12}-{n % 12 + 1:02d}"  # a new month each time: one alert each
                outcome = bot.admin.set_date(Actor("1", "bench"), "see-1-launch", date, "", "", IsoStyle(),
                                             confirm=False)
                assert outcome.pending is None
                clock.advance(61)
                limited, cpu, emu_cpu = emu.stats.rate_limited, process_cpu(), server.cpu()
                started = time.perf_counter()
                results = await deliver(bot, clock)
                elapsed = time.perf_counter() - started
                emu_used = server.cpu() - emu_cpu
                bot_used = process_cpu() - cpu - emu_used
                assert results.get("sent") == channels, results
                deliveries, summaries, alert_kb, history_kb = stored(path)
                print(f"{n + 1:5d}  {elapsed:7.2f}  {elapsed / floor:.3f}x  {bot_used:9.2f}  {emu_used:9.2f}  "
                      f"{path.stat().st_size / 1e6:7.3f}  {deliveries:10d}  {summaries:9d}  {alert_kb:8.1f}  "
                      f"{history_kb:10.1f}  {emu.stats.rate_limited - limited:4d}  {results.get('retry', 0):7d}  "
                      f"{os.getloadavg()[0]:4.1f}", flush=True)
    delivered = [len(emu.channel_messages(c.id)) for c in targets]
    print(f"delivered {sum(delivered)} of {alerts * channels}; every channel got {sorted(set(delivered))} "
          f"(duplicates {sum(delivered) - alerts * channels}); 429 responses {emu.stats.rate_limited}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; pid {os.getpid()}")
    server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=20)
    parser.add_argument("--channels", type=int, default=5000)
    args = parser.parse_args()
    asyncio.run(main(args.alerts, args.channels))
