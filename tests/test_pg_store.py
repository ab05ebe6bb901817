"""What only the PostgreSQL store has: migrations, a server's transactions, crashes of the server, the full stack.

The shared behaviour (commit, rollback, nesting, after_commit, kill -9 of the writer, every table
method) is in ``test_store.py``, run against both backends. Every test here talks to a real
server the tests start themselves (``tests/pg.py``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

import psycopg
import pytest

from bot.alerts.records import OUTBOX, Subscription
from bot.alerts.subscriptions import save_subscription
from bot.app import App
from bot.core.cards import reply_text
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.facts.history import HISTORY_TABLE
from bot.infra.backups import make_backup, restore_into
from bot.infra.pg_migrations import LATEST, MIGRATIONS, TABLE
from bot.infra.pg_store import PgStore, move_from_tinydb, safe_url
from bot.infra.store import Store, StoreError
from tests.conftest import Clock
from tests.fake_channels import FakeChannels
from tests.pg import running_server

ADMIN = Actor("42", "ada")
STYLE = IsoStyle()


def _rows(url: str, table: str) -> list[dict[str, object]]:
    """What another client sees, committed: the documents of one table."""
    with psycopg.connect(url) as conn:
        query = "SELECT doc FROM race_documents WHERE table_name = %s ORDER BY doc_id"
        return [row[0] for row in conn.execute(query, (table,))]


# ---- migrations ----------------------------------------------------------------------------


def test_migrations_run_at_open_once_and_a_newer_database_is_refused(pg_url: str) -> None:
    first = PgStore(pg_url)
    assert [m.version for m in first.migrated] == [m.version for m in MIGRATIONS]
    assert PgStore(pg_url).migrated == []  # already applied: nothing runs twice
    with psycopg.connect(pg_url, autocommit=True) as conn:
        versions = [row[0] for row in conn.execute(f"SELECT version FROM {TABLE} ORDER BY version")]
        assert versions == list(range(1, LATEST + 1))
        conn.execute(f"INSERT INTO {TABLE} (version, name) VALUES (%s, 'from the future')", (LATEST + 1,))
    with pytest.raises(StoreError, match="newer than this bot knows"):
        PgStore(pg_url)


def test_a_database_at_an_older_migration_is_brought_up_to_date_with_its_data(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:  # as a bot with only the first step left it
        conn.execute(f"CREATE TABLE {TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz)")
        conn.execute(MIGRATIONS[0].sql)
        conn.execute(f"INSERT INTO {TABLE} (version, name) VALUES (1, 'documents')")
        conn.execute("""INSERT INTO race_documents VALUES ('t', 1, '{"i": 1}'), ('t', 2, '{"i": 2}')""")
    store = PgStore(pg_url)
    assert [m.version for m in store.migrated] == [m.version for m in MIGRATIONS[1:]]
    assert [d["i"] for d in store.table("t").all()] == [1, 2]
    store.run(lambda s: s.table("t").insert({"i": 3}))
    assert [d["i"] for d in PgStore(pg_url).table("t").all()] == [1, 2, 3]


def test_an_unreachable_server_is_one_clear_error_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://bot:s3cret-pass@/racebot?host={tmp_path}&connect_timeout=2"
    with pytest.raises(StoreError) as info:
        PgStore(url)
    assert "cannot connect to the PostgreSQL database" in str(info.value)
    assert "s3cret-pass" not in str(info.value) and "bot@" in safe_url(url)


# ---- transactions on a server -----------------------------------------------------------------


def test_a_transaction_is_one_server_transaction(pg_url: str) -> None:
    store = PgStore(pg_url)
    with store.transaction():
        store.table("edits").insert({"id": 1})
        with store.transaction():
            store.table("history").insert({"id": 1})
        assert _rows(pg_url, "edits") == [] and _rows(pg_url, "history") == []  # another client sees nothing yet
        assert [d["id"] for d in store.table("edits").all()] == [1]  # the writer sees its own writes
    assert _rows(pg_url, "edits") == [{"id": 1}] and _rows(pg_url, "history") == [{"id": 1}]


def test_two_processes_write_in_turn_and_neither_update_is_lost(pg_url: str) -> None:
    """Two stores on one database (two bot processes): the second writer waits for the first's commit
    (the writer's advisory lock), then sees it, so both get their own document id and nothing is refused."""
    ours, theirs = PgStore(pg_url), PgStore(pg_url)
    ours.run(lambda s: s.table("t").insert({"who": "first"}))
    with ThreadPoolExecutor(1) as pool, ours.transaction():
        ours.table("t").all()  # read the table...
        waiting = pool.submit(theirs.run, lambda s: s.table("t").insert({"who": "theirs"}))
        time.sleep(0.3)
        assert not waiting.done()  # ...the other process waits for this transaction...
        ours.table("t").insert({"who": "ours"})
    assert waiting.result(10) == 3  # ...and then takes the next id
    assert [(d.doc_id, d["who"]) for d in PgStore(pg_url).table("t").all()] == [
        (1, "first"),
        (2, "ours"),
        (3, "theirs"),
    ]


def test_a_writer_that_is_not_race_bot_gets_an_error_never_a_lost_update(pg_url: str) -> None:
    """SERIALIZABLE stays under the lock: a write from outside race-bot between our read and our write fails ours."""
    ours = PgStore(pg_url)
    ours.run(lambda s: s.table("t").insert({"who": "first"}))
    with pytest.raises(psycopg.errors.SerializationFailure), ours.transaction():
        ours.table("t").all()
        with psycopg.connect(pg_url, autocommit=True) as outside, outside.transaction():  # takes no advisory lock
            outside.execute(
                "INSERT INTO race_documents (table_name, doc_id, doc) VALUES ('t', 2, %s)", ('{"who": "outside"}',)
            )
            outside.execute(
                "UPDATE race_table_versions SET version = nextval('race_version_seq') WHERE table_name = 't'"
            )
        ours.table("t").insert({"who": "ours"})
    assert [d["who"] for d in PgStore(pg_url).table("t").all()] == ["first", "outside"]
    ours.run(lambda s: s.table("t").insert({"who": "ours, again"}))  # the store goes on after the refusal
    assert len(_rows(pg_url, "t")) == 3


def test_many_writers_in_many_processes_lose_nothing(pg_url: str) -> None:
    """Four stores, each from its own thread, incrementing one counter 25 times: exactly 100."""
    stores = [PgStore(pg_url) for _ in range(4)]
    stores[0].run(lambda s: s.table("c").insert({"n": 0}))

    def bump(store: PgStore) -> None:
        for _ in range(25):
            store.run(lambda s: s.table("c").update(lambda d: d.update(n=d["n"] + 1)))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(bump, stores))
    assert PgStore(pg_url).table("c").all() == [{"n": 100}]


def test_a_table_another_process_changed_is_read_again_and_only_then(pg_url: str) -> None:
    """Each table is kept as last committed with its version; a change by anyone moves the version."""
    ours, theirs = PgStore(pg_url), PgStore(pg_url)
    ours.run(lambda s: s.table("t").insert_multiple([{"i": 1}, {"i": 2}]))
    first = ours.rows("t")
    assert ours.rows("t") is first  # unchanged since: not read or parsed again
    theirs.run(lambda s: s.table("t").update({"i": 20}, doc_ids=[2]))
    assert [d["i"] for d in ours.table("t").all()] == [1, 20]
    theirs.replace_all({"t": {"7": {"i": 7}}, "u": {"1": {"k": 1}}})
    assert [(d.doc_id, d["i"]) for d in ours.table("t").all()] == [(7, 7)] and ours.table("u").all() == [{"k": 1}]
    ours.run(lambda s: s.table("t").remove(lambda d: False))  # a write that changes nothing moves no version
    with psycopg.connect(pg_url) as conn:
        before = conn.execute("SELECT table_name, version FROM race_table_versions ORDER BY 1").fetchall()
    ours.run(lambda s: s.table("t").all())
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT table_name, version FROM race_table_versions ORDER BY 1").fetchall() == before


def test_database_url_is_a_setting_that_never_echoes_its_password() -> None:
    from bot.infra.config import ConfigError, parse_settings

    url = "postgresql://racebot:s3cret@db:5432/racebot"
    settings = parse_settings({"DATABASE_URL": f" {url} "})
    assert settings.database_url == url and "s3cret" not in repr(settings)
    assert parse_settings({"DATABASE_URL": ""}).database_url == ""
    with pytest.raises(ConfigError) as info:
        parse_settings({"DATABASE_URL": "mysql://root:s3cret@db/racebot"})
    assert "DATABASE_URL" in str(info.value) and "s3cret" not in str(info.value)
    assert safe_url(url) == "postgresql://racebot@db:5432/racebot"


def _acknowledging_writer(url: str, acked: Synchronized[int], ready: Event) -> None:  # pragma: no cover
    store = PgStore(url)
    i = 0
    while True:
        i += 1
        store.run(lambda s, i=i: s.table("edits").insert({"i": i}))
        acked.value = i
        if i == 30:
            ready.set()


def test_a_crash_of_the_server_and_the_bot_loses_no_acknowledged_edit() -> None:
    """kill -9 of the writer while the server stops as in a crash (no checkpoint): WAL replay has every commit."""
    with running_server() as server:
        url = server.url(server.create_database())
        ctx = multiprocessing.get_context("fork")
        ready, acked = ctx.Event(), ctx.Value("i", 0)
        proc = ctx.Process(target=_acknowledging_writer, args=(url, acked, ready))
        proc.start()
        assert ready.wait(30)
        server.stop("immediate")  # SIGQUIT to every server process: no shutdown checkpoint
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        server.start()
        numbers = {d["i"] for d in PgStore(url).table("edits").all()}
        assert acked.value >= 30 and set(range(1, acked.value + 1)) <= numbers


def test_the_store_reconnects_after_the_server_restarts() -> None:
    with running_server() as server:
        url = server.url(server.create_database())
        store = PgStore(url)
        store.run(lambda s: s.table("t").insert({"i": 1}))
        server.stop("fast")
        assert not store.writable()  # what /healthz reports while the server is away
        server.start()
        store.run(lambda s: s.table("t").insert({"i": 2}))  # a new connection, without an error
        assert [d["i"] for d in store.table("t").all()] == [1, 2] and store.writable()


# ---- backups, restore and the move from TinyDB --------------------------------------------------


def test_a_backup_is_a_tinydb_file_and_restores_into_either_backend(pg_url: str, tmp_path: Path) -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    app = App.open(tmp_path / "race.json", database_url=pg_url)
    backup = make_backup(app.store, tmp_path / "race.json", 3, now)
    as_file = Store(backup)  # TinyDB reads the PostgreSQL backup as its own file
    assert as_file.snapshot() == app.store.snapshot() and json.loads(as_file.snapshot())["contenders"]
    app.store.run(lambda s: s.table("contenders").truncate())
    assert "restored" in restore_into(app.store, backup, now.replace(hour=1), keep=3)
    assert len(_rows(pg_url, "contenders")) == len(json.loads(backup.read_text())["contenders"])
    assert len(list((tmp_path / "backups").glob("race-*.json"))) == 2  # the one taken just before the restore


def test_move_from_tinydb_keeps_every_document_and_refuses_a_database_with_data(pg_url: str, tmp_path: Path) -> None:
    source = tmp_path / "race.json"
    App.open(source)  # a seeded TinyDB file, as a bot made it
    target = PgStore(pg_url)
    counts = move_from_tinydb(source, target)
    assert counts and all(here == there for _, here, there in counts)
    assert target.snapshot() == Store(source).snapshot()  # the same documents under the same ids
    with pytest.raises(StoreError, match="already holds"):
        move_from_tinydb(source, target)
    assert move_from_tinydb(source, target, force=True) == counts
    with pytest.raises(StoreError, match="no such file"):
        move_from_tinydb(tmp_path / "missing.json", target)


# ---- the full stack on PostgreSQL ------------------------------------------------------------------


async def test_the_bot_on_postgresql_seeds_edits_alerts_and_answers(pg_url: str, tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    app = App.open(tmp_path / "race.json", clock=clock, database_url=pg_url)
    assert isinstance(app.store, PgStore) and not (tmp_path / "race.json").exists()
    assert app.kb.contenders and _rows(pg_url, "contenders")  # seeded into the server
    for channel in (101, 102):
        sub = Subscription(id=f"s{channel}", guild_id=1, channel_id=channel)
        app.store.run(lambda s, sub=sub: save_subscription(s, sub))

    # A failing hook: neither the edit, nor its history, nor its alert is written.
    before = (_rows(pg_url, "milestones"), _rows(pg_url, HISTORY_TABLE), _rows(pg_url, OUTBOX))

    def explode(*_args: object) -> None:
        raise RuntimeError("the alert could not be queued")

    app.editor.hooks.append(explode)
    with pytest.raises(RuntimeError):
        app.facts.set_date(ADMIN, "SEE-1 launch", "2027-05-02", "https://example.org/a", "test", STYLE, confirm=False)
    assert (_rows(pg_url, "milestones"), _rows(pg_url, HISTORY_TABLE), _rows(pg_url, OUTBOX)) == before
    app.editor.hooks.remove(explode)

    # The edit, its history and its alert commit together.
    app.facts.set_date(ADMIN, "SEE-1 launch", "2027-05-02", "https://example.org/a", "test", STYLE, confirm=False)
    history, outbox = _rows(pg_url, HISTORY_TABLE), _rows(pg_url, OUTBOX)
    assert len(history) == len(before[1]) + 1 and history[-1]["by"] == ADMIN.label
    assert len(outbox) == len(before[2]) + 1

    clock.advance(61)  # past the merge window: the alert goes out to both channels, once
    channels = FakeChannels()
    dispatcher = app.dispatcher(channels, STYLE)
    await dispatcher.tick()
    await dispatcher.tick()
    assert {ch: len(msgs) for ch, msgs in channels.messages.items()} == {101: 1, 102: 1}

    # /ask answers from the server, and a restarted bot sees the edit.
    reply = app.questions.ask("who won the race", STYLE)
    assert reply.ok and "The Challenge" in reply_text(reply)
    again = App.open(tmp_path / "race.json", clock=clock, database_url=pg_url)
    see1 = again.kb.milestones[again.questions.resolve_milestone("SEE-1 launch")]
    assert see1.date is not None and see1.date.startswith("2027-05-02") and again.editor.history()[0].by == ADMIN.label
