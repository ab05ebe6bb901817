"""The Launch Library 2 feed against a local LL2-shaped server (tests/ll2_server.py), with a controllable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.alerts.delivery import RateLimiter
from bot.alerts.outbox import outbox_depth
from bot.alerts.records import Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App
from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.models import MilestoneStatus, Precision
from bot.facts.service import AdminService
from bot.feed.http import USER_AGENT, Budget, HttpSettings, retry_after_seconds
from bot.feed.ll2 import FeedPoller, FeedSettings, LL2Client, parse_launch
from bot.feed.ll2_records import GENERIC_REASON
from bot.feed.status import ll2_lines
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.ll2_server import FakeLL2, launch, update

ADMIN = Actor("42", "ada")
LAUNCH = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
OTHER = "9f1d2c3b-0000-4000-8000-000000000001"
STYLE = IsoStyle()
FAST = {"timeout": 0.5, "retries": 1, "backoff": 0.01}


@pytest.fixture
async def ll2() -> AsyncIterator[FakeLL2]:
    server = FakeLL2()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s


def setup_feed(
    service: RaceService, ll2: FakeLL2, session: aiohttp.ClientSession, **settings
) -> tuple[AdminService, FeedPoller]:
    admin = App.around(service).facts
    admin.editor.apply(admin.editor.track(ADMIN, "beta-test", LAUNCH))
    feed_settings = FeedSettings(base_url=f"http://127.0.0.1:{ll2.port}", http=HttpSettings(**FAST), **settings)
    return admin, FeedPoller(admin.editor, LL2Client(session, feed_settings), feed_settings)


async def deliver(service: RaceService, clock: Clock) -> FakeChannels:
    """What a subscribed channel (#101) is sent once the merge window has passed."""
    channels = FakeChannels()
    clock.advance(61)
    await App.around(service).dispatcher(channels, STYLE, limiter=RateLimiter(per_second=1e6)).tick()
    return channels


def subscribe(service: RaceService) -> None:
    service.store.run(lambda s: save_subscription(s, Subscription("s1", 1, 101)))


async def test_a_slip_upstream_becomes_one_alert_that_says_why(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session)
    subscribe(mini_service)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z", precision=1, status=1)
    assert await poller.poll() == []  # matches what we have: nothing changes (status Go = confirmed)
    ll2.launches[LAUNCH] = launch(
        LAUNCH,
        "2030-01-13T09:30:00Z",
        last_updated="2026-11-24T13:00:00Z",
        updates=[
            update("Go for launch.", "2026-11-20T08:00:00Z", "https://example.org/old"),
            update(
                "Delayed three days: a valve on the second stage is being replaced.",
                "2026-11-24T12:55:00Z",
                "https://example.org/valve",
            ),
            update("Weather 80% go.", "2026-11-22T08:00:00Z", "https://example.org/weather"),
        ],
    )
    clock.advance(poller.interval(clock()).total_seconds())
    changes = await poller.poll()
    assert len(changes) == 1
    m = mini_service.kb.milestones["beta-test"]
    assert (m.date, m.precision, m.status) == ("2030-01-13T09:30:00Z", Precision.TIME, MilestoneStatus.CONFIRMED)
    [latest, *_] = admin.editor.history("beta-test")
    assert latest.by == "Launch Library 2 (ll2)"
    assert latest.reason == "Delayed three days: a valve on the second stage is being replaced."
    assert latest.source == "https://example.org/valve"
    [message] = (await deliver(mini_service, clock)).messages[101]
    assert "slipped 2 days 21 hours later" in message.card.title
    assert "Why: Delayed three days: a valve on the second stage is being replaced." in message.card.description
    assert "Source: https://example.org/valve" in message.card.description
    assert "Changed by Launch Library 2" in message.card.description
    clock.advance(poller.interval(clock()).total_seconds())
    assert await poller.poll() == []  # an unchanged poll changes nothing
    lists, details = ll2.list_requests(), ll2.detail_requests()
    assert len(lists) == 3 and all(r["id"] == LAUNCH and r["mode"] == "list" for r in lists)
    assert not any("id__in" in r for r in ll2.requests)
    assert [(r["path"], r["mode"]) for r in details] == [(f"/2.3.0/launches/{LAUNCH}/", "detailed")]  # the why, once
    assert any("window 2030-01-13T09:30:00Z" in line for line in ll2_lines(poller, STYLE))


async def test_the_stand_in_answers_id__in_like_ll2_with_an_unrelated_page(
    ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    """LL2 has no ``id__in``: django-filter ignores it and answers its default page. A client sending
    it (the old bug) sees no tracked launch and, without a per-launch fetch, would report them lost."""
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z")
    base = f"http://127.0.0.1:{ll2.port}/2.3.0/launches/"
    async with session.get(base, params={"id__in": LAUNCH, "mode": "list"}) as response:
        body = await response.json()
    assert response.status == 200 and body["count"] == 13 and len(body["results"]) == 10
    assert LAUNCH not in {r["id"] for r in body["results"]} and body["next"]
    assert "updates" not in body["results"][0] and "pad" not in body["results"][0]  # list mode: LaunchBasic
    async with session.get(base, params={"id": LAUNCH, "mode": "list"}) as response:
        body = await response.json()
    assert [r["id"] for r in body["results"]] == [LAUNCH] and body["next"] is None
    async with session.get(base, params={"id": "not-a-uuid"}) as response:
        assert response.status == 400
    async with session.get(f"{base}{OTHER}/") as response:
        assert response.status == 404 and (await response.json())["detail"] == "No Launch matches the given query."
    async with session.get(f"{base}{LAUNCH}/") as response:
        detailed = await response.json()
    assert {"updates", "info_urls", "vid_urls", "timeline", "pad"} <= set(detailed)


async def test_when_the_id_filter_is_ignored_each_launch_is_fetched_alone(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    """Should LL2 ever ignore ``id``, the answer is checked, not trusted: unrelated launches change
    nothing, paging does not walk the catalogue, and the tracked launch is fetched on its own."""
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.honour_ids = False
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-12T00:00:00Z", precision=5, status=8)
    changes = await poller.poll()
    assert len(changes) == 1 and mini_service.kb.milestones["beta-test"].date == "2030-01-12T00:00:00Z"
    assert len(ll2.list_requests()) == 1 and len(ll2.detail_requests()) == 1
    assert poller.state.last_error == "" and poller.state.missing == {}
    assert len(mini_service.kb.milestones) == 3  # no background launch became anything


async def test_many_tracked_launches_are_paged_with_next(
    mini_service: RaceService,
    clock: Clock,
    ll2: FakeLL2,
    session: aiohttp.ClientSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.feed.ll2.PAGE_MAX", 1)  # as if more than 100 launches were tracked
    admin, poller = setup_feed(mini_service, ll2, session)
    admin.editor.apply(admin.editor.track(ADMIN, "beta-launch", OTHER))
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z")
    ll2.launches[OTHER] = launch(OTHER, "2030-03-15T00:00:00Z", precision=7, status=2)
    assert await poller.poll() == []
    first, second = ll2.list_requests()
    assert first["limit"] == "1" and "offset" not in first and second["offset"] == "1"
    assert ll2.detail_requests() == [] and poller.state.missing == {} and poller.state.last_error == ""


async def test_a_launch_missing_everywhere_is_reported_never_a_change(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    subscribe(mini_service)
    before = mini_service.kb.milestones["beta-test"].date
    assert await poller.poll() == []
    assert [r["path"] for r in ll2.detail_requests()] == [f"/2.3.0/launches/{LAUNCH}/"]  # asked alone: 404
    assert mini_service.kb.milestones["beta-test"].date == before
    assert "not found upstream" in poller.state.last_error
    assert any("Beta test flight: launch" in line and "missing upstream" in line for line in ll2_lines(poller, STYLE))
    assert outbox_depth(mini_service.store) == 0
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z")  # it is back, unchanged
    clock.advance(poller.interval(clock()).total_seconds())
    assert await poller.poll() == []
    assert poller.state.missing == {} and poller.state.last_error == ""
    assert not any("missing upstream" in line for line in ll2_lines(poller, STYLE))


async def test_pinned_milestone_is_not_changed_and_the_disagreement_shows(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session)
    admin.editor.apply(admin.editor.pin(ADMIN, "beta-test", True))
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-02-01T00:00:00Z", precision=7, status=2)
    assert await poller.poll() == []
    assert mini_service.kb.milestones["beta-test"].date == "2030-01-10T12:00:00Z"
    assert any("pinned" in line and "2030-02-01" in line for line in ll2_lines(poller, STYLE))
    assert ll2.detail_requests() == []  # no budget spent on why a pinned launch moved


@pytest.mark.parametrize(
    ("fault", "times"), [("500", 2), ("503", 2), ("slow", 2), ("truncated", 2), ("garbage", 1), ("partial", 1)]
)
async def test_faults_change_nothing_and_are_visible(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession, fault: str, times: int
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    subscribe(mini_service)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2031-01-01T00:00:00Z")
    ll2.fail(fault, times)  # transient faults are retried once, so they must last two requests
    before = mini_service.kb.milestones["beta-test"].date
    assert await poller.poll() == []
    assert mini_service.kb.milestones["beta-test"].date == before and outbox_depth(mini_service.store) == 0
    assert len(ll2.requests) == times
    last_error = next(line for line in ll2_lines(poller, STYLE) if line.startswith("Last error"))
    assert poller.state.last_error and last_error != "Last error: none"
    clock.advance(poller.interval(clock()).total_seconds())
    assert len(await poller.poll()) == 1  # recovers on the next poll
    assert poller.state.last_error == "" and poller.state.failures == 0
    assert outbox_depth(mini_service.store) == 1


async def test_a_passing_5xx_is_retried_within_the_poll_and_budgeted(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z")
    ll2.fault = "503"
    assert await poller.poll() == []
    assert len(ll2.requests) == 2 and poller.state.last_error == ""
    assert poller.requests_left() == 13  # both attempts count


async def test_repeated_failures_back_off(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.fail("garbage", 10)
    gaps = []
    for _ in range(3):
        start = clock()
        await poller.poll()
        gaps.append(datetime.fromisoformat(poller.state.next_poll.replace("Z", "+00:00")) - start)
        clock.now = start + gaps[-1]
    assert gaps == [timedelta(hours=3), timedelta(hours=6), timedelta(hours=6)]  # 3 h, doubled, capped
    assert poller.state.failures == 3


async def test_429_honours_retry_after_even_for_an_admin(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2031-01-01T00:00:00Z")
    ll2.fault, ll2.retry_after = "429", 5 * 3600  # longer than the normal 3 h interval
    await poller.poll()
    assert "429" in poller.state.last_error and len(ll2.requests) == 1  # a 429 is not retried at once
    clock.advance(poller.interval(clock()).total_seconds())
    await poller.poll()
    refused = await poller.poll_now()
    assert len(ll2.requests) == 1  # the interval passed, but not Retry-After: no request, not even /feed poll
    assert not refused.ran and "429" in refused.refused
    assert refused.next_allowed == datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
    assert any(line.startswith("⏳ Retry-After") for line in ll2_lines(poller, STYLE))
    clock.advance(2 * 3600)
    assert len(await poller.poll()) == 1


async def test_the_budget_counts_every_request_and_a_refusal_says_when(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session, per_hour=2)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-11T12:00:00Z", updates=[update("Slip.", "2026-11-24T11:00:00Z")])
    assert len(await poller.poll()) == 1  # the list, and the detailed fetch for why: 2 requests
    assert poller.requests_left() == 0
    clock.advance(600)
    refused = await poller.poll_now()
    assert not refused.ran and "budget" in refused.refused and len(ll2.requests) == 2
    assert refused.next_allowed == datetime(2026, 11, 24, 13, 0, 1, tzinfo=UTC)
    assert "Requests left this hour: 0 of 2 (next allowed 2026-11-24 13:00 UTC)" in ll2_lines(poller, STYLE)


async def test_without_budget_for_the_why_the_change_still_applies(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session, per_hour=1)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-11T12:00:00Z", updates=[update("Slip.", "2026-11-24T11:00:00Z")])
    assert len(await poller.poll()) == 1 and len(ll2.requests) == 1
    latest = admin.editor.history("beta-test")[0]
    assert latest.reason == GENERIC_REASON and latest.source == f"https://ll.thespacedevs.com/2.3.0/launches/{LAUNCH}/"


async def test_an_update_older_than_what_we_saw_is_not_the_why(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session)
    old = [update("Go for launch.", "2026-11-20T08:00:00Z")]
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z", updates=old, last_updated="2026-11-21T00:00:00Z")
    await poller.poll()
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T18:00:00Z", updates=old, last_updated="2026-11-24T12:00:00Z")
    clock.advance(poller.interval(clock()).total_seconds())
    assert len(await poller.poll()) == 1
    assert admin.editor.history("beta-test")[0].reason == GENERIC_REASON


async def test_budget_holds_over_a_simulated_day(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    """The tracked launch is 12 hours away: the poller wants every 5 min but spends at most 15 an hour."""
    _admin, poller = setup_feed(mini_service, ll2, session)
    event = clock() + timedelta(hours=12)
    ll2.launches[LAUNCH] = launch(LAUNCH, event.strftime("%Y-%m-%dT%H:%M:%SZ"))
    stamps: list[datetime] = []
    end = clock() + timedelta(days=1)
    while clock() < end:
        before = len(ll2.requests)
        await poller.poll()
        stamps += [clock()] * (len(ll2.requests) - before)
        clock.advance(60)
    assert stamps
    for i, start in enumerate(stamps):
        in_hour = [t for t in stamps[i:] if t < start + timedelta(hours=1)]
        assert len(in_hour) <= 15
    near = [t for t in stamps if abs(t - event) < timedelta(hours=1)]
    far = [t for t in stamps if t > event + timedelta(hours=7)]
    assert len(near) >= 10  # often near the date …
    assert len(far) <= 4  # … rarely after it


def test_parse_launch_maps_precision_and_status() -> None:
    up = parse_launch(launch(LAUNCH, "2030-10-17T13:45:00Z", precision=11, status=8))
    assert up.precision is Precision.QUARTER and up.date == "2030-10-01T00:00:00Z"
    assert up.status is MilestoneStatus.PLANNED
    with pytest.raises(Exception, match="malformed"):
        parse_launch({"id": LAUNCH})


def test_budget_slides_over_the_hour_and_retry_after_reads_both_forms() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    budget = Budget(2, [], lambda: now)
    budget.spend(now - timedelta(minutes=50))
    budget.spend(now - timedelta(minutes=10))
    assert budget.left(now) == 0
    assert budget.next_allowed(now) == now + timedelta(minutes=10, seconds=1)
    assert budget.left(now + timedelta(minutes=11)) == 1
    assert budget.next_allowed(now, need=2) == now + timedelta(minutes=50, seconds=1)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Tue, 24 Nov 2026 12:10:00 GMT", now) == 600
    assert retry_after_seconds("soon") == 60


async def test_token_and_user_agent_are_sent(
    mini_service: RaceService, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session, token="sekrit")
    await poller.poll()
    assert ll2.requests[0]["auth"] == "Token sekrit"
    assert ll2.requests[0]["agent"] == USER_AGENT and "race-bot" in USER_AGENT
