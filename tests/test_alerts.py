"""Alerts end to end in the core: edits → outbox → deliveries → sends, with a controllable clock."""

from __future__ import annotations

import ast
import asyncio
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.alerts.delivery import AlertDispatcher, RateLimiter
from bot.alerts.records import (
    ALL_KINDS,
    FINISHED,
    TRANSITIONS,
    AlertKind,
    AlertSettings,
    Delivery,
    DeliveryState,
    InvalidTransition,
    OutboxAlert,
    SentReminder,
    Snapshot,
    Subscription,
    SubscriptionState,
    load,
    transition,
)
from bot.alerts.render import describe_move
from bot.alerts.subscriptions import parse_quiet, save_subscription, subscriptions
from bot.alerts.subscriptions import subscribe as subscribe_channel
from bot.app import App
from bot.ask.service import RaceService
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.facts.service import AdminService
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.mini_race import mini_race

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()


def subscribe(service: RaceService, channel: int, **extra) -> Subscription:
    sub = Subscription(id=f"s{channel}", guild_id=1, channel_id=channel, **extra)
    service.store.run(lambda s: save_subscription(s, sub))
    return sub


def instant_limiter() -> RateLimiter:
    async def no_sleep(_seconds: float) -> None:
        await asyncio.sleep(0)

    return RateLimiter(per_second=1e9, sleep=no_sleep)


def make(service: RaceService, channels: FakeChannels) -> tuple[AdminService, AlertDispatcher]:
    app = App.around(service)
    return app.facts, app.dispatcher(channels, STYLE, limiter=instant_limiter())


async def test_edit_reaches_each_subscribed_channel_exactly_once(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    for ch in (101, 102, 103):
        subscribe(mini_service, ch)
    subscribe(mini_service, 104, contender="alpha")  # filtered out: the change is Beta's
    outcome = admin.set_date(ADMIN, "beta launch", "2030-03-04", "https://example.org/s", "delay", STYLE)
    assert "3** subscribed channel" in outcome.reply.pages[0].description
    assert outcome.pending is not None
    admin.commit(outcome.pending, STYLE)
    await dispatcher.tick()
    assert channels.calls == 0  # still inside the merge window
    clock.advance(61)
    await dispatcher.tick()
    await dispatcher.tick()
    assert {ch: len(msgs) for ch, msgs in channels.messages.items()} == {101: 1, 102: 1, 103: 1}
    text = channels.messages[101][0].card.description.replace("**", "")
    assert "2030-03 → 2030-03-04" in text and "https://example.org/s" in text and "ada (42)" in text
    assert "now known to the day" in channels.messages[101][0].card.title


async def test_changes_within_the_window_merge_first_old_to_last_new(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101)
    admin.set_date(ADMIN, "beta test flight", "2030-01-11 12:00", "", "", STYLE, confirm=False)
    clock.advance(20)
    admin.set_date(ADMIN, "beta test flight", "2030-01-13 12:00", "", "", STYLE, confirm=False)
    clock.advance(61)
    await dispatcher.tick()
    [message] = channels.messages[101]
    assert "2030-01-10 12:00 UTC → 2030-01-13 12:00 UTC" in message.card.description.replace("**", "")
    assert "slipped 3 days later" in message.card.title


async def test_tiny_moves_and_reverted_changes_are_not_announced(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101)
    admin.set_date(ADMIN, "beta test flight", "2030-01-10 11:59:30", "", "", STYLE, confirm=False)  # 30 s earlier
    admin.set_date(ADMIN, "beta launch", "2031", "", "", STYLE, confirm=False)
    admin.undo(ADMIN, None, STYLE, confirm=False)  # back to where it was, within the window
    clock.advance(120)
    await dispatcher.tick()
    assert channels.calls == 0


async def test_forbidden_channel_is_paused_and_others_still_hear(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    channels.forbidden.add(102)
    channels.missing.add(103)
    channels.flaky[104] = 2
    admin, dispatcher = make(mini_service, channels)
    for ch in (101, 102, 103, 104):
        subscribe(mini_service, ch)
    admin.set_status(ADMIN, "milestone", "beta launch", "cancelled", "", "", STYLE, confirm=False)
    clock.advance(61)
    await dispatcher.tick()
    state = {s.channel_id: s.state for s in subscriptions(mini_service.store)}
    assert state == {101: "active", 102: "paused", 104: "active"}  # 103 (unknown channel) removed
    assert len(channels.messages[101]) == 1 and not channels.messages[104]
    for _ in range(3):  # retried with backoff: 2 s, then 4 s
        clock.advance(5)
        await dispatcher.tick()
    assert len(channels.messages[104]) == 1
    assert "now cancelled" in channels.messages[104][0].card.title


async def test_crash_mid_fan_out_then_restart_delivers_the_rest_without_duplicates(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    path = tmp_path / "race.json"
    store = Store(path)
    ensure_seeded(store, mini_race())
    service = RaceService(store, clock=clock)
    channels = FakeChannels()
    for ch in range(200, 260):
        subscribe(service, ch)
    admin, dispatcher = make(service, channels)
    admin.set_date(ADMIN, "beta launch", "2030-05", "", "", STYLE, confirm=False)
    clock.advance(61)
    channels.crash_after = 30  # dies after Discord accepted message 30, before the batch was recorded
    with pytest.raises(asyncio.CancelledError):
        await dispatcher.tick()
    assert 30 <= sum(len(v) for v in channels.messages.values()) < 60  # died mid-way, nothing recorded yet
    channels.crash_after = None
    restarted = RaceService(Store(path), clock=clock)  # a new process reading the file
    await App.around(restarted).dispatcher(channels, STYLE, limiter=instant_limiter()).tick()
    assert {len(channels.messages[ch]) for ch in range(200, 260)} == {1}


async def test_reminders_fire_at_their_offsets_once_and_rearm_after_a_slip(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, kinds=["reminder"])
    event = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)  # "beta test flight", known to the minute
    expected = [(timedelta(days=7), "7 days"), (timedelta(days=1), "1 day"), (timedelta(hours=1), "1 hour")]
    for offset, words in expected:
        clock.now = event - offset - timedelta(seconds=1)
        await dispatcher.tick()
        before = len(channels.messages[101])
        clock.now = event - offset + timedelta(seconds=5)
        await dispatcher.tick()
        await dispatcher.tick()
        assert len(channels.messages[101]) == before + 1
        assert words in channels.messages[101][-1].card.title and "late" not in channels.messages[101][-1].card.title
    # a slip of two days re-arms the 1-day and 1-hour reminders for the new date
    admin.set_date(ADMIN, "beta test flight", "2030-01-12 12:00", "", "", STYLE, confirm=False)
    count = len(channels.messages[101])
    clock.now = datetime(2030, 1, 11, 12, 0, 5, tzinfo=UTC)
    await dispatcher.tick()
    assert len(channels.messages[101]) == count + 1 and "1 day" in channels.messages[101][-1].card.title
    # a cancellation removes the rest
    admin.set_status(ADMIN, "milestone", "beta test flight", "cancelled", "", "", STYLE, confirm=False)
    clock.now = datetime(2030, 1, 12, 11, 0, 5, tzinfo=UTC)
    await dispatcher.tick()
    assert all("⏰" not in m.card.title for m in channels.messages[101][count + 1 :])


async def test_missed_reminders_late_within_grace_skipped_beyond(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    _admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, kinds=["reminder"])
    event = datetime(2030, 1, 10, 12, 0, tzinfo=UTC)
    clock.now = event - timedelta(days=1) + timedelta(minutes=40)  # down over the 1-day reminder, back 40 min later
    await dispatcher.tick()
    assert len(channels.messages[101]) == 1 and "late" in channels.messages[101][0].card.title
    clock.now = event - timedelta(minutes=10)  # down for the 1-hour reminder too, back 50 min late: still in grace
    await dispatcher.tick()
    assert len(channels.messages[101]) == 2
    channels2 = FakeChannels()
    _admin, dispatcher2 = make(mini_service, channels2)
    # the 7-day reminder was skipped at the first tick: more than an hour late, never sent
    assert all("7 days" not in m.card.title for m in channels.messages[101])
    await dispatcher2.tick()
    assert channels2.calls == 0


async def test_month_precision_gets_no_reminders(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    _admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, kinds=["reminder"])
    clock.now = datetime(2030, 2, 28, 23, 30, tzinfo=UTC)  # "beta launch" is March 2030 (month precision)
    await dispatcher.tick()
    assert not any("Beta launch" in m.card.title for m in channels.messages[101])


async def test_quiet_hours_hold_non_urgent_alerts_and_send_one_digest(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, quiet_start="22:00", quiet_end="07:00")
    subscribe(mini_service, 102)
    clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    admin.set_date(ADMIN, "beta launch", "2030-04", "", "", STYLE, confirm=False)
    admin.set_status(ADMIN, "milestone", "beta test flight", "slipped", "", "", STYLE, confirm=False)
    clock.advance(120)
    await dispatcher.tick()
    assert len(channels.messages[102]) == 2 and not channels.messages[101]
    clock.now = datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)
    await dispatcher.tick()
    [digest] = channels.messages[101]
    assert digest.card.title.startswith("Digest: 2 update") and len(digest.card.fields) == 2


async def test_role_mention_is_the_only_mention(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, role_id=555)
    admin.set_date(ADMIN, "beta launch", "2030-04", "", "", STYLE, confirm=False)
    clock.advance(61)
    await dispatcher.tick()
    [message] = channels.messages[101]
    assert message.role_id == 555 and message.content.startswith("<@&555>")


async def test_rate_limiter_spaces_a_fan_out_and_respects_channel_buckets() -> None:
    now = [0.0]
    starts: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        pass

    class Recording(RateLimiter):
        async def acquire(self, channel_id: int) -> None:
            await super().acquire(channel_id)
            starts.append(self._recent[-1])

    limiter = Recording(clock=lambda: now[0], sleep=fake_sleep)  # the defaults the bot uses
    for ch in range(1000):
        await limiter.acquire(ch)
    busiest = max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)
    assert busiest <= 49  # never more than 49 in any second: below Discord's 50, with room for jitter
    assert 1000 / starts[-1] > 46  # and still close to the limit overall
    starts.clear()
    now[0] = 100.0
    for _ in range(6):
        await limiter.acquire(7)
    assert starts[-1] - starts[0] == pytest.approx(5.0)  # the 6th message to one channel waits for its bucket


def test_describe_move_and_quiet_parsing() -> None:
    old = Snapshot(date="2030-01-01T00:00:00Z", precision="month", status="planned")
    new = Snapshot(date="2030-01-04T00:00:00Z", precision="day", status="planned")
    assert describe_move(old, new) == "slipped 3 days later, now known to the day"
    assert parse_quiet("22:00-07:00") == ("22:00", "07:00")
    with pytest.raises(ValueError, match="22:00-07:00"):
        parse_quiet("late evening")


def test_default_settings() -> None:
    s = AlertSettings()
    assert s.window == timedelta(seconds=60) and s.threshold == timedelta(minutes=1)
    assert s.reminder_offsets == (timedelta(days=7), timedelta(days=1), timedelta(hours=1))


def test_delivery_states_change_only_along_the_table() -> None:
    sub = Subscription("1-2", 1, 2)
    now = datetime(2030, 1, 1, 12, 0, 0, 750_000, tzinfo=UTC)
    start = {
        DeliveryState.PENDING: Delivery.create("a@1-2", ["a"], sub, now, None),
        DeliveryState.HELD: Delivery.create("a@1-2", ["a"], sub, now, now + timedelta(hours=1)),
    }
    assert start[DeliveryState.PENDING].next_try_at == now.replace(microsecond=0)  # as stored: whole seconds
    for state, onward in TRANSITIONS.items():
        for new in DeliveryState:
            delivery = start.get(state) or Delivery.from_doc({**start[DeliveryState.PENDING].to_doc(), "state": state})
            if new in onward:
                assert transition(delivery, new).state is new
            else:
                with pytest.raises(InvalidTransition):
                    transition(delivery, new)
    assert {DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.DROPPED, DeliveryState.DIGESTED} == FINISHED
    with pytest.raises(TypeError):
        transition(start[DeliveryState.PENDING], DeliveryState.SENT, state=DeliveryState.PENDING)


def test_nothing_but_records_sets_a_delivery_state() -> None:
    """Rule 1, checked: outside records.py no call in bot/alerts passes ``state=``."""
    alerts = Path(__file__).resolve().parents[1] / "bot" / "alerts"
    offenders = [
        f"{path.name}:{node.lineno}"
        for path in alerts.glob("*.py")
        if path.name != "records.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and any(k.arg == "state" for k in node.keywords)
    ]
    assert offenders == []


def test_stored_documents_load_and_are_written_back_unchanged() -> None:
    """The typed records read what earlier versions stored, and store exactly the same keys and values."""
    snap = {"date": "2030-01-10T12:00:00Z", "precision": "time", "status": "planned"}
    change: dict[str, Any] = {
        "id": "c7-beta-test-flight",
        "kind": "date",
        "milestone": "beta-test-flight",
        "contender": "beta",
        "old": {"date": None, "precision": None, "status": None},
        "new": snap,
        "by": "ada (42)",
        "source": "https://example.org/s",
        "reason": "delay",
        "changes": [7, 9],
        "created_at": "2026-11-24T12:00:00Z",
        "release_at": "2026-11-24T12:01:00Z",
        "released": False,
        "late": False,
    }
    reminder = {**change, "id": "r-x", "kind": "reminder", "old": snap, "changes": [], "offset_seconds": 3600}
    delivery: dict[str, Any] = {
        "id": "c7-beta-test-flight@s101",
        "alerts": ["c7-beta-test-flight"],
        "subscription": "s101",
        "channel_id": 101,
        "state": "held",
        "hold_until": "2026-11-25T07:00:00Z",
        "attempts": 0,
        "next_try_at": "2026-11-24T12:01:00Z",
        "nonce": hashlib.sha1(b"c7-beta-test-flight@s101").hexdigest()[:20],
        "message_id": "",
        "error": "",
    }
    sent = {**delivery, "state": "sent", "hold_until": "", "message_id": "1001", "sent_at": "2026-11-24T12:01:02Z"}
    sub = {
        "id": "1-101",
        "guild_id": 1,
        "channel_id": 101,
        "kinds": ["date", "status", "reminder"],
        "contender": "",
        "role_id": None,
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        "state": "paused",
        "reason": "missing permission: Missing Permissions",
        "created_by": "42",
    }
    for record, doc in ((OutboxAlert, change), (OutboxAlert, reminder), (Delivery, delivery), (Delivery, sent)):
        assert record.from_doc(doc).to_doc() == doc
    assert Delivery.from_doc(sent).settled_at == datetime(2026, 11, 24, 12, 1, 2, tzinfo=UTC)
    assert Delivery.from_doc(delivery).settled_at == datetime(2026, 11, 24, 12, 1, tzinfo=UTC)
    assert Subscription.from_doc(sub).to_doc() == sub
    assert Subscription.from_doc(sub).state is SubscriptionState.PAUSED
    assert SentReminder.from_doc({"key": "k", "at": "2026-11-24T12:00:00Z", "skipped": True}).to_doc()["skipped"]
    # a new delivery's nonce is the one earlier versions computed for the same id
    fresh = Delivery.create(delivery["id"], delivery["alerts"], Subscription("s101", 1, 101), datetime.now(UTC), None)
    assert fresh.nonce == delivery["nonce"]


# ---- news: approved articles, for the channels that asked ---------------------------------------


def _approve(admin: AdminService, number: int, contenders: tuple[str, ...] = ("beta",), **article: str) -> None:
    """An article the feed found (through the queue's interface), added as a source by an admin."""
    from bot.facts.news import Article, NewsQueue

    fields = {
        "title": "Beta slips @everyone <@&999>",
        "url": f"https://news.example/{number}",
        "site": "Space News",
        "published": "2026-11-23T09:30:00Z",
        "summary": "The cat needs more training, says <@123>.",
        **article,
    }
    found = Article(number, contenders=contenders, **fields)  # type: ignore[arg-type]
    admin.service.store.run(lambda s: NewsQueue(s).offer([found], "2026-11-24T00:00:00Z"))
    admin.news_source(ADMIN, number, "beta launch", STYLE)


async def test_an_approved_article_reaches_the_news_channels_once_and_no_others(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, kinds=(*ALL_KINDS, AlertKind.NEWS))
    subscribe(mini_service, 102)  # the defaults: everything but news
    subscribe(mini_service, 103, kinds=(AlertKind.NEWS,), contender="beta")
    subscribe(mini_service, 104, kinds=(AlertKind.NEWS,), contender="alpha")  # not about Alpha
    _approve(admin, 7)
    await dispatcher.tick()  # news is not merged with anything: it goes out at once
    await dispatcher.tick()
    assert {ch: len(msgs) for ch, msgs in channels.messages.items()} == {101: 1, 103: 1}
    [message] = channels.messages[101]
    shown = message.content + message.card.title + message.card.description
    assert "@everyone" not in shown and "<@&999>" not in shown and "<@123>" not in shown
    assert message.card.title.startswith("📰 Beta slips") and message.card.url == "https://news.example/7"
    assert "**Space News** · 2026-11-23 09:30 UTC" in message.card.description
    assert "Now a source for the milestone **Beta launch**" in message.card.description
    assert message.role_id is None


async def test_news_about_several_contenders_reaches_a_channel_following_any_of_them(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 104, kinds=(AlertKind.NEWS,), contender="alpha")
    _approve(admin, 8, contenders=("beta", "alpha"))
    _approve(admin, 9, contenders=(), url="https://news.example/9b")  # about no contender: unfiltered channels only
    await dispatcher.tick()
    assert [m.card.url for m in channels.messages[104]] == ["https://news.example/8"]


async def test_news_waits_for_the_end_of_quiet_hours(mini_service: RaceService, clock: Clock) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, kinds=(AlertKind.NEWS,), quiet_start="22:00", quiet_end="07:00")
    clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    _approve(admin, 7)
    await dispatcher.tick()
    assert not channels.messages[101]
    clock.now = datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)
    await dispatcher.tick()
    [digest] = channels.messages[101]
    assert digest.card.title.startswith("📰 Beta slips")  # one held alert: sent as itself


def test_news_is_off_unless_a_channel_asks_for_it() -> None:
    store = Store.memory()
    assert AlertKind.NEWS not in store.run(lambda s: subscribe_channel(s, 1, 101)).kinds
    assert AlertKind.NEWS in store.run(lambda s: subscribe_channel(s, 1, 102, kinds="changes", news=True)).kinds
    assert store.run(lambda s: subscribe_channel(s, 1, 103, kinds="news", news=True)).kinds == (AlertKind.NEWS,)
    stored_before_news = {"id": "1-104", "guild_id": 1, "channel_id": 104}  # an old document: no kinds key
    assert not Subscription.from_doc(stored_before_news).wants(AlertKind.NEWS, "")


def test_a_news_alert_is_stored_and_read_back_unchanged(mini_service: RaceService) -> None:
    admin = App.around(mini_service).facts
    _approve(admin, 7)
    [alert] = load(mini_service.store, OutboxAlert)
    doc = alert.to_doc()
    assert doc["kind"] == "news" and doc["news"]["item"] == "milestone:beta-launch"
    assert OutboxAlert.from_doc(doc) == alert and OutboxAlert.from_doc(doc).to_doc() == doc
