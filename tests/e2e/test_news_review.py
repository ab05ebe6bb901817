"""The news review, stale facts and verification in Discord, through discord.py and the emulator.

Articles are put in the queue the way the news feed does it (``NewsQueue.offer``); everything else
is what an admin or a member does: commands, a select menu, buttons and modals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.core.dates import DiscordStyle
from bot.core.models import Precision
from bot.facts.news import Article, NewsQueue, Review
from bot.shells.discord.bot import RaceBot
from tests.conftest import Clock
from tests.discord_emu import Emulator, buttons, run_bot
from tests.discord_emu.emulator import Message, Result
from tests.e2e.conftest import Harness

URL = "https://news.example/articles/"


def offer(h: Harness | RaceBot, *articles: Article) -> None:
    bot = h.bot if isinstance(h, Harness) else h
    bot.app.store.run(lambda store: NewsQueue(store).offer(articles, "2026-11-24T00:00:00Z"))


def article(number: int, title: str = "Tom Cruise still wants to film in orbit", **fields: Any) -> Article:
    values: dict[str, Any] = {
        "url": f"{URL}{number}",
        "site": "Space News",
        "published": "2026-11-23T09:30:00Z",
        "summary": "Doug Liman says the film is still planned, with a spacewalk.",
        "contenders": ("cruise-liman",),
    }
    return Article(number, title, **{**values, **fields})


def options(message: Message, custom_id: str = "news:source") -> list[str]:
    for row in message.components:
        for component in row.get("components", []):
            if component.get("custom_id") == custom_id:
                return [o["value"] for o in component["options"]]
    raise AssertionError(f"no select menu {custom_id!r}")


async def review(h: Harness) -> Result:
    result = await h.emu.invoke("facts news review", {}, user=h.home.admin, channel=h.home.general)
    assert result.ephemeral
    return result


async def member_sees(h: Harness, contender: str) -> str:
    return (await h.emu.invoke("contender", {"name": contender}, user=h.home.member, channel=h.home.general)).text


def status(h: Harness, number: int) -> Review:
    queued = NewsQueue(h.bot.app.store).get(number)
    assert queued is not None
    return queued.review


async def test_an_admin_adds_an_article_as_a_source_and_undo_removes_it(harness: Harness) -> None:
    h = harness
    offer(h, article(1))
    shown = await review(h)
    assert (
        "Tom Cruise still wants to film in orbit" in shown.text and "Article #1 · 1 of 1 in this review" in shown.text
    )
    assert shown.embeds[0]["url"] == f"{URL}1" and "<t:1795426200:F>" in shown.text  # the date, for each reader
    assert options(shown.last)[0] == "contender:cruise-liman"
    assert buttons(shown.last) == ["news:source", "news:other", "news:record", "news:ignore"]
    done = await h.emu.select(shown.last, "news:source", ["contender:cruise-liman"], user=h.home.admin)
    assert done.callback_type == 7 and "applied: Source for Tom Cruise" in done.text
    assert "No more articles are waiting" in done.text and buttons(done.last) == []
    assert "news.example" in await member_sees(h, "cruise-liman")
    assert status(h, 1) is Review.SOURCED
    undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
    assert "Undo #1: Source for Tom Cruise" in undo.text
    assert "news.example" not in await member_sees(h, "cruise-liman")


async def test_nobody_but_the_admin_who_asked_can_decide(harness: Harness) -> None:
    h = harness
    offer(h, article(1))
    shown = await review(h)
    before = h.service.store.snapshot()
    for act in (
        lambda user: h.emu.click(shown.last, "news:ignore", user=user),
        lambda user: h.emu.select(shown.last, "news:source", ["contender:cruise-liman"], user=user),
    ):
        refused = await act(h.home.member)
        assert refused.ephemeral and "Only the person who asked" in refused.text
        refused = await act(h.home.owner)  # even a server manager: the buttons are the asker's
        assert refused.ephemeral and "Only the person who asked" in refused.text
    assert h.service.store.snapshot() == before and status(h, 1) is Review.PENDING


async def test_recording_a_fact_opens_a_modal_validated_like_facts_add(harness: Harness) -> None:
    h = harness
    offer(h, article(1), article(2, "Liman: the spacewalk scene is written", published="2026-11-22T09:30:00Z"))
    shown = await review(h)
    opened = await h.emu.click(shown.last, "news:record", user=h.home.admin)
    assert opened.callback_type == 9 and opened.modal is not None
    assert opened.modal["title"] == "Record a fact from this article"
    before = h.service.store.snapshot()
    refused = await h.emu.submit_modal(opened, {"topics": "film", "confidence": "certain"}, user=h.home.admin)
    assert refused.ephemeral and "Unknown confidence" in refused.text
    assert h.service.store.snapshot() == before and "1 of 2 in this review" in shown.text  # the review is as it was
    opened = await h.emu.click(shown.last, "news:record", user=h.home.admin)
    typed = {"text": "Liman says the Cruise film is still planned.", "topics": "film, spacewalk"}
    saved = await h.emu.submit_modal(opened, typed, user=h.home.admin)
    assert saved.callback_type == 7 and "New fact on film, spacewalk" in saved.text
    assert "Liman: the spacewalk scene is written" in saved.text and "1 of 1 in this review" in saved.text
    fact = next(f for f in h.service.kb.facts.values() if f.text == typed["text"])
    assert fact.sources == [f"{URL}1"] and fact.contender == "cruise-liman"  # the contender was pre-filled
    assert status(h, 1) is Review.RECORDED and NewsQueue(h.bot.app.store).get(1).item == f"fact:{fact.id}"  # type: ignore[union-attr]


async def test_another_item_by_name_skip_and_ignore(harness: Harness) -> None:
    h = harness
    offer(h, article(1), article(2, "SEE sets a date", published="2026-11-22T09:30:00Z", contenders=()))
    shown = await review(h)
    skipped = await h.emu.click(shown.last, "news:skip", user=h.home.admin)
    assert "SEE sets a date" in skipped.text and "2 of 2 in this review" in skipped.text
    opened = await h.emu.click(shown.last, "news:other", user=h.home.admin)
    refused = await h.emu.submit_modal(opened, {"item": "the moon base"}, user=h.home.admin)
    assert refused.ephemeral and "No contender, person or milestone called" in refused.text
    opened = await h.emu.click(shown.last, "news:other", user=h.home.admin)
    saved = await h.emu.submit_modal(opened, {"item": "milestone:SEE-1 launch"}, user=h.home.admin)
    assert "Source for SEE-1 launch" in saved.text and "Tom Cruise still wants" in saved.text
    assert f"{URL}2" in h.service.kb.milestones["see-1-launch"].sources
    ignored = await h.emu.click(shown.last, "news:ignore", user=h.home.admin)
    assert "was ignored" in ignored.text and "No more articles" in ignored.text
    assert [status(h, n) for n in (1, 2)] == [Review.IGNORED, Review.SOURCED]
    again = await review(h)
    assert "No news articles are waiting" in again.text and buttons(again.last) == []


async def test_a_news_channel_gets_an_approved_article_once(emu: Emulator, make_bot: Callable[..., RaceBot]) -> None:
    home = emu.add_guild("Home")
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    bot = make_bot(emu, home, clock=clock)
    async with run_bot(bot, emu):
        bot.scheduler.pause()  # the test drives the ticks
        news, plain = await emu.create_channel(home.guild, "news"), await emu.create_channel(home.guild, "alerts")
        subscribed = await emu.invoke(
            "alerts subscribe", {"channel": news, "news": True}, user=home.admin, channel=home.general
        )
        assert "will get all alerts and approved news" in subscribed.text
        await emu.invoke("alerts subscribe", {"channel": plain}, user=home.admin, channel=home.general)
        offer(bot, article(1, "@everyone Cruise <@&1> is back"))
        shown = await emu.invoke("facts news review", {}, user=home.admin, channel=home.general)
        await emu.select(shown.last, "news:source", ["contender:cruise-liman"], user=home.admin)
        for _ in range(3):
            await bot.dispatcher.tick()
            clock.advance(61)
        [message] = emu.channel_messages(news.id)
        assert emu.channel_messages(plain.id) == []
        assert "@everyone" not in message.content and "<@&1>" not in message.content
        assert message.embeds[0]["url"] == f"{URL}1" and "Tom Cruise / Doug Liman" in message.embeds[0]["description"]
        assert message.allowed_mentions is not None and not message.allowed_mentions.get("everyone")


async def test_stale_verify_keywords_and_the_freshness_of_race(harness: Harness) -> None:
    h = harness
    stale = await h.emu.invoke("facts stale", {"months": 3}, user=h.home.admin, channel=h.home.general)
    assert stale.ephemeral and "not checked since" in stale.text and "(3 months)" in stale.text
    assert buttons(stale.last) == ["pager:prev", "pager:next"]  # hundreds of items: paged
    out_of_range = await h.emu.invoke("facts stale", {"months": 121}, user=h.home.admin, channel=h.home.general)
    assert out_of_range.ephemeral and "120" in out_of_range.text  # Discord's own range, or the bot's words
    verified = await h.emu.invoke(
        "facts verify",
        {"kind": "milestone", "name": "soyuz-ms-19-launch", "source": "https://example.org/checked"},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert "Checked Soyuz MS-19 launch against https://example.org/checked" in verified.text
    today = DiscordStyle().date(datetime.now(UTC), Precision.DAY)
    race = await h.emu.invoke("race", {}, user=h.home.member, channel=h.home.general)
    assert f"Facts checked up to {today}." in race.text
    keywords = {"contender": "cruise", "keywords": '"tom cruise", space film'}
    saved = await h.emu.invoke("facts news keywords", keywords, user=h.home.admin, channel=h.home.general)
    assert "News keywords of Tom Cruise" in saved.text
    shown = await h.emu.invoke(
        "facts news keywords", {"contender": "cruise"}, user=h.home.admin, channel=h.home.general
    )
    assert "“tom cruise”, “space film”" in shown.text
    refused = await h.emu.invoke(
        "facts verify", {"kind": "milestone", "name": "soyuz-ms-19-launch"}, user=h.home.member, channel=h.home.general
    )
    assert refused.ephemeral and "configured admins" in refused.text
