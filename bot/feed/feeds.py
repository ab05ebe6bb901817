"""Both upstream feeds together: built from the settings, and polled now on an admin's word.

``/feed status`` and ``/feed poll`` speak about the two feeds at once; their cards, in the asker's
language, are made by :mod:`bot.feed.status`, free of Discord. The cog only defers, calls and sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import aiohttp

from bot.facts.editor import Editor
from bot.feed.ll2 import FeedPoller, FeedSettings, LL2Client
from bot.feed.pacing import Outcome
from bot.feed.snapi import NewsHook, NewsPoller, NewsSettings, SNAPIClient
from bot.infra.config import Settings


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
