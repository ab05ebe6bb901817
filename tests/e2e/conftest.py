"""Fixtures for end-to-end tests: the emulator on 127.0.0.1 and the real bot connected to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from bot.app import App
from bot.ask.service import RaceService
from bot.infra.config import Settings
from bot.shells.discord.bot import RaceBot
from tests.conftest import Clock
from tests.discord_emu import Emulator, World, run_bot
from tests.ll2_server import FakeLL2
from tests.snapi_server import FakeSNAPI


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()
    if not emulator.expect_rejections:
        assert emulator.rejections == [], "the bot sent payloads Discord would refuse"
        assert emulator.unhandled == [], "the bot called routes the emulator does not know"


CLOSED = "http://127.0.0.1:9"  # the discard port: nothing listens, a connection is refused at once


@dataclass
class Harness:
    emu: Emulator
    bot: RaceBot
    home: World
    other: World
    service: RaceService


@pytest.fixture
def make_bot(tmp_path: Path) -> Callable[..., RaceBot]:
    def make(emu: Emulator, home: World, *, clock: Clock | None = None, **settings) -> RaceBot:
        # Upstream feeds point at a closed local port unless a test starts a stand-in: never the internet.
        base = Settings(
            data_dir=tmp_path,
            home_guild_id=home.guild.id,
            health_port=0,
            ll2_base_url=CLOSED,
            snapi_base_url=CLOSED,
        )
        app = App.open(tmp_path / "race.json", **({"clock": clock} if clock else {}))
        return RaceBot(replace(base, **settings), app, guild_ready_timeout=0.05)

    return make


@pytest.fixture
async def harness(emu: Emulator, make_bot: Callable[..., RaceBot]) -> AsyncIterator[Harness]:
    home = emu.add_guild("Home")
    other = emu.add_guild("Elsewhere")
    bot = make_bot(emu, home)
    async with run_bot(bot, emu):
        yield Harness(emu, bot, home, other, bot.service)


@pytest.fixture
async def upstreams() -> AsyncIterator[tuple[FakeLL2, FakeSNAPI]]:
    """The Launch Library 2 and Spaceflight News API stand-ins, on local ports."""
    ll2, snapi = FakeLL2(), FakeSNAPI()
    await ll2.start()
    await snapi.start()
    yield ll2, snapi
    await ll2.stop()
    await snapi.stop()
