"""The store: atomic commits, rollback on failure, refusal to touch an unreadable file."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from bot.infra.store import SCHEMA_VERSION, Store, StoreError


def test_commit_persists_and_reopens(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = Store(path)
    with store.transaction():
        store.table("things").insert({"id": "a", "n": 1})
        store.set_meta(schema_version=SCHEMA_VERSION)
    again = Store(path)
    assert [dict(d) for d in again.table("things").all()] == [{"id": "a", "n": 1}]
    assert again.meta()["schema_version"] == SCHEMA_VERSION


def test_failed_transaction_changes_nothing_in_memory_or_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store = Store(path)
    store.run(lambda s: s.table("things").insert({"id": "a"}))
    before = path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction():
        store.table("things").insert({"id": "b"})
        store.table("other").insert({"x": 1})
        raise RuntimeError("boom")
    assert [d["id"] for d in store.table("things").all()] == ["a"]
    assert store.table("other").all() == []
    assert path.read_bytes() == before


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


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}), encoding="utf-8")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def _writer(path: str, ready: multiprocessing.synchronize.Event) -> None:  # pragma: no cover - child
    store = Store(Path(path))
    i = 0
    while True:
        i += 1
        store.run(lambda s, i=i: s.table("counter").insert({"i": i, "pad": "x" * 5000}))
        if i == 20:
            ready.set()


def test_kill_minus_nine_mid_write_leaves_a_readable_database(tmp_path: Path) -> None:
    """A writer killed at a random moment never leaves a torn file behind."""
    path = tmp_path / "db.json"
    ctx = multiprocessing.get_context("fork")
    for _ in range(3):
        ready = ctx.Event()
        proc = ctx.Process(target=_writer, args=(str(path), ready))
        proc.start()
        assert ready.wait(10)
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(5)
        store = Store(path)  # must parse
        count = len(store.table("counter").all())
        assert count >= 20
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 3  # at most one torn temp file per kill, never the database itself


async def test_async_run_is_serialised_and_off_the_loop(tmp_path: Path) -> None:
    import asyncio

    store = Store(tmp_path / "db.json")
    await asyncio.gather(*(store.arun(lambda s, i=i: s.table("t").insert({"i": i})) for i in range(20)))
    assert sorted(d["i"] for d in Store(tmp_path / "db.json").table("t").all()) == list(range(20))
