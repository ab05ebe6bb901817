"""Benchmark: one alert fanned out to 1,000 channels through discord.py and the local Discord API
emulator, with Discord's limits (50 requests/s global, 5 messages per 5 s per channel).

The floor is 1,000 / 50 = 20 s. Reports the total time as a ratio of that floor, the number of
429 responses, and memory (peak RSS before and after the fan-out).

Run: .venv/bin/python bench/bench_fanout.py [--channels 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.alerts.records import Subscription  # noqa: E402
from bot.alerts.subscriptions import save_subscription  # noqa: E402
from bot.app import App  # noqa: E402
from bot.core.changes import Actor  # noqa: E402
from bot.core.dates import IsoStyle  # noqa: E402
from bot.infra.config import Settings  # noqa: E402
from bot.shells.discord.bot import RaceBot  # noqa: E402
from tests.conftest import Clock  # noqa: E402
from tests.discord_emu import Emulator, run_bot  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main(channels: int) -> None:
    emu = Emulator()
    await emu.start()
    home = emu.add_guild("Home")
    targets = [emu.add_channel(home.guild, f"c{i}") for i in range(channels)]
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        app = App.open(Path(tmp) / "race.json", clock=clock)
        service = app.questions
        settings = Settings(data_dir=Path(tmp), home_guild_id=home.guild.id, health_port=0)
        bot = RaceBot(settings, app, guild_ready_timeout=0.05)
        async with run_bot(bot, emu):
            bot.scheduler.pause()

            def subscribe_all(store) -> None:
                for ch in targets:
                    save_subscription(store, Subscription(f"{home.guild.id}-{ch.id}", home.guild.id, ch.id))

            await service.store.arun(subscribe_all)
            outcome = bot.admin.set_date(Actor("1", "bench"), "see-1-launch", "2027-03", "", "", IsoStyle(),
                                         confirm=False)
            assert outcome.pending is None
            clock.advance(61)
            rss_before = rss_mb()
            started = time.perf_counter()
            await bot.dispatcher.tick()
            elapsed = time.perf_counter() - started
            rss_after = rss_mb()
    delivered = sum(len(emu.channel_messages(c.id)) for c in targets)
    floor = channels / 50
    print(f"channels: {channels}, delivered: {delivered}, duplicates: {delivered - channels}")
    print(f"total: {elapsed:.2f} s, floor {floor:.1f} s, ratio {elapsed / floor:.3f}x")
    print(f"429 responses: {emu.stats.rate_limited} (global {emu.stats.rate_limited_global}, "
          f"route {emu.stats.rate_limited_route})")
    print(f"peak RSS before/after the fan-out: {rss_before:.0f} / {rss_after:.0f} MB")
    await emu.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=1000)
    asyncio.run(main(parser.parse_args().channels))
