"""PostgreSQL advisory locks: the one writer across processes, work done once, and the elected process.

Why advisory locks: several bot processes share one database, and three things must not happen
twice at once. Each lock is a pair of numbers (``RACE`` and a purpose) held by a server session;
a process that dies loses its session, and with it every lock it held, without anyone cleaning up.

* ``WRITER``: every store transaction holds it (taken before ``BEGIN``, so the transaction's snapshot
  already sees the previous writer's commit). Writes from all processes are serialised as in one
  process, and the serializable transactions never fail on each other.
* :func:`exclusive`: a named piece of work that one process does while the others wait (command sync).
* :class:`PgLeadership`: held for as long as the process lives; its holder runs the elected jobs.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Iterator
from typing import Any

import psycopg

from bot.infra.leader import Leadership

log = logging.getLogger(__name__)

RACE = 0x72616365  # "race": the class of every race-bot lock, so other applications' locks never collide
WRITER = 1


def key(name: str) -> int:
    """A stable 31-bit number for a named lock (the writer has its own, fixed one)."""
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") & 0x7FFFFFFF
    return digest if digest != WRITER else WRITER + 1


@contextlib.contextmanager
def exclusive(url: str, name: str, timeout: int = 10) -> Iterator[None]:
    """Hold the lock ``name`` on a connection of its own; another process asking waits until it is released."""
    with psycopg.connect(url, autocommit=True, connect_timeout=timeout) as conn:
        conn.execute("SELECT pg_advisory_lock(%s, %s)", (RACE, key(name)))
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error):
                conn.execute("SELECT pg_advisory_unlock(%s, %s)", (RACE, key(name)))


class PgLeadership(Leadership):
    """Elected by holding a session advisory lock on a connection kept open for that purpose.

    TCP keepalives make the server notice a process that vanished without closing (a power cut, a
    network split) within about half a minute; a killed process's socket closes at once.
    """

    def __init__(self, url: str, name: str) -> None:
        self.url = url
        self.name = name
        self._conn: psycopg.Connection[Any] | None = None
        self._held = False

    async def holds(self) -> bool:
        return await asyncio.to_thread(self._check)

    @property
    def held(self) -> bool:
        return self._held

    def _check(self) -> bool:
        try:
            conn = self._connection()
            if self._held:
                conn.execute("SELECT 1")  # still connected, so still holding it
                return True
            row = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (RACE, key(self.name))).fetchone()
            self._held = bool(row and row[0])
            if self._held:
                log.info("elected to run the %s jobs (this process runs them until it stops)", self.name)
        except psycopg.Error as exc:
            if self._held:
                log.warning("lost the %s election (database: %s); another process takes over", self.name, exc)
            self._held = False
            self._drop()
        return self._held

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._held = False
            self._conn = psycopg.connect(
                self.url, autocommit=True, connect_timeout=5, keepalives=1, keepalives_idle=10,
                keepalives_interval=5, keepalives_count=3,
            )  # fmt: skip
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
        self._conn = None

    def close(self) -> None:
        if self._held:
            log.info("leaving the %s election", self.name)
        self._held = False
        self._drop()
