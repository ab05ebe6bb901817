"""Both upstream feeds together: built from the settings, polled now on an admin's word, and shown.

``/feed status`` and ``/feed poll`` speak about the two feeds at once, so their cards are made
here, free of Discord; the cog only defers, calls and sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import aiohttp

from bot.core.cards import Card, Colour
from bot.core.dates import DateStyle, iso_instant
from bot.core.text import shorten
from bot.facts.editor import Editor
from bot.feed.ll2 import FEED_NAME as LL2_NAME
from bot.feed.ll2 import FeedPoller, FeedSettings, LL2Client
from bot.feed.pacing import Outcome
from bot.feed.snapi import FEED_NAME as NEWS_NAME
from bot.feed.snapi import NewsHook, NewsPoller, NewsSettings, SNAPIClient
from bot.feed.status import stamp
from bot.infra.config import Settings

LISTED = 5  # changes or articles named in a /feed poll answer; the rest are counted


@dataclass
class Feeds:
    ll2: FeedPoller
    news: NewsPoller

    @classmethod
    def build(
        cls, editor: Editor, session: aiohttp.ClientSession, settings: Settings, *, news_hooks: list[NewsHook]
    ) -> Feeds:
        ll2_settings = FeedSettings(
            base_url=settings.ll2_base_url, token=settings.ll2_api_token, per_hour=settings.ll2_requests_per_hour
        )
        news_settings = NewsSettings(
            base_url=settings.snapi_base_url,
            per_hour=settings.snapi_requests_per_hour,
            every=timedelta(minutes=settings.snapi_poll_minutes),
        )
        ll2 = FeedPoller(editor, LL2Client(session, ll2_settings), ll2_settings)
        news = NewsPoller(
            editor.store,
            editor.kb,
            SNAPIClient(session, news_settings),
            news_settings,
            clock=editor.clock,
            hooks=news_hooks,
        )
        return cls(ll2, news)

    async def poll_now(self) -> list[Outcome]:
        """Both feeds, now, each within its own Retry-After and budget."""
        return [await self.ll2.poll_now(), await self.news.poll_now()]

    def status_card(self, style: DateStyle) -> Card:
        """What ``/feed status`` shows. Reads the review queue: call it under the store's lock."""
        text = "\n".join(
            [
                f"**{LL2_NAME}**",
                *self.ll2.status_lines(style),
                "",
                f"**{NEWS_NAME}**",
                *self.news.status_lines(style),
            ]
        )
        return Card(title="Upstream feeds", description=text, colour=Colour.INFO, footer="/feed poll polls now")


def poll_card(outcomes: list[Outcome], style: DateStyle) -> Card:
    """What ``/feed poll`` answers: per feed, what it found, or why it did not ask and until when."""
    lines = [line for outcome in outcomes for line in _outcome_lines(outcome, style)]
    trouble = any(o.error or (o.refused and o.next_allowed) for o in outcomes)
    return Card(
        title="Feeds polled" if any(o.ran for o in outcomes) else "Feeds not polled",
        description="\n".join(lines),
        colour=Colour.WARNING if trouble else Colour.INFO,
        footer="/feed status for the details",
    )


def _outcome_lines(outcome: Outcome, style: DateStyle) -> list[str]:
    if not outcome.ran:
        when = (
            f" The next request is allowed {stamp(iso_instant(outcome.next_allowed), style)}."
            if outcome.next_allowed
            else ""
        )
        icon = "⏳" if outcome.next_allowed else "➖"
        return [f"{icon} **{outcome.feed}**: not polled — {outcome.refused}.{when}"]
    icon = "⚠️" if outcome.error else "✅"
    lines = [f"{icon} **{outcome.feed}**: {_found(outcome)}"]
    lines += [f"• {shorten(c, 200)}" for c in outcome.changes[:LISTED]]
    lines += [f"• {shorten(a.title, 150)} ({a.site})" for a in outcome.articles[:LISTED]]
    if outcome.error:
        lines.append(f"Problem: {shorten(outcome.error, 500)}")
    return lines


def _found(outcome: Outcome) -> str:
    if outcome.feed == NEWS_NAME:
        n = len(outcome.articles)
        return f"{n} new article(s) waiting for review" if n else "no new article"
    n = len(outcome.changes)
    return f"{n} change(s) applied and announced" if n else "no change"
