"""/feed poll and /feed status for Russian-speaking members, through discord.py and the emulator.

The same stand-ins and setup as tests/e2e/test_feed.py (SEE-1's launch tracked, SEE given news
keywords); the askers' Discord clients are in Russian (``locale="ru"``), so they type the Russian
names (/ленты опросить, /ленты состояние) and read the cards in Russian, timestamps and all.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from bot.shells.discord.bot import RaceBot
from tests.discord_emu import Emulator, run_bot
from tests.discord_emu.model import MANAGE_GUILD, User
from tests.e2e.test_feed import Feeds, bot_on_feeds
from tests.ll2_server import FakeLL2
from tests.snapi_server import FakeSNAPI

# English words of the feed cards that a Russian member must not read.
ENGLISH = (
    "polled",
    "change(s)",
    "article(s)",
    "Tracked",
    "Last poll",
    "Requests left",
    "next allowed",
    "Articles waiting",
    "Searches",
    "not polled",
    "budget",
    "The next request",
    "for the details",
)


@dataclass
class RussianFeeds(Feeds):
    olga: User  # a Russian-speaking admin of the home server (Manage Server)


@pytest.fixture
async def russian_feeds(
    emu: Emulator, make_bot: Callable[..., RaceBot], upstreams: tuple[FakeLL2, FakeSNAPI]
) -> AsyncIterator[RussianFeeds]:
    ll2, snapi = upstreams
    home = emu.add_guild("Home")
    olga = emu.add_member(home.guild, "olga", permissions=MANAGE_GUILD, locale="ru")  # known to the bot at READY
    bot = bot_on_feeds(emu, make_bot, home, ll2, snapi)
    async with run_bot(bot, emu):
        yield RussianFeeds(emu, home, bot, ll2, snapi, olga)


async def test_a_russian_admin_polls_and_a_russian_member_reads_the_status(russian_feeds: RussianFeeds) -> None:
    f, olga = russian_feeds, russian_feeds.olga
    polled = await f.emu.invoke("ленты опросить", {}, user=olga, channel=f.home.general)
    assert polled.callback_type == 5 and polled.ephemeral  # deferred: "thinking…"
    assert polled.embeds[0]["title"] == "Ленты опрошены"
    assert "✅ **Launch Library 2**: 1 изменение применено и объявлено" in polled.text
    assert "✅ **Spaceflight News**: 1 новая статья ждёт разбора" in polled.text
    assert "• SEE-1 studio module passes review (SpaceNews)" in polled.text  # the article as published
    assert polled.embeds[0]["footer"]["text"] == "Подробности: /ленты состояние"

    ivan = f.emu.add_member(f.home.guild, "ivan", locale="ru")
    status = await f.emu.invoke("ленты состояние", {}, user=ivan, channel=f.home.general)
    assert status.ephemeral and status.embeds[0]["title"] == "Внешние ленты"
    text = status.text
    assert "Отслеживаемые запуски: 1" in text and "Последний опрос: <t:" in text  # Discord timestamps
    assert "Осталось запросов в этом часе: 0 из 2 (следующий — не раньше <t:" in text
    assert "Поиски: 1 отслеживаемый запуск; 2 ключевых слова для 1 претендента" in text
    assert "Статьи, ждущие разбора: 1 (/факты новости разбор)" in text
    assert "Последняя ошибка: нет" in text
    for reply in (polled, status):
        assert [word for word in ENGLISH if word in reply.text] == []

    english = await f.emu.invoke("feed status", {}, user=f.home.member, channel=f.home.general)
    assert "Tracked launches: 1" in english.text and "Articles waiting for review: 1" in english.text


async def test_a_refused_poll_in_russian(russian_feeds: RussianFeeds) -> None:
    f, olga = russian_feeds, russian_feeds.olga
    await f.emu.invoke("ленты опросить", {}, user=olga, channel=f.home.general)  # LL2: list + why = 2
    again = await f.emu.invoke("ленты опросить", {}, user=olga, channel=f.home.general)
    assert again.ephemeral
    assert (
        "⏳ **Launch Library 2**: не опрошена — часовой лимит запросов исчерпан (использовано 2 из 2). "
        "Следующий запрос — не раньше <t:" in again.text
    )
    assert "✅ **Spaceflight News**: новых статей нет" in again.text
    assert [word for word in ENGLISH if word in again.text] == []

    member = f.emu.add_member(f.home.guild, "pyotr", locale="ru")
    refused = await f.emu.invoke("ленты опросить", {}, user=member, channel=f.home.general)
    assert refused.ephemeral and refused.text.startswith("Опрашивать ленты сейчас могут только администраторы")
