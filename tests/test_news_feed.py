"""The Spaceflight News API poller against a local SNAPI-shaped server (tests/snapi_server.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.app import App
from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.facts.news import Article, NewsQueue
from bot.feed.http import USER_AGENT, HttpSettings
from bot.feed.snapi import NewsPoller, NewsSettings, SNAPIClient, searches
from bot.feed.status import news_lines
from bot.infra.store import Store
from tests.conftest import Clock
from tests.snapi_server import FakeSNAPI, article

ADMIN = Actor("42", "ada")
LAUNCH = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
FAST = HttpSettings(timeout=0.5, retries=1, backoff=0.01)


@pytest.fixture
async def snapi() -> AsyncIterator[FakeSNAPI]:
    server = FakeSNAPI()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


def make_poller(
    service: RaceService,
    snapi: FakeSNAPI,
    session: aiohttp.ClientSession,
    *,
    track: bool = True,
    keywords: tuple[str, ...] = ("Alpha Project", "cat-flight"),
    **settings,
) -> NewsPoller:
    """Beta's test flight tracks LAUNCH; Alpha has keywords (as an admin would set them)."""
    app = App.around(service)
    if track:
        app.editor.apply(app.editor.track(ADMIN, "beta-test", LAUNCH))
    service.kb.contenders["alpha"].news_keywords = list(keywords)
    news = NewsSettings(base_url=f"http://127.0.0.1:{snapi.port}", http=FAST, **settings)
    return NewsPoller(service.store, service.kb, SNAPIClient(session, news), news, clock=service.clock)


def queued(store: Store) -> list[Article]:
    return [q.article for q in store.run(lambda s: NewsQueue(s).pending())]


def race_news(snapi: FakeSNAPI) -> None:
    snapi.add(
        article(1, "Beta test flight rolls out", launches=(LAUNCH,), published="2026-11-24T09:00:00Z"),
        article(2, "Alpha Project wins funding", site="SpaceflightNow", summary="Big news for @everyone."),
        article(3, "Quiet week", summary="The cat-flight crew trains.", published="2026-11-23T10:00:00Z"),
        article(4, "Unrelated rocket news", summary="Nothing about the race."),
        article(5, "An old Alpha Project story", published="2025-01-01T00:00:00Z"),  # outside the lookback
    )


async def test_articles_linked_to_launches_or_matching_keywords_are_queued_once(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session)
    race_news(snapi)
    new = await poller.poll()
    assert [a.id for a in new] == [3, 1, 2]  # oldest publication first; 4 is not about the race, 5 too old
    by_id = {a.id: a for a in new}
    assert by_id[1].launches == (LAUNCH,) and by_id[1].contenders == ("beta",)
    two = by_id[2]
    assert (two.title, two.url, two.site, two.published) == (
        "Alpha Project wins funding",
        "https://example.org/news/2",
        "SpaceflightNow",
        "2026-11-24T10:00:00Z",
    )
    assert two.contenders == ("alpha",) and "@everyone" not in two.summary  # it can never ping
    assert by_id[3].contenders == ("alpha",)  # matched in the summary
    assert sorted(a.id for a in queued(mini_service.store)) == [1, 2, 3]
    params = [{k: v for k, v in r.items() if k not in ("path", "agent")} for r in snapi.requests]
    since = "2026-11-17T12:00:00Z"
    common = {"ordering": "updated_at", "limit": "100", "published_at_gte": since}
    assert params == [
        {"launch": LAUNCH, **common},
        {"title_contains_one": "Alpha Project,cat-flight", **common},
        {"summary_contains_one": "Alpha Project,cat-flight", **common},
    ]
    assert all(r["agent"] == USER_AGENT for r in snapi.requests)

    clock.advance(poller.interval().total_seconds())
    snapi.requests.clear()
    assert await poller.poll() == []  # nothing new: each article is offered once
    assert all(r["updated_at_gte"] for r in snapi.requests)  # and only what changed since is asked for
    assert len(queued(mini_service.store)) == 3
    snapi.add(
        article(6, "Alpha Project: the premiere", updated="2026-11-24T12:30:00Z", published="2026-11-24T12:30:00Z")
    )
    clock.advance(poller.interval().total_seconds())
    assert [a.id for a in await poller.poll()] == [6]


async def test_the_stand_in_ignores_unknown_parameters_like_snapi(
    snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    """A misspelt filter (``launch__in``, ``title_contains_any``) is ignored: the answer is the default
    page of everything, so a client using one would queue unrelated news and the tests would see it."""
    race_news(snapi)
    base = f"http://127.0.0.1:{snapi.port}/v4/articles/"
    async with session.get(base, params={"launch__in": LAUNCH, "title_contains_any": "nothing"}) as response:
        body = await response.json()
    assert body["count"] == 5 and [a["id"] for a in body["results"]] == [4, 2, 1, 3, 5]  # newest publication first
    async with session.get(base, params={"launch": LAUNCH}) as response:
        assert [a["id"] for a in (await response.json())["results"]] == [1]
    async with session.get(base, params={"title_contains_one": "quiet,funding", "limit": "1"}) as response:
        body = await response.json()
    assert body["count"] == 2 and len(body["results"]) == 1 and "offset=1" in body["next"]
    for bad in ({"launch": "nope"}, {"ordering": "title"}, {"published_at_gte": "yesterday"}):
        async with session.get(base, params=bad) as response:
            assert response.status == 400
    async with session.get(f"{base}999/") as response:
        assert response.status == 404


async def test_pages_are_followed_and_the_cursor_carries_the_rest(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session, track=False, keywords=("Alpha",), page_size=2, pages=2)
    for i in range(7):
        stamp = f"2026-11-24T0{i}:00:00Z"
        snapi.add(article(10 + i, f"Alpha story {i}", published=stamp, updated=stamp))
    first = await poller.poll()
    assert [a.id for a in first] == [10, 11, 12, 13]  # two pages of two, oldest update first
    title_requests = [r for r in snapi.requests if "title_contains_one" in r]
    assert len(title_requests) == 2 and title_requests[1]["offset"] == "2"
    clock.advance(poller.interval().total_seconds())
    assert [a.id for a in await poller.poll()] == [14, 15, 16]  # the rest, from the cursor
    assert len(queued(mini_service.store)) == 7


@pytest.mark.parametrize(("fault", "times"), [("500", 2), ("502", 2), ("slow", 2), ("truncated", 2), ("garbage", 1)])
async def test_faults_queue_nothing_and_keep_the_cursor(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession, fault: str, times: int
) -> None:
    poller = make_poller(mini_service, snapi, session)
    race_news(snapi)
    await poller.poll()
    cursors = dict(poller.state.cursors)
    snapi.add(article(7, "Alpha Project delays", updated="2026-11-24T12:30:00Z"))
    clock.advance(poller.interval().total_seconds())
    snapi.requests.clear()
    snapi.faults = ["", ""] + [fault] * times  # the launch and title searches answer; the summary one fails
    assert await poller.poll() == []
    assert len(queued(mini_service.store)) == 3 and poller.state.cursors == cursors  # all or nothing
    assert poller.state.last_error and poller.state.failures == 1
    assert any(line.startswith("Last error: Spaceflight News") for line in news_lines(poller, IsoStyle()))
    clock.advance(poller.interval().total_seconds())
    assert [a.id for a in await poller.poll()] == [7]  # recovers: nothing was lost
    assert poller.state.last_error == "" and poller.state.failures == 0


async def test_a_broken_article_is_skipped_and_read_again_later(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session, track=False)
    race_news(snapi)
    snapi.fail("partial", 2)  # both keyword searches answer with url and published_at missing
    assert await poller.poll() == []
    assert "malformed article" in poller.state.last_error
    clock.advance(poller.interval().total_seconds())
    assert sorted(a.id for a in await poller.poll()) == [2, 3]  # the cursor had stopped at the first broken one


async def test_429_is_honoured_and_an_admin_is_told_when(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session)
    snapi.fail("429")
    snapi.retry_after = 1800
    assert await poller.poll() == []
    assert len(snapi.requests) == 1 and "429" in poller.state.last_error
    clock.advance(poller.interval().total_seconds())
    refused = await poller.poll_now()
    assert not refused.ran and refused.next_allowed == datetime(2026, 11, 24, 12, 30, tzinfo=UTC)
    assert await poller.poll() == [] and len(snapi.requests) == 1
    clock.advance(15 * 60)
    race_news(snapi)
    assert len(await poller.poll()) == 3


async def test_a_vanished_article_stays_queued_and_is_no_error(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session)
    race_news(snapi)
    await poller.poll()
    snapi.deleted.add(2)  # SNAPI soft-deletes: it is gone from every answer
    clock.advance(poller.interval().total_seconds())
    assert await poller.poll() == []
    assert poller.state.last_error == "" and 2 in {a.id for a in queued(mini_service.store)}


async def test_the_budget_covers_whole_polls_and_the_interval_fits_it(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session, per_hour=4)
    assert poller.interval() == timedelta(minutes=45)  # 3 searches a poll, 4 requests an hour
    await poller.poll()
    clock.advance(60)
    refused = await poller.poll_now()
    assert not refused.ran and "budget" in refused.refused and len(snapi.requests) == 3
    assert refused.next_allowed == datetime(2026, 11, 24, 13, 0, 1, tzinfo=UTC)  # when 3 fit again
    tight = NewsPoller(
        mini_service.store, mini_service.kb, poller.client, replace(poller.settings, per_hour=2), clock=clock
    )
    assert (await tight.poll_now()).refused == "3 searches do not fit the hourly budget"


async def test_nothing_to_search_asks_nothing(
    mini_service: RaceService, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session, track=False, keywords=())
    assert searches(mini_service.kb) == []
    assert await poller.poll() == [] and (await poller.poll_now()).refused.startswith("nothing to search")
    assert snapi.requests == []


async def test_new_keywords_start_their_own_search_and_hooks_share_the_transaction(
    mini_service: RaceService, clock: Clock, snapi: FakeSNAPI, session: aiohttp.ClientSession
) -> None:
    poller = make_poller(mini_service, snapi, session, track=False, keywords=("funding",))
    seen: list[tuple[int, list[int]]] = []
    poller.hooks.append(lambda store, new: seen.append((len(NewsQueue(store).pending()), [a.id for a in new])))
    race_news(snapi)
    assert [a.id for a in await poller.poll()] == [2]
    mini_service.kb.contenders["beta"].news_keywords = ["quiet week"]
    clock.advance(poller.interval().total_seconds())
    assert [a.id for a in await poller.poll()] == [3]  # a new search looks back, not from the old cursor
    assert seen == [(1, [2]), (2, [3])]  # the hook sees the queue as it is being written
    status = news_lines(poller, IsoStyle())
    assert "Articles waiting for review: 2 (/facts news review)" in status
    assert status[0] == "Searches: 0 tracked launch(es); 2 keyword(s) for 2 contender(s)"
