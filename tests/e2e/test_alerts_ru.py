"""Alerts in each channel's language, through the real client and the emulator.

A Russian server: a channel subscribed without LANGUAGE gets the server's language (Russian), one
subscribed with LANGUAGE English gets English. One admin edit reaches each exactly once, in its own
language, and a restart on the same database sends nothing again. The /alerts replies themselves are
in the admin's own language: a Russian-speaking admin reads them (and /feed status) in Russian.
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
from tests.discord_emu.model import ATTACH_FILES, EMBED_LINKS, MANAGE_CHANNELS, Channel

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


# English words of the /alerts and /feed status replies that a Russian admin must not read.
ENGLISH_REPLY = ("will get", "Try /alerts", "active", "kinds:", "language:", "Upstream", "Last poll", "never")


async def test_a_russian_admin_reads_subscribe_list_and_feed_status_in_russian(
    emu: Emulator, make_bot: Callable[..., RaceBot]
) -> None:
    """An English server, a Russian-speaking admin: every reply in Russian; the alerts stay the server's English."""
    home = emu.add_guild("Home")
    ivan = emu.add_member(home.guild, "ivan", permissions=MANAGE_CHANNELS, locale="ru")
    bot = make_bot(emu, home, clock=Clock(START))
    async with run_bot(bot, emu):
        bot.scheduler.pause()
        news = await emu.create_channel(home.guild, "news")
        options = {"канал": news, "претендент": "The Challenge", "тихие_часы": "22:00-07:00"}
        subscribed = await emu.invoke("оповещения подписать", options, user=ivan, channel=home.general)
        assert subscribed.ephemeral
        assert subscribed.text == (
            f"В <#{news.id}> будут приходить все оповещения (только «Вызов»; тихие часы 22:00–07:00 UTC; "
            "язык оповещений: English). Как они выглядят, покажет /оповещения тест."
        )
        bad = await emu.invoke(
            "оповещения подписать", {"канал": news, "тихие_часы": "вечером"}, user=ivan, channel=home.general
        )
        assert bad.ephemeral and "Тихие часы пишутся так: 22:00-07:00 (UTC, 24-часовой формат)." in bad.text
        locked = await emu.create_channel(home.guild, "locked", bot_deny=EMBED_LINKS | ATTACH_FILES)
        refused = await emu.invoke("оповещения подписать", {"канал": locked}, user=ivan, channel=home.general)
        assert refused.ephemeral
        assert "мне там не хватает прав (Встраивать ссылки, Прикреплять файлы)" in refused.text

        listed = await emu.invoke("оповещения список", {}, user=ivan, channel=home.general)
        assert listed.ephemeral and listed.embeds[0]["title"] == "Подписки на оповещения"
        [field] = listed.embeds[0]["fields"]
        assert field["value"].splitlines() == [
            f"<#{news.id}>",
            "✅ активна",
            "виды: даты, статусы, напоминания",
            "только: «Вызов»",
            "тихие часы: 22:00–07:00 UTC",
            "язык: English",
        ]
        english = await emu.invoke("alerts list", {}, user=home.admin, channel=home.general)
        assert "✅ active" in english.text and "kinds: date, status, reminder" in english.text

        status = await emu.invoke("ленты состояние", {}, user=ivan, channel=home.general)
        assert status.ephemeral and status.embeds[0]["title"] == "Внешние ленты"
        assert "Отслеживаемые запуски: 0" in status.text and "Последний опрос: ещё не было" in status.text
        assert "Поиски: 0 отслеживаемых запусков; 0 ключевых слов для 0 претендентов" in status.text
        assert "Статьи, ждущие разбора: 0" in status.text
        assert status.embeds[0]["footer"]["text"] == "/ленты опросить — опросить сейчас"

        stopped = await emu.invoke("оповещения отписать", {"канал": news}, user=ivan, channel=home.general)
        assert stopped.text == f"В <#{news.id}> больше не будет оповещений."
        empty = await emu.invoke("оповещения список", {}, user=ivan, channel=home.general)
        assert "Здесь пока ни один канал не получает оповещений. Подписать канал: /оповещения подписать." in empty.text
        for reply in (subscribed, bad, refused, listed, status, stopped, empty):
            assert [word for word in ENGLISH_REPLY if word in reply.text] == []
        assert {s.channel_id: s.language for s in bot.service.store.run(subscriptions)} == {}
