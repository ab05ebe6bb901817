"""Alerts in each channel's language, through the real client and the emulator.

A Russian server: a channel subscribed without LANGUAGE gets the server's language (Russian), one
subscribed with LANGUAGE English gets English. One admin edit reaches each exactly once, in its own
language, and a restart on the same database sends nothing again.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.alerts.subscriptions import subscriptions
from bot.app import App
from bot.shells.discord.bot import RaceBot
from tests.conftest import Clock
from tests.discord_emu import Emulator, World, run_bot
from tests.discord_emu.model import MANAGE_CHANNELS, Channel

START = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


class RussianServer:
    def __init__(self, emu: Emulator, bot: RaceBot, home: World, clock: Clock) -> None:
        self.emu, self.bot, self.home, self.clock = emu, bot, home, clock

    async def subscribe(self, channel: Channel, **options: object) -> str:
        result = await self.emu.invoke(
            "alerts subscribe", {"channel": channel, **options}, user=self.home.admin, channel=self.home.general
        )
        return result.text

    async def edit_date(self, milestone: str, date: str) -> None:
        preview = await self.emu.invoke(
            "facts date",
            {"milestone": milestone, "date": date, "source": "https://example.org/slip"},
            user=self.home.admin,
            channel=self.home.general,
        )
        done = await self.emu.click(preview.last, "facts:confirm", user=self.home.admin)
        assert "applied" in done.text

    async def deliver(self) -> None:
        self.clock.advance(61)
        await self.bot.dispatcher.tick()

    def languages(self) -> dict[int, str]:
        return {s.channel_id: s.language for s in self.bot.service.store.run(subscriptions)}


@contextlib.asynccontextmanager
async def russian_server(emu: Emulator, make_bot: Callable[..., RaceBot]) -> AsyncIterator[RussianServer]:
    home = emu.add_guild("Дом", locale="ru")  # the admin's own client stays English (en-US)
    clock = Clock(START)
    bot = make_bot(emu, home, clock=clock)
    async with run_bot(bot, emu):
        bot.scheduler.pause()  # the test drives the ticks with its own clock
        yield RussianServer(emu, bot, home, clock)


def _alert(emu: Emulator, channel: Channel) -> dict[str, str]:
    [message] = emu.channel_messages(channel.id)
    assert message.allowed_mentions is not None and not message.allowed_mentions.get("roles")
    return {"content": message.content, **message.embeds[0]}


async def test_one_change_reaches_each_channel_once_in_its_language_also_after_a_restart(
    emu: Emulator, make_bot: Callable[..., RaceBot], tmp_path: Path
) -> None:
    async with russian_server(emu, make_bot) as r:
        ru_channel, en_channel = await _one_change_in_two_languages(r)
    await _restart_sends_nothing_again(r, tmp_path, [ru_channel, en_channel])


async def _one_change_in_two_languages(r: RussianServer) -> tuple[Channel, Channel]:
    ru_channel = await r.emu.create_channel(r.home.guild, "оповещения")
    en_channel = await r.emu.create_channel(r.home.guild, "alerts-en")
    assert "will get all alerts" in await r.subscribe(ru_channel)  # the reply is in the admin's language
    assert "will get all alerts" in await r.subscribe(en_channel, language="en")
    assert r.languages() == {ru_channel.id: "ru", en_channel.id: "en"}

    await r.edit_date("first-shots-in-orbit", "2021-10-08")
    await r.deliver()
    await r.deliver()
    ru, en = _alert(r.emu, ru_channel), _alert(r.emu, en_channel)
    assert ru["title"] == "📅 Съёмки начинаются во время сближения с МКС: позже на 3 дня"
    assert "**«Вызов»**" in ru["description"]
    assert "Дата: 5 октября 2021 → **8 октября 2021**" in ru["description"]
    assert "(позже на 3 дня)" in ru["description"] and "Источник: [example.org]" in ru["description"]
    assert ru["footer"]["text"] == "Изменение даты · /хронология — вся гонка"  # type: ignore[index]
    assert en["title"] == "📅 Filming starts during the approach to the ISS: slipped 3 days later"
    assert "Date: 5 October 2021 → **8 October 2021**" in en["description"]
    assert "Source: [example.org]" in en["description"]
    return ru_channel, en_channel


async def _restart_sends_nothing_again(r: RussianServer, tmp_path: Path, channels: list[Channel]) -> None:
    """A new process on the same database: nothing is left to send, nothing is sent twice."""
    app = App.open(tmp_path / "race.json", clock=r.clock)
    restarted = RaceBot(r.bot.settings, app, guild_ready_timeout=0.05)
    async with run_bot(restarted, r.emu):
        restarted.scheduler.pause()
        await restarted.dispatcher.tick()
        r.clock.advance(3600)
        await restarted.dispatcher.tick()
    assert [len(r.emu.channel_messages(c.id)) for c in channels] == [1, 1]


async def test_the_default_language_is_the_servers_not_the_admins(
    emu: Emulator, make_bot: Callable[..., RaceBot]
) -> None:
    """A Russian-speaking admin in an English server subscribes a channel: its alerts are English."""
    home = emu.add_guild("Home")  # en-US, Discord's default
    ivan = emu.add_member(home.guild, "ivan", permissions=MANAGE_CHANNELS, locale="ru")
    bot = make_bot(emu, home, clock=Clock(START))
    async with run_bot(bot, emu):
        bot.scheduler.pause()
        english = await emu.create_channel(home.guild, "news")
        russian = await emu.create_channel(home.guild, "novosti")
        await emu.invoke("оповещения подписать", {"канал": english}, user=ivan, channel=home.general)
        chosen = await emu.invoke(
            "оповещения подписать", {"канал": russian, "язык": "ru"}, user=ivan, channel=home.general
        )
        assert chosen.interaction is not None and chosen.interaction.sent["guild_locale"] == "en-US"
        stored = {s.channel_id: s.language for s in bot.service.store.run(subscriptions)}
        assert stored == {english.id: "en", russian.id: "ru"}
        listed = await emu.invoke("alerts list", {}, user=home.admin, channel=home.general)
        assert "language: English" in listed.text and "language: Русский" in listed.text
        sample = await emu.invoke("alerts test", {"channel": russian}, user=home.admin, channel=home.general)
        assert sample.ephemeral
        [posted] = emu.channel_messages(russian.id)
        assert posted.embeds[0]["title"].startswith("🧪 Тест: ")
