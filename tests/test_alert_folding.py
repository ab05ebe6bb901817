"""What is kept after an alert is delivered: one summary per alert, never a record per channel.

A finished fan-out is folded into a summary in the transaction that removes its deliveries, so the
database (rewritten whole on every commit) weighs what is in flight, not the history; and folding
must never cost the exactly-once guarantee or what /alerts list says.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.alerts.records import (
    DELIVERIES,
    ChannelProblem,
    DeliveryState,
    DeliverySummary,
    OutboxAlert,
    load,
)
from bot.alerts.subscriptions import guild_subscriptions, subscriptions_card
from bot.app import App
from bot.ask.service import RaceService
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.mini_race import mini_race
from tests.test_alerts import ADMIN, STYLE, instant_limiter, make, subscribe


def stored_deliveries(service: RaceService) -> list[dict[str, Any]]:
    return [dict(doc) for doc in service.store.table(DELIVERIES).all()]


def summaries(service: RaceService) -> dict[str, DeliverySummary]:
    return {s.id: s for s in load(service.store, DeliverySummary)}


async def test_a_finished_fan_out_becomes_one_summary_with_counts_and_reasons(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    channels.forbidden.add(102)
    channels.missing.add(103)
    channels.flaky[104] = 1
    admin, dispatcher = make(mini_service, channels)
    for ch in (101, 102, 103, 104):
        subscribe(mini_service, ch)
    admin.set_status(ADMIN, "milestone", "beta launch", "cancelled", "", "", STYLE, confirm=False)
    clock.advance(61)
    await dispatcher.tick()
    # 104 is waiting for its retry: the alert is still in flight, so nothing of it is folded
    assert summaries(mini_service) == {}
    states = sorted(d["state"] for d in stored_deliveries(mini_service))
    assert states == ["dropped", "failed", "pending", "sent"]
    clock.advance(3)
    report = await dispatcher.tick()
    assert report.folded == 1 and len(channels.messages[104]) == 1
    assert stored_deliveries(mini_service) == []
    [summary] = summaries(mini_service).values()
    assert summary.id == "c1-beta-launch" and summary.total == 4
    assert summary.counts == {DeliveryState.SENT: 2, DeliveryState.FAILED: 1, DeliveryState.DROPPED: 1}
    assert summary.problems == (
        ChannelProblem(102, "s102", DeliveryState.FAILED, "Missing Permissions", 0),
        ChannelProblem(103, "s103", DeliveryState.DROPPED, "Unknown Channel", 0),
    )
    assert DeliverySummary.from_doc(summary.to_doc()) == summary  # and it reads back the same


async def test_after_the_fold_a_restart_sends_nothing_again_and_alerts_list_keeps_the_reason(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "race.json"
    store = Store(path)
    ensure_seeded(store, mini_race())
    service = RaceService(store, clock=clock)
    channels = FakeChannels()
    channels.forbidden.add(102)
    for ch in (101, 102, 103):
        subscribe(service, ch)
    admin, dispatcher = make(service, channels)
    admin.set_date(ADMIN, "beta launch", "2030-05", "", "", STYLE, confirm=False)
    clock.advance(61)
    await dispatcher.tick()
    assert summaries(service) and stored_deliveries(service) == []
    # A new process reading the file, and a Discord that has forgotten every nonce: still nothing is sent.
    restarted = RaceService(Store(path), clock=clock)
    fresh = FakeChannels()
    again = App.around(restarted).dispatcher(fresh, STYLE, limiter=instant_limiter())
    for _ in range(3):
        clock.advance(3600)
        await again.tick()
    assert fresh.calls == 0 and {ch: len(m) for ch, m in channels.messages.items()} == {101: 1, 103: 1}
    card = subscriptions_card(guild_subscriptions(restarted.store, 1), restarted.kb)
    shown = {f.name: f.value for f in card.fields}
    assert "⏸️ paused — missing permission: Missing Permissions" in shown["#102"]
    assert "✅ active" in shown["#101"]


def _old_database(path: Path, clock: Clock) -> None:
    """A database as earlier versions left it: every finished delivery kept, one still pending."""
    store = Store(path)
    ensure_seeded(store, mini_race())
    service = RaceService(store, clock=clock)
    for ch in (101, 102):
        subscribe(service, ch)
    snap = {"date": "2030-03-01T00:00:00Z", "precision": "day", "status": "planned"}

    def alert(alert_id: str) -> dict[str, Any]:
        return {
            "id": alert_id, "kind": "date", "milestone": "beta-launch", "contender": "beta", "old": snap,
            "new": {**snap, "date": "2030-04-01T00:00:00Z"}, "by": "ada (42)", "source": "", "reason": "",
            "changes": [1], "created_at": "2026-11-24T11:00:00Z", "release_at": "2026-11-24T11:01:00Z",
            "released": True, "late": False,
        }  # fmt: skip

    def delivery(alert_id: str, ch: int, state: str, **extra: Any) -> dict[str, Any]:
        did = f"{alert_id}@s{ch}"
        return {
            "id": did, "alerts": [alert_id], "subscription": f"s{ch}", "channel_id": ch, "state": state,
            "hold_until": "", "attempts": 0, "next_try_at": "2026-11-24T11:01:00Z",
            "nonce": hashlib.sha1(did.encode()).hexdigest()[:20], "message_id": "", "error": "", **extra,
        }  # fmt: skip

    def write(s: Store) -> None:
        s.table("outbox").insert_multiple([alert("c1-old"), alert("c2-old")])
        s.table(DELIVERIES).insert_multiple([
            delivery("c1-old", 101, "sent", message_id="900", sent_at="2026-11-24T11:01:05Z"),
            delivery("c1-old", 102, "failed", error="Missing Permissions"),
            delivery("c2-old", 101, "sent", message_id="901", sent_at="2026-11-24T11:01:06Z"),
            delivery("c2-old", 102, "pending"),  # died before this one went out
        ])  # fmt: skip

    store.run(write)


async def test_an_old_database_with_unfolded_records_loads_and_is_folded_on_the_next_pass(
    tmp_path: Path, clock: Clock
) -> None:
    """Also the state a crash between the last recorded send and the fold leaves: nothing is resent."""
    path = tmp_path / "race.json"
    _old_database(path, clock)
    assert len(json.loads(path.read_text(encoding="utf-8"))[DELIVERIES]) == 4
    service = RaceService(Store(path), clock=clock)
    channels = FakeChannels()
    _admin, dispatcher = make(service, channels)
    await dispatcher.tick()
    assert {ch: len(m) for ch, m in channels.messages.items()} == {102: 1}  # only the one still pending
    assert stored_deliveries(service) == []
    folded = summaries(service)
    assert folded["c1-old"].counts == {DeliveryState.SENT: 1, DeliveryState.FAILED: 1}
    assert folded["c1-old"].problems == (ChannelProblem(102, "s102", DeliveryState.FAILED, "Missing Permissions", 0),)
    assert folded["c2-old"].counts == {DeliveryState.SENT: 2} and folded["c2-old"].problems == ()
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert DELIVERIES not in on_disk and len(on_disk["delivery_summaries"]) == 2


async def test_a_digest_is_kept_until_every_alert_it_carries_is_finished(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    subscribe(mini_service, 101, quiet_start="22:00", quiet_end="07:00")  # hears both contenders
    subscribe(mini_service, 103, quiet_start="22:00", quiet_end="08:00", contender="alpha")
    clock.now = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    admin.set_date(ADMIN, "alpha launch", "2021-10-06", "", "", STYLE, confirm=False)
    admin.set_date(ADMIN, "beta launch", "2030-04", "", "", STYLE, confirm=False)
    clock.advance(120)
    await dispatcher.tick()  # everything held: nothing sent, nothing folded
    assert channels.calls == 0 and summaries(mini_service) == {}
    clock.now = datetime(2026, 11, 25, 7, 0, 30, tzinfo=UTC)
    await dispatcher.tick()  # 101's digest of both goes out; alpha's alert still waits at 103
    assert set(summaries(mini_service)) == {"c2-beta-launch"}
    kept = [d for d in stored_deliveries(mini_service) if d["state"] == "sent"]
    assert [d["alerts"] for d in kept] == [["c1-alpha-launch", "c2-beta-launch"]]
    clock.now = datetime(2026, 11, 25, 8, 0, 30, tzinfo=UTC)
    await dispatcher.tick()
    assert {ch: len(m) for ch, m in channels.messages.items()} == {101: 1, 103: 1}
    folded = summaries(mini_service)
    assert folded["c1-alpha-launch"].counts == {DeliveryState.DIGESTED: 2, DeliveryState.SENT: 2}
    assert folded["c2-beta-launch"].counts == {DeliveryState.DIGESTED: 1, DeliveryState.SENT: 1}
    assert stored_deliveries(mini_service) == []


async def test_repeated_alerts_leave_no_delivery_documents_and_summaries_are_pruned(
    mini_service: RaceService, clock: Clock
) -> None:
    channels = FakeChannels()
    admin, dispatcher = make(mini_service, channels)
    for ch in range(200, 240):
        subscribe(mini_service, ch)
    for n in range(1, 6):
        admin.set_date(ADMIN, "beta launch", f"2030-{n + 3:02d}", "", "", STYLE, confirm=False)
        clock.advance(61)
        await dispatcher.tick()
        assert len(stored_deliveries(mini_service)) == 0  # not 40 more per alert
        assert len(summaries(mini_service)) == n
    assert {len(m) for m in channels.messages.values()} == {5} and len(channels.messages) == 40
    clock.now += timedelta(days=31)
    await dispatcher.tick()
    assert summaries(mini_service) == {} and not [a for a in load(mini_service.store, OutboxAlert) if a.released]
