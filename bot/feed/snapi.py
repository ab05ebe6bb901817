"""News: the Spaceflight News API (v4) poller, which fills the admins' review queue.

Two kinds of search, both on ``/v4/articles/`` (a django-filter API: unknown parameters are
ignored, answers are paginated with ``next``): articles linked to a tracked launch
(``launch=<uuid>,<uuid>``), and keyword searches built from the contenders' ``news_keywords``
(``title_contains_one=`` and ``summary_contains_one=``, each a comma-separated OR of keywords;
two requests, because two filters in one request must *both* match). Each article is offered to
:class:`~bot.facts.news.NewsQueue` once, by id; it never becomes knowledge by itself.

Requests stay small with a cursor per search: results are ordered by ``updated_at`` (oldest first)
and the next poll asks only for ``updated_at_gte=<newest seen>``. ``updated_at`` rather than
``published_at``, because SNAPI imports articles every few minutes from many sites: an article
published at 11:55 may arrive after one published at 12:00, and a ``published_at`` cursor would
skip it. ``published_at_gte`` (a week back) keeps old articles that were merely edited out. A
search that pages past its limit keeps its place: the cursor carries the rest to the next poll.

A poll is all or nothing: every search must answer before anything is queued, and the queue and
the cursors are written in one transaction. The budget (its own, not LL2's) is counted per request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from bot.core.dates import iso_instant
from bot.core.errors import EditError, FeedError, Message, RateLimited
from bot.core.kb import KnowledgeBase
from bot.core.models import from_dict, to_dict
from bot.core.text import neutralize_mentions, shorten
from bot.facts.editor import clean_source
from bot.facts.news import Article, NewsQueue
from bot.feed import pacing
from bot.feed.http import Budget, FeedClient, HttpSettings, read_page, upstream_instant
from bot.feed.pacing import Outcome, PollState
from bot.infra.store import Store

log = logging.getLogger(__name__)

FEED_NAME = "Spaceflight News"
STATE_TABLE = "news_feed"
KEYWORDS_PER_SEARCH = 25  # keeps each query string short
TITLE_MAX, SUMMARY_MAX = 300, 1000
HTTP = HttpSettings(retries=2)  # SNAPI has no hourly quota of its own; our budget still counts each try

NewsHook = Callable[[Store, list[Article]], None]


@dataclass(frozen=True)
class NewsSettings:
    base_url: str = "https://api.spaceflightnewsapi.net"
    per_hour: int = 20
    every: timedelta = timedelta(minutes=15)
    lookback: timedelta = timedelta(days=7)  # how far back a new search starts, and what counts as news
    page_size: int = 100  # SNAPI allows 500
    pages: int = 3  # per search and poll; the cursor carries the rest
    http: HttpSettings = HTTP


@dataclass
class NewsState(PollState):
    cursors: dict[str, str] = field(default_factory=dict)  # search key → newest updated_at read
    last_new: int = 0  # articles the last good poll queued

    @classmethod
    def load(cls, store: Store) -> NewsState:
        docs = store.table(STATE_TABLE).all()
        return from_dict(cls, dict(docs[0])) if docs else cls()

    def save(self, store: Store) -> None:
        table = store.table(STATE_TABLE)
        table.truncate()
        table.insert(to_dict(self))


@dataclass(frozen=True)
class Search:
    """One query on /v4/articles/; ``key`` names it for its cursor (new keywords, new cursor)."""

    key: str
    params: dict[str, str]


def keywords(kb: KnowledgeBase) -> dict[str, list[str]]:
    """contender id → its keywords, cleaned (a comma would split SNAPI's list, so it separates)."""
    out: dict[str, list[str]] = {}
    for c in kb.contenders.values():
        words: dict[str, str] = {}
        for raw in c.news_keywords:
            for part in str(raw).split(","):
                word = " ".join(part.split())
                if len(word) >= 2:
                    words.setdefault(word.casefold(), word)
        if words:
            out[c.id] = sorted(words.values(), key=str.casefold)
    return out


def launches(kb: KnowledgeBase) -> dict[str, str]:
    """Tracked LL2 launch id → the contender whose milestone follows it."""
    return {m.ll2_id.lower(): m.contender for m in kb.milestones.values() if m.ll2_id}


def searches(kb: KnowledgeBase) -> list[Search]:
    found: list[Search] = []
    ids = sorted(launches(kb))
    if ids:
        found.append(Search("launch=" + ",".join(ids), {"launch": ",".join(ids)}))
    words = sorted({w for ws in keywords(kb).values() for w in ws}, key=str.casefold)
    for start in range(0, len(words), KEYWORDS_PER_SEARCH):
        chunk = ",".join(words[start : start + KEYWORDS_PER_SEARCH])
        for param in ("title_contains_one", "summary_contains_one"):
            found.append(Search(f"{param}={chunk}", {param: chunk}))
    return found


def to_article(raw: dict[str, Any], kb: KnowledgeBase) -> Article:
    """An upstream article as the queue keeps it; FeedError if a field we need is missing or bad."""
    try:
        article_id = int(raw["id"])
        title = " ".join(str(raw["title"]).split())
        url = clean_source(str(raw["url"]), required=True)
        published = iso_instant(upstream_instant(raw["published_at"]))
        linked = tuple(str(item["launch_id"]).lower() for item in raw.get("launches") or [])
    except (KeyError, TypeError, ValueError, EditError) as exc:
        raise FeedError(f"malformed article {raw.get('id', '?')} ({type(exc).__name__}: {exc})") from None
    if not title:
        raise FeedError(f"malformed article {article_id} (no title)")
    summary = " ".join(str(raw.get("summary") or "").split())
    return Article(
        id=article_id,
        title=neutralize_mentions(shorten(title, TITLE_MAX)),
        url=url,
        site=neutralize_mentions(shorten(str(raw.get("news_site") or "?"), 100)),
        published=published,
        summary=neutralize_mentions(shorten(summary, SUMMARY_MAX)),
        launches=linked,
        contenders=matched(title, summary, linked, kb),
    )


def matched(title: str, summary: str, linked: tuple[str, ...], kb: KnowledgeBase) -> tuple[str, ...]:
    """Contenders an article is about: a tracked launch it is linked to, or a keyword in it."""
    text = f"{title}\n{summary}".casefold()
    tracked = launches(kb)
    found = {tracked[i] for i in linked if i in tracked}
    found |= {cid for cid, words in keywords(kb).items() if any(w.casefold() in text for w in words)}
    return tuple(sorted(found))


class SNAPIClient:
    def __init__(self, session: aiohttp.ClientSession, settings: NewsSettings) -> None:
        self.http = FeedClient(session, FEED_NAME, settings.base_url, settings=settings.http)
        self.settings = settings

    async def articles(self, search: Search, cursor: str, since: str, budget: Budget) -> list[dict[str, Any]]:
        """One search's new articles, oldest update first, at most ``pages`` pages."""
        params: dict[str, str] | None = {
            **search.params,
            "ordering": "updated_at",
            "limit": str(self.settings.page_size),
            "published_at_gte": since,
            **({"updated_at_gte": cursor} if cursor else {}),
        }
        url: str | None = self.http.url("v4/articles/")
        found: list[dict[str, Any]] = []
        for _ in range(self.settings.pages):
            if url is None:
                break
            if not self.http.same_origin(url):
                raise FeedError(f"{FEED_NAME}: a pagination link points elsewhere ({url[:80]})")
            page = read_page(await self.http.get_json(url, params, budget), FEED_NAME)
            found += page.results
            url, params = page.next, None  # the next link carries the query
        return found


def newest_update(raws: list[dict[str, Any]], cursor: str) -> str:
    """The newest ``updated_at`` among the articles read (as SNAPI wrote it), or the old cursor."""
    best, best_at = cursor, _at(cursor)
    for raw in raws:
        at = _at(raw.get("updated_at"))
        if at is not None and (best_at is None or at > best_at):
            best, best_at = str(raw["updated_at"]), at
    return best


def _at(text: Any) -> datetime | None:
    try:
        return upstream_instant(text) if text else None
    except (TypeError, ValueError):
        return None


class NewsPoller(pacing.Scheduled[NewsState]):
    """Polls SNAPI for the race's news and offers new articles to the review queue."""

    def __init__(
        self,
        store: Store,
        kb: KnowledgeBase,
        client: SNAPIClient,
        settings: NewsSettings,
        *,
        clock: Callable[[], datetime],
        hooks: list[NewsHook] | None = None,
    ) -> None:
        self.store, self.kb, self.client, self.settings, self.clock = store, kb, client, settings, clock
        self.hooks = hooks if hooks is not None else []  # run inside the queue's transaction
        self.state = NewsState.load(store)
        self.budget = Budget(settings.per_hour, self.state.requests, clock)
        self._lock = asyncio.Lock()

    def reload(self) -> None:
        """Read the schedule and budget as stored: another process may have polled since we last did."""
        self.state = NewsState.load(self.store)
        self.budget = Budget(self.settings.per_hour, self.state.requests, self.clock)

    def searches(self) -> list[Search]:
        return searches(self.kb)

    def interval(self) -> timedelta:
        """The configured interval, never faster than the budget allows for all the searches."""
        floor = timedelta(seconds=3600 * max(1, len(self.searches())) / max(1, self.settings.per_hour))
        return max(self.settings.every, floor)

    def refusal(self, now: datetime) -> Outcome | None:
        wanted = self.searches()
        if not wanted:
            return Outcome(FEED_NAME, refused=Message("feed.refused.nothing_to_search"))
        if len(wanted) > self.settings.per_hour:
            return Outcome(FEED_NAME, refused=Message("feed.refused.too_many_searches", len(wanted)))
        return pacing.blocked(FEED_NAME, self.state, self.budget, now, need=len(wanted))

    async def poll(self) -> list[Article]:
        """The scheduled poll, if due: the articles newly queued for review."""
        outcome = await self.scheduled()
        return list(outcome.articles) if outcome else []

    async def _run(self, now: datetime) -> Outcome:
        interval = self.interval()
        pacing.started(self.state, now, interval)
        since = iso_instant(now - self.settings.lookback)
        try:
            read = {
                s.key: await self.client.articles(s, self.state.cursors.get(s.key, ""), since, self.budget)
                for s in self.searches()
            }
        except RateLimited as exc:
            pacing.rate_limited(self.state, exc, now, interval)
        except FeedError as exc:
            pacing.failed(self.state, str(exc), now, interval)
        else:
            new = await self.store.arun(lambda store: self._commit(store, read, now))
            return Outcome(FEED_NAME, ran=True, error=self.state.last_error, articles=tuple(new))
        await self.store.arun(self.state.save)
        return Outcome(FEED_NAME, ran=True, error=self.state.last_error)

    def _read(self, raws: list[dict[str, Any]], old: str) -> tuple[list[Article], list[str], str]:
        """One search's articles about the race, its problems, and where its cursor moves.

        The cursor stops at the first malformed article (``updated_at_gte`` reads it again next
        time), so an answer that was only briefly broken loses nothing.
        """
        articles, problems, broken = [], [], None
        for raw in raws:
            try:
                article = to_article(raw, self.kb)
            except FeedError as exc:
                problems.append(str(exc))
                broken = broken or raw
                continue
            if article.contenders:  # SNAPI matched it; so must we, or it is not about the race
                articles.append(article)
        if broken is None:
            return articles, problems, newest_update(raws, old)
        return articles, problems, newest_update([broken], old) if _at(broken.get("updated_at")) else old

    def _commit(self, store: Store, read: dict[str, list[dict[str, Any]]], now: datetime) -> list[Article]:
        """Queue the new articles, move the cursors and save the state: one transaction."""
        by_id: dict[int, Article] = {}
        problems: list[str] = []
        cursors: dict[str, str] = {}
        for key, raws in read.items():
            articles, trouble, cursors[key] = self._read(raws, self.state.cursors.get(key, ""))
            problems += trouble
            for article in articles:
                by_id.setdefault(article.id, article)
        new = NewsQueue(store).offer(sorted(by_id.values(), key=lambda a: (a.published, a.id)), iso_instant(now))
        for hook in self.hooks:
            hook(store, new)
        draft = replace(
            self.state,
            cursors={k: v for k, v in cursors.items() if v},
            last_new=len(new),
            failures=0,
            last_error="; ".join(problems[:3]),
            last_error_at=iso_instant(now) if problems else "",
        )
        draft.save(store)
        store.after_commit(lambda: self._adopt(draft))
        return new

    def _adopt(self, draft: NewsState) -> None:
        """The in-memory state follows the disk only once the transaction committed."""
        self.state.cursors, self.state.last_new, self.state.failures = draft.cursors, draft.last_new, 0
        self.state.last_error, self.state.last_error_at = draft.last_error, draft.last_error_at

    # ---- what /feed status reads (bot.feed.status) ----------------------------------

    def pending(self) -> int:
        """Articles waiting for an admin's review (read under the writer's lock by the caller)."""
        return len(NewsQueue(self.store).pending())
