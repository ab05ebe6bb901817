"""Durable storage: TinyDB over an atomic, transactional JSON file.

TinyDB's stock JSONStorage rewrites its file in place on every operation, so a crash mid-write
corrupts it, and a change touching two tables (a fact and the alert it causes) would be two
writes. Here TinyDB works on an in-memory document; :meth:`Store.transaction` commits the
whole document once (temp file, fsync, ``os.replace``, fsync of the directory) or rolls back.
An acknowledged commit therefore survives ``kill -9``, and a failed one leaves no trace.

A file that cannot be read stops startup with :class:`StoreError`; it is never replaced.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from bot.core.errors import StoreError
from bot.infra.leader import Leadership

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
META_TABLE = "_meta"

T = TypeVar("T")


class TransactionalStorage(Storage):
    """TinyDB storage kept in memory; written to disk only on :meth:`commit`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._data: dict[str, Any] = {}
        self._committed = "{}"
        if path is not None and path.exists():
            self._committed = self._read_file(path)
            self._data = json.loads(self._committed)

    @staticmethod
    def _read_file(path: Path) -> str:
        try:
            text = path.read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(
                f"cannot read the database {path}: {exc}. The file was left untouched; "
                f"restore a backup or move it away to start from the seed."
            ) from exc
        if not isinstance(data, dict):
            raise StoreError(f"cannot read the database {path}: the top level is not an object")
        return text

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data

    def rollback(self) -> None:
        self._data = json.loads(self._committed)

    def commit(self) -> None:
        """Write the document if it changed. Empty tables are left out: TinyDB reads a missing table
        as an empty one, so a tick that only looked at the outbox writes nothing (no needless fsync)."""
        kept = {name: table for name, table in self._data.items() if table}
        text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        if text == self._committed:
            return
        if self.path is not None:
            atomic_write(self.path, text)
        self._committed = text

    def close(self) -> None:
        pass


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Store:
    """One writer at a time; every change is a transaction committed atomically.

    This class is also the interface the rest of the code is written against: the PostgreSQL
    backend (:class:`bot.infra.pg_store.PgStore`) subclasses it and replaces the storage steps
    (:meth:`_begin`, :meth:`_commit`, :meth:`_abort`, :meth:`table`, ...), so every annotation
    ``store: Store`` accepts either without knowing which.

    Synchronous methods run in a worker thread when called through the ``a*`` coroutines,
    so the event loop never waits on the disk.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._storage = TransactionalStorage(path)
        self.db = TinyDB(storage=_Passthrough, inner=self._storage)
        self._init_writer()
        self._check_schema()

    def _init_writer(self) -> None:
        """The one-writer state every backend shares (:class:`bot.infra.pg_store.PgStore` calls it too)."""
        self._lock = threading.RLock()
        self._alock: asyncio.Lock | None = None
        self._depth = 0
        self._after: list[Callable[[], None]] = []

    @classmethod
    def memory(cls) -> Store:
        return cls(None)

    def _check_schema(self) -> None:
        version = self.meta().get("schema_version")
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"the database {self.path} has schema version {version}, newer than this bot "
                f"understands ({SCHEMA_VERSION}); upgrade race-bot"
            )

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def meta(self) -> dict[str, Any]:
        docs = self.table(META_TABLE).all()
        return dict(docs[0]) if docs else {}

    def set_meta(self, **values: Any) -> None:
        table = self.table(META_TABLE)
        merged = {**self.meta(), **values}
        table.truncate()
        table.insert(merged)

    @property
    def is_empty(self) -> bool:
        return not self._storage.read()

    @property
    def shared(self) -> bool:
        """Whether other processes may use this database at the same time (a file: never; see
        :func:`bot.infra.single.hold_data_dir`). Work that several processes could race for is
        claimed in the store only when it is shared."""
        return False

    def versions(self, tables: Sequence[str]) -> tuple[int, ...] | None:
        """A token that changes whenever another process commits to one of ``tables``; None where no
        other process can (so what this process holds in memory is always current)."""
        return None

    def exclusive(self, name: str) -> contextlib.AbstractContextManager[None]:
        """Hold a lock named ``name`` across every process on this database (work to be done once,
        such as a command sync). A file store has one process: nothing to hold."""
        return contextlib.nullcontext()

    def leadership(self, name: str) -> Leadership:
        """Whether this process is the one elected to run the jobs called ``name`` (alone: always)."""
        return Leadership()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All changes inside commit together, or none do (the exception propagates)."""
        with self._lock:
            outermost = not self._depth
            if outermost:
                self._begin()
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._after.clear()
                self._abort(reopen=not outermost)
                raise
            finally:
                self._depth -= 1
            if not outermost:
                return  # the outermost transaction commits
            try:
                self._commit()
            except BaseException:
                self._after.clear()
                self._abort(reopen=False)
                raise
            callbacks, self._after = self._after, []
            for callback in callbacks:
                callback()

    # The three steps of a transaction, the only part a backend changes (PgStore: BEGIN, COMMIT, ROLLBACK).

    def _begin(self) -> None:
        """Start the outermost transaction: nothing to do, the document is already in memory."""

    def _commit(self) -> None:
        self._storage.commit()

    def _abort(self, *, reopen: bool) -> None:
        """Undo everything since the last commit. ``reopen``: an inner transaction failed, the outer goes on
        (TinyDB keeps working on the reverted document; a server opens a new transaction)."""
        self._storage.rollback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current transaction has committed, still holding the writer's lock.

        This is how in-memory state follows the disk: it changes only after the write is durable,
        and inside the same critical section, so no other writer sees one without the other.
        """
        if not self._depth:
            raise RuntimeError("after_commit needs an open transaction")
        self._after.append(callback)

    def locked(self, work: Callable[[], T]) -> T:
        """Run ``work`` while holding the writer's lock (for callers that open their own transactions)."""
        with self._lock:
            return work()

    async def alocked(self, work: Callable[[], T]) -> T:
        """:meth:`locked` off the event loop, queued behind the other async writers."""
        if self._alock is None:
            self._alock = asyncio.Lock()
        async with self._alock:
            return await asyncio.to_thread(self.locked, work)

    def run(self, work: Callable[[Store], T]) -> T:
        """Run ``work`` inside one transaction."""
        with self.transaction():
            return work(self)

    async def arun(self, work: Callable[[Store], T]) -> T:
        """:meth:`run` off the event loop, one writer at a time."""
        if self._alock is None:
            self._alock = asyncio.Lock()
        async with self._alock:
            return await asyncio.to_thread(self.run, work)

    def snapshot(self) -> str:
        """The last committed document, as text: a consistent copy for backups."""
        with self._lock:
            return self._storage._committed

    def replace_all(self, document: dict[str, Any]) -> None:
        """Replace every table with ``document`` (a TinyDB file's content, doc ids kept), in one transaction:
        a restore, or a move between backends."""
        with self.transaction():
            self.db.drop_tables()  # also forgets TinyDB's table objects, whose next ids belong to the old data
            self._storage.write(json.loads(json.dumps(document)))

    def close(self) -> None:
        """Release the backend's resources (a file store holds none between commits)."""

    def writable(self) -> bool:
        """Whether the data directory accepts a write (for health checks)."""
        if self.path is None:
            return True
        try:
            probe = self.path.parent / ".write-probe"
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError:
            return False
        return True


class _Passthrough(Storage):
    """Adapter so TinyDB can be handed an existing storage object (it insists on a class)."""

    def __init__(self, inner: TransactionalStorage) -> None:
        self.inner = inner

    def read(self) -> dict[str, Any]:
        return self.inner.read()

    def write(self, data: dict[str, Any]) -> None:
        self.inner.write(data)

    def close(self) -> None:
        self.inner.close()
