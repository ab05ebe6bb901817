"""Several bot processes on one PostgreSQL database: claims, the election, work done once, fresh knowledge.

Each "process" here is an App on a PgStore of its own (its own server sessions, so its own
advisory locks), which is what a second process is to the database. The end-to-end test with two
real bot processes and the emulator is tests/e2e/test_processes_e2e.py.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from bot.alerts.delivery import AlertDispatcher
from bot.alerts.outbox import claim_due, release
from bot.alerts.records import DELIVERIES, Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App, ProcessRole
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.core.errors import StoreError, UserError
from bot.infra.leader import Leadership
from bot.infra.pg_locks import PgLeadership
from bot.infra.pg_store import PgStore
from bot.infra.single import hold_data_dir
from bot.infra.store import Store
from bot.infra.tables import KB_TABLES
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.test_alerts import instant_limiter

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()
LEASE = timedelta(seconds=30)


def open_app(url: str, clock: Clock) -> App:
    return App.open(None, clock=clock, database_url=url)


def with_alert_to(app: App, clock: Clock, channels: int) -> list[int]:
    """``channels`` subscribed channels and a date change whose merge window has passed: due for release."""
    ids = list(range(1000, 1000 + channels))
    app.store.run(lambda s: [save_subscription(s, Subscription(f"s{c}", 1, c)) for c in ids])
    app.facts.set_date(ADMIN, "see-1-launch", "2027-07", "", "", STYLE, confirm=False)
    clock.advance(61)
    return ids


def dispatcher(app: App, channels: FakeChannels, name: str, leadership: Leadership | None = None) -> AlertDispatcher:
    role = ProcessRole(name, leadership or Leadership(), LEASE)
    return app.dispatcher(channels, STYLE, limiter=instant_limiter(), process=role)


async def test_two_processes_share_a_fan_out_and_each_channel_gets_it_once(pg_url: str) -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a, b = open_app(pg_url, clock), open_app(pg_url, clock)
    ids = with_alert_to(a, clock, 300)
    channels = FakeChannels()
    one, two = dispatcher(a, channels, "shards 0 of 2"), dispatcher(b, channels, "shards 1 of 2")
    await asyncio.gather(one.tick(), two.tick())
    assert all(len(channels.messages[c]) == 1 for c in ids) and len(channels.messages) == 300
    assert channels.calls == 300  # no delivery was even attempted twice


def test_claims_never_overlap_and_a_dead_process_claims_lapse_to_another(pg_url: str) -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a, b = open_app(pg_url, clock), open_app(pg_url, clock)
    with_alert_to(a, clock, 250)
    b.store.run(lambda s: release(s, b.kb, clock(), b.alert_settings))
    now = clock()
    mine = a.store.run(lambda s: claim_due(s, now, "a", LEASE, 96))
    theirs = b.store.run(lambda s: claim_due(s, now, "b", LEASE, 96))
    assert len(mine.deliveries) == len(theirs.deliveries) == 96
    assert not {d.id for d in mine.deliveries} & {d.id for d in theirs.deliveries}
    rest = b.store.run(lambda s: claim_due(s, now, "c", LEASE, 500))
    assert len(rest.deliveries) == 250 - 192 and rest.taken_over == 0
    # a restart under the same name takes its own claims back at once, and only those
    back = a.store.run(lambda s: claim_due(s, now, "a", LEASE, 500))
    assert {d.id for d in back.deliveries} == {d.id for d in mine.deliveries} and back.taken_over == 0
    # "a" dies holding its 96: nobody else may send them until the claim lapses...
    assert b.store.run(lambda s: claim_due(s, now + LEASE - timedelta(seconds=1), "d", LEASE, 500)).deliveries == []
    # ...then they are taken over (with everyone else's lapsed claims), and counted as such.
    later = b.store.run(lambda s: claim_due(s, now + LEASE, "d", LEASE, 500))
    assert len(later.deliveries) == 250 and later.taken_over == 250


def test_a_file_store_claims_without_writing(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    app = App.open(tmp_path / "race.json", clock=clock)
    with_alert_to(app, clock, 20)
    app.store.run(lambda s: release(s, app.kb, clock(), app.alert_settings))
    before = (tmp_path / "race.json").read_bytes()
    claim = app.store.run(lambda s: claim_due(s, clock(), "main", LEASE, 5))
    assert len(claim.deliveries) == 20  # one process: everything due, in one go
    assert (tmp_path / "race.json").read_bytes() == before
    assert all("claimed_by" not in doc for doc in app.store.table(DELIVERIES).all())


async def test_only_the_elected_process_releases_alerts_and_the_election_moves_when_it_dies(pg_url: str) -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a, b = open_app(pg_url, clock), open_app(pg_url, clock)
    first, second = PgLeadership(pg_url, "scheduled"), PgLeadership(pg_url, "scheduled")
    assert await first.holds() and not await second.holds() and await first.holds()
    ids = with_alert_to(a, clock, 10)
    channels = FakeChannels()
    follower = dispatcher(b, channels, "b", second)
    report = await follower.tick()
    assert report.released == 0 and channels.calls == 0  # not elected: it releases nothing
    assert first.held and not second.held  # what /healthz and the racebot_elected gauge show
    _terminate_session_of(pg_url, first)  # the elected process's connection dies (kill -9, a lost network)
    assert await second.holds()  # the next one to ask takes over
    assert not await first.holds()  # and the old one, reconnected, knows it lost
    report = await follower.tick()
    assert report.released == 10 and sorted(channels.messages) == ids  # ten deliveries made, and sent
    second.close()
    assert await first.holds()  # a process that stops leaves the election at once


def _terminate_session_of(url: str, leadership: PgLeadership) -> None:
    assert leadership._conn is not None
    pid = leadership._conn.info.backend_pid
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.2)


def test_work_done_once_waits_for_the_process_doing_it(pg_url: str) -> None:
    first, second = PgStore(pg_url), PgStore(pg_url)
    order: list[str] = []
    inside = threading.Event()

    def hold() -> None:
        with first.exclusive("command-sync"):
            inside.set()
            time.sleep(0.3)
            order.append("first done")

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(5)
    with second.exclusive("command-sync"):
        order.append("second in")
    worker.join()
    assert order == ["first done", "second in"]
    with first.exclusive("other"), second.exclusive("another"):  # different names do not wait on each other
        pass


def test_an_edit_in_one_process_is_known_to_the_other_and_a_stale_edit_is_refused_not_lost(pg_url: str) -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a, b = open_app(pg_url, clock), open_app(pg_url, clock)
    a.facts.set_date(ADMIN, "see-1-launch", "2027-07", "", "", STYLE, confirm=False)
    assert b.kb.milestones["see-1-launch"].date != "2027-07-01T00:00:00Z"
    revision = b.kb.revision
    assert (
        b.knowledge.refresh() and b.kb.milestones["see-1-launch"].date == "2027-07-01T00:00:00Z"
    )  # what a command does first
    assert b.kb.revision > revision  # so the answering index is rebuilt
    assert not b.knowledge.refresh()  # nothing new: one small query, no reload
    # b builds an edit on what it knew before a's next one: the edit's own refresh refuses it...
    a.facts.set_date(ADMIN, "see-1-launch", "2027-09", "", "", STYLE, confirm=False)
    with pytest.raises(UserError, match="changed in the meantime"):
        b.facts.set_date(ADMIN, "see-1-launch", "2027-10", "", "", STYLE, confirm=False)
    assert (
        b.kb.milestones["see-1-launch"].date == "2027-09-01T00:00:00Z"
    )  # ...and b now knows a's, so running it again works
    b.facts.set_date(ADMIN, "see-1-launch", "2027-10", "", "", STYLE, confirm=False)
    a.knowledge.refresh()
    assert a.kb.milestones["see-1-launch"].date == b.kb.milestones["see-1-launch"].date == "2027-10-01T00:00:00Z"
    assert [c.id for c in a.editor.history("see-1-launch")] == [3, 2, 1]  # one history, nothing lost


def test_a_file_store_never_reloads(tmp_path: Path) -> None:
    store = Store(tmp_path / "race.json")
    assert store.versions(["milestones"]) is None and not store.shared


def test_a_second_process_on_one_data_directory_is_refused(tmp_path: Path) -> None:
    with hold_data_dir(tmp_path):
        with pytest.raises(StoreError, match="in use by race-bot process") as refused, hold_data_dir(tmp_path):
            pass
        assert "DATABASE_URL" in str(refused.value)
    with hold_data_dir(tmp_path):  # released with the first holder
        pass


def test_a_process_does_not_read_back_its_own_edit(pg_url: str) -> None:
    """Reloading the knowledge costs a full read: after this process's own edit memory is already current."""
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a = open_app(pg_url, clock)
    a.facts.set_date(ADMIN, "see-1-launch", "2027-07", "", "", STYLE, confirm=False)
    assert a.knowledge.seen == a.store.versions(KB_TABLES)  # nothing to read back: refresh is one query
    b = open_app(pg_url, clock)
    b.facts.set_date(ADMIN, "see-1-launch", "2027-08", "", "", STYLE, confirm=False)
    assert a.knowledge.refresh() and a.kb.milestones["see-1-launch"].date == "2027-08-01T00:00:00Z"


def test_a_claim_is_sent_well_inside_its_lease() -> None:
    """Two seconds of sends at the process's rate, or a quarter of the lease if shorter; at most two batches."""
    from bot.alerts.delivery import RateLimiter, claim_size

    half = RateLimiter(per_second=24.25)
    assert claim_size(half, timedelta(seconds=60), 48) == 48
    assert claim_size(half, timedelta(seconds=4), 48) == 24  # a second's worth: a quarter of 4 s
    assert claim_size(RateLimiter(per_second=3), timedelta(seconds=60), 48) == 6  # one of 16 processes
    assert claim_size(RateLimiter(per_second=1e9), timedelta(seconds=60), 48) == 96
    assert claim_size(RateLimiter(per_second=0.1), timedelta(seconds=2), 48) == 1


async def test_a_process_stopping_mid_fan_out_gives_its_claims_back_at_once(pg_url: str) -> None:
    """A graceful stop (SIGTERM) leaves nothing for the others to wait a lease for."""
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    a, b = open_app(pg_url, clock), open_app(pg_url, clock)
    ids = with_alert_to(a, clock, 200)
    channels = FakeChannels()
    one = dispatcher(a, channels, "a")
    sent_some = asyncio.Event()
    send = channels.send

    async def stop_after_a_few(channel_id, message, nonce):
        if channels.calls >= 30:
            one.stopping = True
            sent_some.set()
        return await send(channel_id, message, nonce)

    channels.send = stop_after_a_few  # type: ignore[method-assign]
    await one.tick()
    assert sent_some.is_set() and 30 <= channels.calls < 200
    channels.send = send  # type: ignore[method-assign]
    await dispatcher(b, channels, "b").tick()  # no lease to wait for: same clock, b sends the rest now
    assert [len(channels.messages[c]) for c in ids] == [1] * 200
