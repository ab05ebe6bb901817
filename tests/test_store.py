"""The store, on both backends: atomic commits, rollback, nesting, after_commit, kill -9, the table methods.

Every test taking ``backend`` runs twice: against the TinyDB file and against a real PostgreSQL
server the tests start (``tests/pg.py``). The rest of the code cannot tell them apart, so neither
can these tests; what only a file has (a torn write, an unreadable file) is tested on the file.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query

from bot.infra.store import SCHEMA_VERSION, Store, StoreError
from tests.pg import Backend


def test_commit_persists_and_reopens(backend: Backend) -> None:
    store = backend.open()
    with store.transaction():
        store.table("things").insert({"id": "a", "n": 1})
        store.set_meta(schema_version=SCHEMA_VERSION)
    again = backend.open()
    assert [dict(d) for d in again.table("things").all()] == [{"id": "a", "n": 1}]
    assert again.meta()["schema_version"] == SCHEMA_VERSION
    assert not again.is_empty and again.writable()


def test_failed_transaction_changes_nothing_in_memory_or_on_disk(backend: Backend, tmp_path: Path) -> None:
    store = backend.open()
    store.run(lambda s: s.table("things").insert({"id": "a"}))
    before = store.snapshot()
    with pytest.raises(RuntimeError), store.transaction():
        store.table("things").insert({"id": "b"})
        store.table("other").insert({"x": 1})
        raise RuntimeError("boom")
    assert [d["id"] for d in store.table("things").all()] == ["a"]
    assert store.table("other").all() == []
    assert store.snapshot() == before
    assert [d["id"] for d in backend.open().table("things").all()] == ["a"]


def test_nested_transactions_join_the_outer_one_which_commits(backend: Backend) -> None:
    """An edit, its history and its alerts are written by nested calls: only the outermost commits."""
    store = backend.open()
    with store.transaction():
        store.table("items").insert({"id": "x"})
        with store.transaction():
            store.table("history").insert({"id": 1})
        with store.transaction():
            store.table("outbox").insert({"id": "alert"})
        assert backend.open().snapshot() == "{}"  # another reader sees nothing before the outermost commit
    data = json.loads(backend.open().snapshot())
    assert set(data) == {"items", "history", "outbox"}


def test_an_exception_in_a_nested_transaction_rolls_back_the_whole_transaction(backend: Backend) -> None:
    """TinyDB reverts the whole document on any failure; the server store does the same, then goes on."""
    store = backend.open()
    store.run(lambda s: s.table("t").insert({"i": 0}))
    with store.transaction():
        store.table("t").insert({"i": 1})
        with pytest.raises(ValueError), store.transaction():
            store.table("t").insert({"i": 2})
            raise ValueError("inner")
        store.table("t").insert({"i": 3})  # the outer transaction goes on, and commits this
    assert sorted(d["i"] for d in backend.open().table("t").all()) == [0, 3]


def test_after_commit_runs_only_after_the_commit_and_never_after_a_rollback(backend: Backend) -> None:
    store = backend.open()
    seen: list[str] = []
    with store.transaction():
        store.table("t").insert({"i": 1})
        store.after_commit(lambda: seen.append(f"one committed={len(backend.open().table('t').all())}"))
        with store.transaction():
            store.after_commit(lambda: seen.append("two"))
        assert seen == []
    assert seen == ["one committed=1", "two"]
    with pytest.raises(RuntimeError), store.transaction():
        store.after_commit(lambda: seen.append("never"))
        raise RuntimeError("rolled back")
    store.run(lambda s: None)
    assert seen == ["one committed=1", "two"]
    with pytest.raises(RuntimeError, match="open transaction"):
        store.after_commit(lambda: None)


def test_a_transaction_that_changes_nothing_writes_nothing(backend: Backend) -> None:
    store = backend.open()
    store.run(lambda s: s.table("things").insert({"id": "a"}))
    before = store.snapshot()
    store.run(lambda s: (s.table("outbox").remove(lambda d: True), s.table("things").all()))
    assert store.snapshot() == before and "outbox" not in json.loads(before)


def test_a_transaction_that_changes_nothing_does_not_rewrite_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = Store(path)
    store.run(lambda s: s.table("things").insert({"id": "a"}))
    inode, before = path.stat().st_ino, store.snapshot()
    store.run(lambda s: (s.table("outbox").remove(lambda d: True), s.table("things").all()))
    assert path.stat().st_ino == inode and store.snapshot() == before
    store.run(lambda s: s.table("things").insert({"id": "b"}))
    assert path.stat().st_ino != inode and "outbox" not in json.loads(path.read_text())


def test_corrupt_file_stops_with_its_name_and_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"things": {"1": {"id": "a"}', encoding="utf-8")  # truncated
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_newer_schema_is_refused(backend: Backend) -> None:
    backend.open().run(lambda s: s.set_meta(schema_version=SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer"):
        backend.open()


# ---- the table methods the code uses, checked against TinyDB itself -------------------------


def _script() -> list[Callable[[Store], Any]]:
    """Every table method the code calls (see the module docstring of bot.infra.pg_store), each once or more."""
    q = Query()

    def nested_in_place(doc: Any) -> None:
        doc["tags"].append("late")  # changes a nested list in place, as a callable may

    return [
        lambda s: s.table("t").insert({"id": "a", "n": 1, "tags": ["x"]}),
        lambda s: s.table("t").insert_multiple([{"id": f"b{i}", "n": i, "tags": []} for i in range(12)]),
        lambda s: [(d.doc_id, dict(d)) for d in s.table("t").all()],
        lambda s: [d.doc_id for d in s.table("t").search(q.n > 5)],
        lambda s: dict(s.table("t").get(q.id == "b3") or {}),
        lambda s: dict(s.table("t").get(doc_id=1) or {}),
        lambda s: (s.table("t").contains(q.id == "a"), s.table("t").contains(q.id == "zz")),
        lambda s: (s.table("t").count(q.n >= 3), len(s.table("t")), [d["id"] for d in s.table("t")]),
        lambda s: s.table("t").update({"n": 100}, q.id == "a"),
        lambda s: s.table("t").update({"seen": True}, doc_ids=[2, 3]),
        lambda s: s.table("t").update(nested_in_place, lambda d: d["id"] == "a"),
        lambda s: s.table("t").update(lambda d: d.update({"n": -d["n"]}), q.n < 3),
        lambda s: s.table("t").remove(lambda d: d["n"] == 7),
        lambda s: s.table("t").remove(doc_ids=[4, 999]),
        lambda s: s.table("t").insert({"id": "c"}),  # ids continue after the largest, removed ones are not reused
        lambda s: [(d.doc_id, dict(d)) for d in s.table("t").all()],
        lambda s: s.table("u").insert_multiple([{"k": 1}, {"k": 2}]),
        lambda s: s.table("u").truncate(),
        lambda s: s.table("u").insert({"k": 3}),  # a truncated table numbers from 1 again
        lambda s: [(d.doc_id, dict(d)) for d in s.table("u").all()],
        lambda s: s.table("empty").all(),
    ]


def test_every_table_method_behaves_as_tinydb_does(backend: Backend) -> None:
    store, reference = backend.open(), Store.memory()
    for i, step in enumerate(_script()):
        assert store.run(step) == reference.run(step), f"step {i}"
    assert store.snapshot() == reference.snapshot()
    assert backend.open().snapshot() == reference.snapshot()
    a = [dict(d) for d in backend.open().table("t").search(Query().id == "a")]
    assert a == [{"id": "a", "n": 100, "tags": ["x", "late"]}]


def test_writes_outside_a_transaction_are_each_atomic_and_kept(backend: Backend) -> None:
    store = backend.open()
    store.table("t").insert({"i": 1})
    store.run(lambda s: None)  # TinyDB keeps an outside write in memory until the next commit
    assert [d["i"] for d in backend.open().table("t").all()] == [1]


def test_replace_all_swaps_every_table_at_once_keeping_doc_ids(backend: Backend) -> None:
    """What a restore and ``migrate --from-tinydb`` do: the old tables go, the new ones come with their ids."""
    store = backend.open()
    store.run(lambda s: (s.table("old").insert({"x": 1}), s.table("t").insert({"i": 0})))
    store.replace_all({"t": {"3": {"i": 3}, "10": {"i": 10}}, "u": {"1": {"k": 1}}})
    again = backend.open()
    assert sorted((d.doc_id, d["i"]) for d in again.table("t").all()) == [(3, 3), (10, 10)]
    assert again.table("old").all() == [] and again.table("u").all() == [{"k": 1}]
    assert store.run(lambda s: s.table("t").insert({"i": 11})) == 11


# ---- kill -9 ---------------------------------------------------------------------------------


def _writer(open_store: Callable[[], Store], acked: Synchronized[int], ready: Event) -> None:  # pragma: no cover
    store = open_store()
    i = 0
    while True:
        i += 1
        store.run(lambda s, i=i: s.table("counter").insert({"i": i, "pad": "x" * 5000}))
        acked.value = i  # acknowledged: the commit returned
        if i == 20:
            ready.set()


def test_kill_minus_nine_mid_write_keeps_every_acknowledged_write(backend: Backend, tmp_path: Path) -> None:
    """A writer killed at a random moment never leaves a torn database, and loses no acknowledged write."""
    ctx = multiprocessing.get_context("fork")
    for _ in range(3):
        ready, acked = ctx.Event(), ctx.Value("i", 0)
        proc = ctx.Process(target=_writer, args=(backend.factory, acked, ready))
        proc.start()
        assert ready.wait(20)
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        store = backend.open()  # must open
        numbers = [d["i"] for d in store.table("counter").all()]
        assert len(numbers) >= acked.value >= 20
        assert set(range(1, acked.value + 1)) <= set(numbers)  # this run's acknowledged writes are all there
        store.run(lambda s: s.table("counter").truncate())
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 3  # at most one torn temp file per kill, never the database itself


async def test_async_run_is_serialised_and_off_the_loop(backend: Backend) -> None:
    import asyncio

    store = backend.open()
    await asyncio.gather(*(store.arun(lambda s, i=i: s.table("t").insert({"i": i})) for i in range(20)))
    assert sorted(d["i"] for d in backend.open().table("t").all()) == list(range(20))


def test_the_knowledge_base_keeps_its_order_across_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Twelve items or more: stored ids "10", "11" sort before "2" as text; the order must not change."""
    from bot.infra.tables import load_kb
    from bot.seed.loader import ensure_seeded

    path = tmp_path / "race.json"
    first = Store(path)
    ensure_seeded(first)
    before = list(load_kb(first).milestones)
    after = list(load_kb(Store(path)).milestones)
    assert len(before) > 12 and after == before
