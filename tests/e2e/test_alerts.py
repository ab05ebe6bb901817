"""Alerts through the real client and the emulator: subscribe, edit, deliver once, survive crashes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.alerts.subscriptions import subscriptions
from bot.app import App
from bot.shells.discord.bot import RaceBot
from tests.conftest import Clock
from tests.discord_emu import CommandNotAvailable, Emulator, World, run_bot
from tests.discord_emu.model import ATTACH_FILES, EMBED_LINKS, Channel

START = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@dataclass
class AlertHarness:
    emu: Emulator
    bot: RaceBot
    home: World
    clock: Clock

    async def subscribe(self, channel: Channel, **options: object) -> str:
        result = await self.emu.invoke(
            "alerts subscribe", {"channel": channel, **options}, user=self.home.admin, channel=self.home.general
        )
        return result.text

    async def edit_date(self, milestone: str, date: str) -> str:
        preview = await self.emu.invoke(
            "facts date",
            {"milestone": milestone, "date": date, "source": "https://example.org/slip"},
            user=self.home.admin,
            channel=self.home.general,
        )
        text = preview.text  # read before Confirm replaces the preview
        done = await self.emu.click(preview.last, "facts:confirm", user=self.home.admin)
        assert "applied" in done.text
        return text

    async def deliver(self) -> None:
        self.clock.advance(61)
        await self.bot.dispatcher.tick()


@pytest.fixture
async def alerting(emu: Emulator, make_bot: Callable[..., RaceBot]) -> AsyncIterator[AlertHarness]:
    home = emu.add_guild("Home")
    clock = Clock(START)
    bot = make_bot(emu, home, clock=clock)
    async with run_bot(bot, emu):
        bot.scheduler.pause()  # the test drives the ticks with its own clock
        yield AlertHarness(emu, bot, home, clock)


async def test_an_admin_edit_reaches_three_channels_exactly_once(alerting: AlertHarness) -> None:
    a = alerting
    channels = [await a.emu.create_channel(a.home.guild, f"news-{i}") for i in range(3)]
    for channel in channels:
        assert "will get all alerts" in await a.subscribe(channel)
    preview = await a.edit_date("see-1-launch", "2027-03-14 15:00 UTC")
    assert "**3** subscribed channel" in preview
    await a.deliver()
    await a.deliver()
    for channel in channels:
        [message] = a.emu.channel_messages(channel.id)
        text = message.embeds[0]["description"]
        assert message.allowed_mentions is not None
        assert "Q4 2025 → **<t:1805036400:F>" in text and "https://example.org/slip" in text
        assert (
            message.allowed_mentions == {"everyone": False, "users": False, "roles": [], "replied_user": False}
            or message.allowed_mentions.get("parse") == []
        )
    assert a.emu.stats.rate_limited == 0


async def test_alerts_subscribe_is_not_available_in_a_dm(alerting: AlertHarness) -> None:
    """Server-only and guild-install-only: not in a DM, a group DM, or through a user install anywhere."""
    a = alerting
    alerts = a.emu.command("alerts")
    assert alerts["contexts"] == [0] and alerts["integration_types"] == [0]
    subscribe = {"channel": a.home.general}
    dm = a.emu.dm_channel(a.home.admin)
    with pytest.raises(CommandNotAvailable, match="BOT_DM"):
        await a.emu.invoke("alerts subscribe", subscribe, user=a.home.admin, channel=dm)
    a.emu.install_for_user(a.home.admin)
    with pytest.raises(CommandNotAvailable, match="BOT_DM"):
        await a.emu.invoke("alerts subscribe", subscribe, user=a.home.admin, channel=dm)
    group = a.emu.private_channel(a.home.admin, a.home.member)
    with pytest.raises(CommandNotAvailable, match="PRIVATE_CHANNEL"):
        await a.emu.invoke("alerts subscribe", subscribe, user=a.home.admin, channel=group)
    away = a.emu.add_guild("Away", bot_installed=False)
    a.emu.install_for_user(away.admin)
    with pytest.raises(CommandNotAvailable, match="no installation covers it"):
        await a.emu.invoke("alerts subscribe", {"channel": away.general}, user=away.admin, channel=away.general)
    assert subscriptions(a.bot.app.store) == []
    assert "will get all alerts" in await a.subscribe(a.home.general)  # in the server itself it works


async def test_subscribe_checks_the_bots_permissions_and_names_what_is_missing(alerting: AlertHarness) -> None:
    a = alerting
    locked = await a.emu.create_channel(a.home.guild, "locked", bot_deny=EMBED_LINKS | ATTACH_FILES)
    text = await a.subscribe(locked)
    assert "missing Embed Links, Attach Files" in text
    member_try = await a.emu.invoke(
        "alerts subscribe", {"channel": a.home.general}, user=a.home.member, channel=a.home.general
    )
    assert member_try.ephemeral and "Manage Channels" in member_try.text


async def test_forbidden_channel_is_paused_and_the_others_hear(alerting: AlertHarness) -> None:
    a = alerting
    good, bad, gone = [await a.emu.create_channel(a.home.guild, n) for n in ("good", "bad", "gone")]
    for channel in (good, bad, gone):
        await a.subscribe(channel)
    a.emu.fail_channel(bad.id, 403, 50013)
    a.emu.fail_channel(gone.id, 404, 10003)
    await a.edit_date("see-1-launch", "2027-05")
    await a.deliver()
    assert len(a.emu.channel_messages(good.id)) == 1
    listing = await a.emu.invoke("alerts list", {}, user=a.home.admin, channel=a.home.general)
    assert "paused — missing permission: Missing Permissions" in listing.text
    assert f"<#{gone.id}>" not in listing.text  # unknown channel: subscription removed


async def test_only_the_configured_role_is_mentioned(alerting: AlertHarness) -> None:
    a = alerting
    role = await a.emu.create_role(a.home.guild, "launch-fans")
    news = await a.emu.create_channel(a.home.guild, "news")
    await a.subscribe(news, role=role)
    await a.edit_date("see-1-launch", "2027-06")
    await a.deliver()
    [message] = a.emu.channel_messages(news.id)
    assert message.content.startswith(f"<@&{role.id}>")
    assert message.allowed_mentions is not None
    assert [int(r) for r in message.allowed_mentions["roles"]] == [role.id]
    assert message.allowed_mentions.get("parse", []) == [] and "everyone" not in message.allowed_mentions.get(
        "parse", []
    )
    everyone = await a.emu.invoke(
        "alerts subscribe", {"channel": news, "role": a.home.everyone}, user=a.home.admin, channel=a.home.general
    )
    assert "can't mention @everyone" in everyone.text


async def test_alerts_test_posts_a_sample(alerting: AlertHarness) -> None:
    a = alerting
    news = await a.emu.create_channel(a.home.guild, "news")
    result = await a.emu.invoke("alerts test", {"channel": news}, user=a.home.admin, channel=a.home.general)
    assert "Posted a test alert" in result.text
    [message] = a.emu.channel_messages(news.id)
    assert message.embeds[0]["title"].startswith("🧪 Test")


@dataclass
class FanOut:
    bot: RaceBot
    channels: list[Channel]
    tick: asyncio.Task[object]
    clock: Clock

    def sent(self, emu: Emulator) -> int:
        return sum(len(emu.channel_messages(c.id)) for c in self.channels)


@contextlib.asynccontextmanager
async def fan_out_under_way(
    emu: Emulator, make_bot: Callable[..., RaceBot], count: int, delay: float, wait_for: int
) -> AsyncIterator[FanOut]:
    """A bot with ``count`` subscribed channels, in the middle of announcing one change to them."""
    home = emu.add_guild("Home")
    clock = Clock(START)
    channels = [emu.add_channel(home.guild, f"c{i}") for i in range(count)]
    bot = make_bot(emu, home, clock=clock)
    async with run_bot(bot, emu):
        bot.scheduler.pause()
        a = AlertHarness(emu, bot, home, clock)
        for channel in channels:
            await a.subscribe(channel)
        await a.edit_date("see-1-launch", "2027-07")
        emu.delay("/messages", delay)
        clock.advance(61)
        fan_out = FanOut(bot, channels, asyncio.create_task(bot.dispatcher.tick()), clock)
        while fan_out.sent(emu) < wait_for:
            await asyncio.sleep(0.01)
        yield fan_out
    emu.clear_faults()


async def restart_and_tick(emu: Emulator, fan_out: FanOut, tmp_path: Path) -> None:
    """A new process on the same database file finishes what the old one left in the outbox."""
    app = App.open(tmp_path / "race.json", clock=fan_out.clock)
    restarted = RaceBot(fan_out.bot.settings, app, guild_ready_timeout=0.05)
    async with run_bot(restarted, emu):
        restarted.scheduler.pause()
        await restarted.dispatcher.tick()


async def test_killed_mid_fan_out_the_restarted_bot_delivers_the_rest_once(
    emu: Emulator, make_bot: Callable[..., RaceBot], tmp_path: Path
) -> None:
    async with fan_out_under_way(emu, make_bot, 60, 0.02, wait_for=30) as fan_out:
        fan_out.tick.cancel()  # the process dies here: some sends are done but not recorded
        await asyncio.gather(fan_out.tick, return_exceptions=True)
    assert 30 <= fan_out.sent(emu) < 60
    await restart_and_tick(emu, fan_out, tmp_path)
    assert [len(emu.channel_messages(c.id)) for c in fan_out.channels] == [1] * 60


async def test_graceful_stop_during_a_fan_out_then_the_rest(
    emu: Emulator, make_bot: Callable[..., RaceBot], tmp_path: Path
) -> None:
    """What SIGTERM does: stop taking work, finish what is in flight, exit; a restart sends the rest."""
    async with fan_out_under_way(emu, make_bot, 80, 0.05, wait_for=10) as fan_out:
        started = asyncio.get_running_loop().time()
        await fan_out.bot.graceful_stop()
        assert asyncio.get_running_loop().time() - started < 15
        await fan_out.tick
        assert fan_out.bot.is_closed()
    assert fan_out.sent(emu) < 80
    await restart_and_tick(emu, fan_out, tmp_path)
    assert [len(emu.channel_messages(c.id)) for c in fan_out.channels] == [1] * 80


async def test_reminders_fire_at_the_right_times_and_rearm_after_a_slip(alerting: AlertHarness) -> None:
    a = alerting
    news = await a.emu.create_channel(a.home.guild, "news")
    await a.subscribe(news, kinds="reminders")
    added = await a.emu.invoke(
        "facts add",
        {
            "kind": "milestone",
            "source": "https://example.org/m",
            "name": "Test flight",
            "contender": "challenge",
            "date": "2026-12-10 18:00 UTC",
            "milestone_kind": "launch",
            "status": "confirmed",
        },
        user=a.home.admin,
        channel=a.home.general,
    )
    assert "applied" in added.text
    event = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
    for offset, words in ((timedelta(days=7), "7 days"), (timedelta(days=1), "1 day")):
        a.clock.now = event - offset + timedelta(seconds=30)
        await a.bot.dispatcher.tick()
        assert words in a.emu.channel_messages(news.id)[-1].embeds[0]["title"]
    a.clock.now = event - timedelta(hours=20)
    await a.edit_date("test-flight", "2026-12-12 18:00 UTC")  # a two-day slip re-arms the 1-day reminder
    a.clock.now = datetime(2026, 12, 11, 18, 0, 30, tzinfo=UTC)
    await a.bot.dispatcher.tick()
    titles = [m.embeds[0]["title"] for m in a.emu.channel_messages(news.id)]
    assert sum("1 day" in t for t in titles) == 2 and sum("7 days" in t for t in titles) == 1


async def test_quiet_hours_send_one_digest(alerting: AlertHarness) -> None:
    a = alerting
    news = await a.emu.create_channel(a.home.guild, "news")
    await a.subscribe(news, quiet="22:00-07:00")
    a.clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    await a.edit_date("see-1-launch", "2027-09")
    await a.edit_date("see-1-operational", "2028")
    await a.deliver()
    assert a.emu.channel_messages(news.id) == []
    a.clock.now = datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)
    await a.bot.dispatcher.tick()
    [digest] = a.emu.channel_messages(news.id)
    assert digest.embeds[0]["title"].startswith("Digest: 2 update")
