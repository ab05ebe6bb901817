"""The Launch Library 2 feed against a local LL2-shaped server, with a controllable clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import aiohttp
import pytest

from bot.alerts.delivery import RateLimiter
from bot.alerts.records import Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App
from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.models import MilestoneStatus, Precision
from bot.facts.service import AdminService
from bot.feed.ll2 import FeedPoller, FeedSettings, LL2Client, parse_launch
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.ll2_server import FakeLL2, launch

ADMIN = Actor("42", "ada")
LAUNCH = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
STYLE = IsoStyle()


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
    feed_settings = FeedSettings(base_url=f"http://127.0.0.1:{ll2.port}", **settings)
    return admin, FeedPoller(admin.editor, LL2Client(session, feed_settings), feed_settings)


async def test_a_slip_upstream_becomes_one_alert(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session)
    channels = FakeChannels()
    mini_service.store.run(lambda s: save_subscription(s, Subscription("s1", 1, 101)))
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-10T12:00:00Z", precision=1, status=1)
    assert await poller.poll() == []  # matches what we have: nothing changes (status Go = confirmed)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-01-13T09:30:00Z", precision=1, status=1)
    clock.advance(poller.interval(clock()).total_seconds())
    changes = await poller.poll()
    assert len(changes) == 1
    m = mini_service.kb.milestones["beta-test"]
    assert (m.date, m.precision) == ("2030-01-13T09:30:00Z", Precision.TIME)
    assert m.status is MilestoneStatus.SLIPPED or m.status is MilestoneStatus.CONFIRMED
    assert admin.editor.history("beta-test")[0].by == "Launch Library 2 (ll2)"
    clock.advance(61)
    dispatcher = App.around(mini_service).dispatcher(channels, STYLE, limiter=RateLimiter(per_second=1e6))
    await dispatcher.tick()
    [message] = channels.messages[101]
    assert "slipped 2 days 21 hours later" in message.card.title
    assert "Launch Library 2" in message.card.description and LAUNCH in message.card.description
    clock.advance(poller.interval(clock()).total_seconds())
    assert await poller.poll() == []  # an unchanged poll changes nothing
    assert len(ll2.requests) == 3 and all(r["id__in"] == LAUNCH for r in ll2.requests)
    assert any("window 2030-01-13T09:30:00Z" in line for line in poller.status_lines())


async def test_pinned_milestone_is_not_changed_and_the_disagreement_shows(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    admin, poller = setup_feed(mini_service, ll2, session)
    admin.editor.apply(admin.editor.pin(ADMIN, "beta-test", True))
    ll2.launches[LAUNCH] = launch(LAUNCH, "2030-02-01T00:00:00Z", precision=7, status=2)
    assert await poller.poll() == []
    assert mini_service.kb.milestones["beta-test"].date == "2030-01-10T12:00:00Z"
    assert any("pinned" in line and "2030-02-01" in line for line in poller.status_lines())


@pytest.mark.parametrize("fault", ["500", "garbage", "partial", "slow"])
async def test_faults_change_nothing_and_are_visible(
    mini_service: RaceService,
    clock: Clock,
    ll2: FakeLL2,
    session: aiohttp.ClientSession,
    fault: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.feed.ll2.TIMEOUT", 0.5)
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2031-01-01T00:00:00Z")
    ll2.fault = fault
    before = mini_service.kb.milestones["beta-test"].date
    assert await poller.poll() == []
    assert mini_service.kb.milestones["beta-test"].date == before
    assert poller.state.last_error and "Last error: none" not in poller.status_lines()[4]
    clock.advance(poller.interval(clock()).total_seconds())
    assert len(await poller.poll()) == 1  # recovers on the next poll
    assert poller.state.last_error == ""


async def test_429_honours_retry_after(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    ll2.launches[LAUNCH] = launch(LAUNCH, "2031-01-01T00:00:00Z")
    ll2.fault, ll2.retry_after = "429", 5 * 3600  # longer than the normal 3 h interval
    await poller.poll()
    assert "429" in poller.state.last_error
    clock.advance(poller.interval(clock()).total_seconds())
    await poller.poll()
    assert len(ll2.requests) == 1  # the interval passed, but not Retry-After: no request
    clock.advance(2 * 3600)
    assert len(await poller.poll()) == 1


async def test_a_vanished_launch_keeps_the_last_good_data(
    mini_service: RaceService, clock: Clock, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session)
    before = mini_service.kb.milestones["beta-test"].date
    await poller.poll()
    assert mini_service.kb.milestones["beta-test"].date == before
    assert "not found upstream" in poller.state.last_error


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
        if len(ll2.requests) > before:
            stamps.append(clock())
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


async def test_token_is_sent_when_configured(
    mini_service: RaceService, ll2: FakeLL2, session: aiohttp.ClientSession
) -> None:
    _admin, poller = setup_feed(mini_service, ll2, session, token="sekrit")
    await poller.poll()
    assert ll2.requests[0]["auth"] == "Token sekrit"
