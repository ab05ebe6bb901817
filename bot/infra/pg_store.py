"""PostgreSQL behind the same interface as the TinyDB store, chosen when ``DATABASE_URL`` is set.

Why this shape: the rest of the code speaks TinyDB's table API (``all``, ``insert``,
``update(fields, cond)``, ``remove(cond)``, ``doc.doc_id``, queries as ``Query`` objects or
lambdas) and must not know which backend it talks to. So :class:`PgTable` *is* a TinyDB
``Table`` with its two storage primitives replaced: ``_read_table`` reads the table's rows and
``_update_table`` writes back only the rows an operation changed. Every TinyDB method keeps its
exact semantics (ids, order, return values), because TinyDB's own code runs them.

Documents are JSONB rows ``(table_name, doc_id, doc)``. Conditions are evaluated in Python over
the table's rows, correctness first, so every operation needs its whole table in memory, as
TinyDB has it. Reading and parsing a big table on every transaction would make an edit cost what
the table weighs, so the store keeps each table as last committed together with its *version*
(``race_table_versions``: a new number from one sequence on every commit that changes the table,
written in that same transaction). A transaction asks for the version (one small query) and
reads the rows again only when someone else changed the table since. The cost that remains: a
condition still runs over every row of its table in Python (a tick over 10,000 deliveries looks
at 10,000 documents), and the process holds its tables in memory. Anything writing these tables
other than race-bot must bump their version (or a running bot will not see the change).

:meth:`PgStore.transaction` is one server transaction, taken under the writer's advisory lock
(:mod:`bot.infra.pg_locks`): several bot processes on one database write one at a time, as the
threads of one process do, each seeing the last commit. It is also SERIALIZABLE, so a writer that
is not race-bot gets an error rather than a silently lost update. Nested ones join the outermost,
which commits. ``COMMIT`` returns only once the server has made it durable, so an acknowledged
edit survives ``kill -9`` of the bot or of the server. The schema is migrated at open
(:mod:`bot.infra.pg_migrations`).
"""

from __future__ import annotations

import contextlib
import copy
import json
import logging
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit, urlunsplit

import psycopg
from tinydb.queries import QueryLike
from tinydb.storages import Storage
from tinydb.table import Table

from bot.core.errors import StoreError
from bot.infra import pg_locks, pg_migrations
from bot.infra.leader import Leadership
from bot.infra.pg_locks import RACE, WRITER
from bot.infra.pg_migrations import DOCUMENTS, VERSIONS, Migration
from bot.infra.store import SCHEMA_VERSION, Store
from bot.infra.tables import load_kb

log = logging.getLogger(__name__)

Rows = dict[str, dict[str, Any]]  # str(doc_id) -> document, in doc_id order (TinyDB's own shape)

_SELECT = f"SELECT doc_id, doc FROM {DOCUMENTS} WHERE table_name = %s ORDER BY doc_id"
_VERSION = f"SELECT version FROM {VERSIONS} WHERE table_name = %s"
_BUMP = (
    f"INSERT INTO {VERSIONS} (table_name, version) VALUES (%s, nextval('race_version_seq')) "
    "ON CONFLICT (table_name) DO UPDATE SET version = EXCLUDED.version RETURNING version"
)
_UPSERT = (
    f"INSERT INTO {DOCUMENTS} (table_name, doc_id, doc) VALUES (%s, %s, %s::jsonb) "
    "ON CONFLICT (table_name, doc_id) DO UPDATE SET doc = EXCLUDED.doc"
)


def safe_url(url: str) -> str:
    """The URL without its password, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc}"))


def _dumps(doc: Mapping[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


class PgStore(Store):
    """The :class:`Store` interface over a PostgreSQL database.

    ``path`` is where the TinyDB file would be: the daily backups (JSON dumps in the TinyDB file's
    format, see :meth:`snapshot`) go beside it in ``DATA_DIR/backups``; the data itself is on the server.
    """

    def __init__(self, url: str, *, path: Path | None = None) -> None:
        self._init_writer()
        self.url = url
        self.path = path
        self._cache: dict[str, Rows] | None = None  # the open transaction's copy of the tables it read
        self._bumped: dict[str, int] = {}  # the tables this transaction changed, and their new versions
        self._known: dict[str, tuple[int, Rows]] = {}  # each table as last committed, with its version
        self._conn = self._connect()
        try:
            self.migrated: list[Migration] = pg_migrations.migrate(self._conn)
            self._check_schema()
        except BaseException:
            self._conn.close()
            raise

    def __repr__(self) -> str:
        return f"PgStore({safe_url(self.url)!r})"

    # ---- the connection ------------------------------------------------------------

    def _connect(self, timeout: int = 10) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=timeout)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to the PostgreSQL database {safe_url(self.url)}: {reason}") from None

    def _connection(self) -> psycopg.Connection[Any]:
        """The writer's connection, opened again if the server dropped it (never inside a transaction)."""
        if self._cache is None and (self._conn.closed or self._conn.broken):
            log.warning("store=postgresql reconnecting url=%s", safe_url(self.url))
            self._conn = self._connect()
        return self._conn

    def _alone(self, query: str, params: tuple[Any, ...] = ()) -> psycopg.Cursor[Any]:
        """``query`` outside any transaction of ours (or as its BEGIN), tried once more on a new connection
        if the old one turns out dead (a server restart): nothing was sent on it yet, so a retry is safe."""
        try:
            return self._connection().execute(query, params)
        except psycopg.OperationalError:
            if self._cache is not None or not self._conn.broken:
                raise
            return self._connection().execute(query, params)

    def close(self) -> None:
        self._conn.close()

    def _check_schema(self) -> None:
        version = self.meta().get("schema_version")
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"the database {safe_url(self.url)} has schema version {version}, newer than this bot "
                f"understands ({SCHEMA_VERSION}); upgrade race-bot"
            )

    # ---- transactions: the steps Store.transaction calls ---------------------------

    def _begin(self) -> None:
        # The writer's lock first, then the snapshot: one writer at a time across every process,
        # each seeing what the one before it committed (see bot.infra.pg_locks).
        self._alone("SELECT pg_advisory_lock(%s, %s)", (RACE, WRITER))
        try:
            self._conn.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
        except BaseException:
            self._unlock()
            raise
        self._cache = {}

    def _commit(self) -> None:
        cache, bumped = self._cache or {}, self._bumped
        self._cache, self._bumped = None, {}
        try:
            self._conn.execute("COMMIT")
        finally:
            self._unlock()
        for name, version in bumped.items():  # what we wrote is now what is committed
            self._known[name] = (version, cache[name])

    def _abort(self, *, reopen: bool) -> None:
        self._cache, self._bumped = None, {}  # self._known still holds the last committed tables
        try:
            if not self._conn.closed:
                self._conn.execute("ROLLBACK")
        except psycopg.Error as exc:  # a dropped connection has rolled back by itself
            log.warning("store=postgresql rollback failed error=%s", exc)
        self._unlock()
        if reopen:  # an inner transaction failed and was caught: the outer one goes on in a fresh transaction
            self._begin()

    def _unlock(self) -> None:
        """Release the writer's lock (a connection that died released it with itself)."""
        if self._conn.closed or self._conn.broken:
            return
        try:
            self._conn.execute("SELECT pg_advisory_unlock(%s, %s)", (RACE, WRITER))
        except psycopg.Error as exc:
            log.warning("store=postgresql unlock failed error=%s", exc)

    # ---- rows ------------------------------------------------------------------------

    def table(self, name: str) -> Table:
        return PgTable(self, name)

    def rows(self, name: str) -> Rows:
        """A table's documents as this transaction sees them (outside one: as committed). Never mutate them."""
        with self._lock:
            if self._cache is None:
                return self._read_alone(name)
            if name not in self._cache:
                self._cache[name] = self._fetch(name)
            return self._cache[name]

    def _read_alone(self, name: str) -> Rows:
        """A read outside any transaction of ours: the version and the rows from one read-only snapshot,
        without the writer's lock, so a reader never waits for (or holds up) another process's writes."""
        self._alone("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            return self._fetch(name)
        finally:
            self._conn.execute("COMMIT")

    def _fetch(self, name: str) -> Rows:
        """The committed table: remembered if its version has not moved, else read (and remembered)."""
        row = self._conn.execute(_VERSION, (name,)).fetchone()
        version = None if row is None else int(row[0])
        known = self._known.get(name)
        if version is not None and known is not None and known[0] == version:
            return known[1]
        rows = {str(doc_id): doc for doc_id, doc in self._conn.execute(_SELECT, (name,))}
        if version is not None:
            self._known[name] = (version, rows)
        return rows

    def write(self, name: str, before: Rows, after: Mapping[int, Mapping[str, Any]]) -> None:
        """Send the rows that differ between ``before`` and ``after`` (inside the open transaction)."""
        if self._cache is None:
            raise RuntimeError("PgStore.write needs an open transaction")
        removed = [int(key) for key in before if int(key) not in after]
        changed = {doc_id: _dumps(doc) for doc_id, doc in after.items() if before.get(str(doc_id)) != doc}
        if not removed and not changed:
            return  # nothing to send, and the table's version stays
        if name not in self._bumped:
            bumped = self._conn.execute(_BUMP, (name,)).fetchone()
            self._bumped[name] = int(bumped[0]) if bumped else 0
        if before and not after:
            self._conn.execute(f"DELETE FROM {DOCUMENTS} WHERE table_name = %s", (name,))
        elif removed:
            self._conn.execute(f"DELETE FROM {DOCUMENTS} WHERE table_name = %s AND doc_id = ANY(%s)", (name, removed))
        if changed:
            with self._conn.cursor() as cur:
                cur.executemany(_UPSERT, [(name, doc_id, text) for doc_id, text in changed.items()])
        # The transaction's copy holds what the server holds: fresh objects, shared with no caller.
        self._cache[name] = {
            str(doc_id): json.loads(changed[doc_id]) if doc_id in changed else before[str(doc_id)]
            for doc_id in sorted(after)
        }

    # ---- the rest of the interface ---------------------------------------------------

    @property
    def is_empty(self) -> bool:
        with self._lock:
            row = self._alone(f"SELECT NOT EXISTS (SELECT 1 FROM {DOCUMENTS})").fetchone()
            return bool(row and row[0])

    @property
    def shared(self) -> bool:
        return True

    def versions(self, tables: Sequence[str]) -> tuple[int, ...] | None:
        """The tables' newest version as committed (one small query, no writer's lock): versions come from
        one sequence, so any commit to one of them moves it. Inside our transaction: what it sees."""
        query = f"SELECT coalesce(max(version), 0) FROM {VERSIONS} WHERE table_name = ANY(%s)"
        with self._lock:
            cursor = (
                self._alone(query, (list(tables),))
                if self._cache is None
                else self._conn.execute(query, (list(tables),))
            )
            row = cursor.fetchone()
        return (int(row[0]) if row else 0,)

    def exclusive(self, name: str) -> contextlib.AbstractContextManager[None]:
        return pg_locks.exclusive(self.url, name)

    def leadership(self, name: str) -> Leadership:
        return pg_locks.PgLeadership(self.url, name)

    def counts(self) -> dict[str, int]:
        """Documents per table (tables without any are absent)."""
        with self._lock:
            query = f"SELECT table_name, count(*) FROM {DOCUMENTS} GROUP BY table_name ORDER BY table_name"
            return {str(name): int(n) for name, n in self._alone(query)}

    def replace_all(self, document: dict[str, Any]) -> None:
        rows = [(name, int(doc_id), _dumps(doc)) for name, docs in document.items() for doc_id, doc in docs.items()]
        with self.transaction():
            self._conn.execute(f"DELETE FROM {DOCUMENTS}")
            with self._conn.cursor() as cur:
                cur.executemany(_UPSERT, rows)
                names = {name for name, _, _ in rows}
                names |= {str(row[0]) for row in self._conn.execute(f"SELECT table_name FROM {VERSIONS}")}
                cur.executemany(_BUMP, [(name,) for name in sorted(names)])  # every reader's copy is now old
            self._cache, self._bumped = {}, {}
            self._known.clear()

    def snapshot(self) -> str:
        """The last committed data in the TinyDB file's format, so a backup restores into either backend.

        Read on a connection of its own in one statement: consistent, and it waits for no writer."""
        data: dict[str, dict[str, Any]] = {}
        with self._connect() as conn:
            query = f"SELECT table_name, doc_id, doc FROM {DOCUMENTS} ORDER BY table_name, doc_id"
            for name, doc_id, doc in conn.execute(query):
                data.setdefault(name, {})[str(doc_id)] = doc
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def writable(self) -> bool:
        """Whether the server accepts connections and writes (for health checks), on a connection of its own."""
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=3) as conn:
                query = "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off'"
                row = conn.execute(query).fetchone()
                return bool(row and row[0])
        except psycopg.Error:
            return False


class PgTable(Table):
    """A TinyDB table whose documents are the store's rows: TinyDB's own methods run unchanged on top.

    Each write is atomic by itself (its own transaction when the caller opened none) and takes its
    new ids from the rows as they are now, never from a count remembered by an older table object.
    """

    def __init__(self, store: PgStore, name: str) -> None:
        super().__init__(_NoStorage(), name, cache_size=0)
        self._store = store

    def _read_table(self) -> dict[str, Mapping[str, Any]]:
        return cast(dict[str, Mapping[str, Any]], self._store.rows(self.name))

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        store = self._store
        with store.transaction():
            before = store.rows(self.name)
            work: dict[int, Mapping[str, Any]] = {int(key): dict(doc) for key, doc in before.items()}
            updater(work)  # TinyDB's own insert/update/remove/truncate logic, on copies
            store.write(self.name, before, work)
        self.clear_cache()

    def insert(self, document: Mapping[str, Any]) -> int:
        with self._store.transaction():
            self._next_id = None
            return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        with self._store.transaction():
            self._next_id = None
            return super().insert_multiple(documents)

    def update(
        self,
        fields: Mapping[str, Any] | Callable[[MutableMapping[str, Any]], None],
        cond: QueryLike | None = None,
        doc_ids: Iterable[int] | None = None,
    ) -> list[int]:
        if callable(fields):
            change = fields

            def detached(doc: MutableMapping[str, Any]) -> None:
                _detach(doc)  # the callable may change nested values in place: never the cached originals
                change(doc)

            return super().update(detached, cond, doc_ids)
        return super().update(fields, cond, doc_ids)


def _detach(doc: MutableMapping[str, Any]) -> None:
    """Give a shallow copy its own nested lists and dicts, so changing them in place leaves the original."""
    for key, value in doc.items():
        if isinstance(value, dict | list):
            doc[key] = copy.deepcopy(value)


class _NoStorage(Storage):
    """TinyDB's Table insists on a storage; a PgTable never reaches it (both its storage primitives are replaced)."""

    def read(self) -> dict[str, Any] | None:
        raise RuntimeError("PgTable reads its rows from PostgreSQL")

    def write(self, data: dict[str, Any]) -> None:
        raise RuntimeError("PgTable writes its rows to PostgreSQL")


def move_from_tinydb(source: Path, target: PgStore, *, force: bool = False) -> list[tuple[str, int, int]]:
    """Copy a TinyDB database (doc ids kept) into PostgreSQL; each table with its count there and here.

    The file is validated first as a restore would (readable, a schema we know, a knowledge base
    that loads). A target that already holds documents is refused unless ``force``, which replaces
    them; the copy is one transaction, so a failure leaves the target as it was.
    """
    if not source.is_file():
        raise StoreError(f"{source}: no such file")
    candidate = Store(source)
    try:
        load_kb(candidate)
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"{source} is not a valid race database: {exc}") from None
    document: dict[str, dict[str, Any]] = json.loads(candidate.snapshot())
    have = target.counts()
    if have and not force:
        raise StoreError(
            f"the PostgreSQL database {safe_url(target.url)} already holds {sum(have.values())} documents "
            f"in {len(have)} tables; nothing was copied (add --force to replace them)"
        )
    target.replace_all(document)
    moved = target.counts()
    return [(name, len(document.get(name, {})), moved.get(name, 0)) for name in sorted(set(document) | set(moved))]
