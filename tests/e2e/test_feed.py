"""/feed status and /feed poll through discord.py and the emulator, against the LL2 and SNAPI stand-ins."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from bot.core.changes import Actor
from bot.shells.discord.bot import RaceBot
from tests.discord_emu import Emulator, World, run_bot
from tests.ll2_server import FakeLL2, launch, update
from tests.snapi_server import FakeSNAPI, article

LAUNCH = "0b7c0c2e-6f1d-4f57-9f59-1c2d3e4f5a6b"
ADMIN = Actor("test", "test setup")


@dataclass
class Feeds:
    emu: Emulator
    home: World
    bot: RaceBot
    ll2: FakeLL2
    snapi: FakeSNAPI


def bot_on_feeds(
    emu: Emulator, make_bot: Callable[..., RaceBot], home: World, ll2: FakeLL2, snapi: FakeSNAPI
) -> RaceBot:
    """The bot pointed at the stand-ins, with SEE-1's launch tracked (LL2 moved it to mid-June 2030),
    SEE given news keywords and one recent SNAPI article about the launch."""
    bot = make_bot(
        emu,
        home,
        ll2_base_url=f"http://127.0.0.1:{ll2.port}",
        ll2_requests_per_hour=2,
        snapi_base_url=f"http://127.0.0.1:{snapi.port}",
    )
    app = bot.app
    app.editor.apply(app.editor.track(ADMIN, "see-1-launch", LAUNCH))
    app.kb.contenders["see"].news_keywords = ["SEE-1", "Space Entertainment"]
    ll2.launches[LAUNCH] = launch(
        LAUNCH,
        "2030-06-15T00:00:00Z",
        precision=5,
        status=8,
        name="SEE-1",
        updates=[update("Moved to mid-June 2030 while the studio module is built.", "2030-01-01T00:00:00Z")],
    )
    snapi.add(article(101, "SEE-1 studio module passes review", launches=(LAUNCH,), published="2030-01-01T00:00:00Z"))
    return bot


@pytest.fixture
async def feeds(
    emu: Emulator, make_bot: Callable[..., RaceBot], upstreams: tuple[FakeLL2, FakeSNAPI]
) -> AsyncIterator[Feeds]:
    """The bot pointed at the stand-ins, with SEE-1's launch tracked and SEE given news keywords."""
    ll2, snapi = upstreams
    home = emu.add_guild("Home")
    bot = bot_on_feeds(emu, make_bot, home, ll2, snapi)
    snapi.add(article(102, "Space Entertainment signs a director", site="Variety", published="2020-01-01T00:00:00Z"))
    async with run_bot(bot, emu):
        yield Feeds(emu, home, bot, ll2, snapi)


async def test_an_admin_polls_both_feeds_now_and_status_shows_them(feeds: Feeds) -> None:
    f = feeds
    result = await f.emu.invoke("feed poll", {}, user=f.home.admin, channel=f.home.general)
    assert result.callback_type == 5  # deferred: "thinking…"
    assert result.ephemeral
    assert "Launch Library 2**: 1 change(s) applied and announced" in result.text
    assert "Spaceflight News**: 1 new article(s) waiting for review" in result.text
    assert "SEE-1 studio module passes review (SpaceNews)" in result.text  # 102 is too old for the lookback
    m = f.bot.app.kb.milestones["see-1-launch"]
    assert (m.date, m.precision.value, m.status.value) == ("2030-06-15T00:00:00Z", "day", "planned")
    assert m.history[-1].reason == "Moved to mid-June 2030 while the studio module is built."

    status = await f.emu.invoke("feed status", {}, user=f.home.member, channel=f.home.general)
    assert status.ephemeral
    text = status.text
    assert "Launch Library 2" in text and "Spaceflight News" in text
    assert "Tracked launches: 1" in text and "Last poll: <t:" in text  # Discord timestamps
    assert "Requests left this hour: 0 of 2 (next allowed <t:" in text
    assert "Articles waiting for review: 1" in text
    assert "Searches: 1 tracked launch(es); 2 keyword(s) for 1 contender(s)" in text


async def test_a_poll_past_the_budget_says_when_the_next_request_is_allowed(feeds: Feeds) -> None:
    f = feeds
    await f.emu.invoke("feed poll", {}, user=f.home.admin, channel=f.home.general)  # LL2: list + why = 2
    asked = len(f.ll2.requests)
    again = await f.emu.invoke("feed poll", {}, user=f.home.admin, channel=f.home.general)
    assert again.ephemeral and len(f.ll2.requests) == asked
    assert "Launch Library 2**: not polled — the hourly request budget is spent (2 of 2 used)" in again.text
    assert "The next request is allowed <t:" in again.text
    assert "Spaceflight News**: no new article" in again.text  # its own budget still had room


async def test_a_member_may_look_but_not_poll(feeds: Feeds) -> None:
    f = feeds
    refused = await f.emu.invoke("feed poll", {}, user=f.home.member, channel=f.home.general)
    assert refused.ephemeral and "Only the bot's fact admins can poll the feeds" in refused.text
    assert f.ll2.requests == [] and f.snapi.requests == []  # nothing was asked upstream
    assert f.bot.app.kb.milestones["see-1-launch"].date == "2025-10-01T00:00:00Z"
    status = await f.emu.invoke("feed status", {}, user=f.home.member, channel=f.home.general)
    assert status.ephemeral and "Last poll: never" in status.text and "Articles waiting for review: 0" in status.text
