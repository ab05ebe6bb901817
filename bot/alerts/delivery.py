"""Delivering the outbox: one tick releases alerts, reminders and digests, then sends what is due.

Sending goes through a :class:`Sender` (the Discord shell provides one; tests and the console
provide others) and our own :class:`RateLimiter`, which keeps a fan-out under Discord's global
limit and the per-channel buckets so a broadcast to a thousand channels draws no 429. Results
are written in small batches, each one transaction; a crash between a send and its record is
covered by the nonce, which makes Discord return the first message instead of posting again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.alerts.outbox import (
    DELIVERIES,
    OUTBOX,
    AlertSettings,
    OutMessage,
    SendResult,
    due_deliveries,
    next_reminder_at,
    queue_reminders,
    record_result,
    release,
    release_digests,
    render_alert,
    sent_reminder_keys,
    subscriptions,
)
from bot.core.dates import DateStyle, iso_instant
from bot.core.kb import KnowledgeBase
from bot.core.models import parse_instant
from bot.infra.store import Store

log = logging.getLogger(__name__)

BATCH = 48
SEND_TIMEOUT = 30.0
KEEP_FINISHED = timedelta(days=30)


class Sender(Protocol):
    async def send(self, channel_id: int, message: OutMessage, nonce: str) -> tuple[SendResult, str]: ...


class RateLimiter:
    """Evenly spaced requests under a global rate, and at most N per window per channel.

    Discord counts the global limit over any one second, and requests can arrive a little
    bunched up after leaving here, so besides spacing, no more than ``burst`` requests may start
    within ``1 s + margin``.
    """

    def __init__(
        self,
        per_second: float = 48.5,
        per_channel: int = 5,
        channel_window: float = 5.0,
        *,
        burst: int = 49,
        margin: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self.per_channel = per_channel
        self.window = channel_window
        self.burst = burst
        self.margin = margin
        self.clock = clock
        self.sleep = sleep
        self._next = 0.0
        self._recent: deque[float] = deque(maxlen=burst)
        self._channels: dict[int, deque[float]] = {}

    async def acquire(self, channel_id: int) -> None:
        now = self.clock()
        recent = self._channels.setdefault(channel_id, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        start = max(now, self._next)
        if len(self._recent) == self.burst:
            start = max(start, self._recent[0] + 1.0 + self.margin)
        if len(recent) >= self.per_channel:
            start = max(start, recent[0] + self.window)
        self._next = start + self.interval  # reserve the slot before sleeping: no two tasks share it
        self._recent.append(start)
        recent.append(start)
        if start > now:
            await self.sleep(start - now)


@dataclass
class TickReport:
    released: int = 0
    reminders: int = 0
    digests: int = 0
    results: dict[str, int] = field(default_factory=dict)


class AlertDispatcher:
    def __init__(
        self,
        store: Store,
        kb: KnowledgeBase,
        clock: Callable[[], datetime],
        sender: Sender,
        style: DateStyle,
        *,
        settings: AlertSettings | None = None,
        limiter: RateLimiter | None = None,
        concurrency: int = BATCH,
    ) -> None:
        self.store = store
        self.kb = kb
        self.clock = clock
        self.sender = sender
        self.style = style
        self.settings = settings or AlertSettings()
        self.limiter = limiter or RateLimiter()
        self.concurrency = concurrency
        self._lock = asyncio.Lock()
        self.stopping = False

    async def idle(self) -> None:
        """Wait until no tick is running (used by a graceful stop)."""
        async with self._lock:
            return

    async def tick(self) -> TickReport:
        """Release what is due and send it. Ticks never overlap."""
        async with self._lock:
            report = TickReport()
            now = self.clock()
            kb, settings = self.kb, self.settings

            def prepare(store: Store) -> tuple[int, int, int, list[dict[str, Any]]]:
                reminders = queue_reminders(store, kb, now, settings)
                released = release(store, kb, now, settings)
                digests = release_digests(store, now)
                _prune(store, now)
                return reminders, released, digests, due_deliveries(store, now)

            report.reminders, report.released, report.digests, due = await self.store.arun(prepare)
            messages = await self.store.arun(lambda store: self._messages(store, due))
            writing: asyncio.Task[None] | None = None
            try:
                for start in range(0, len(due), self.concurrency):
                    if self.stopping:
                        break
                    batch = due[start : start + self.concurrency]
                    results = await asyncio.gather(*(self._send(d, messages.get(d["id"])) for d in batch))
                    if writing is not None:
                        await writing  # results are recorded in order, one transaction per batch
                    when = self.clock()
                    writing = asyncio.create_task(
                        self.store.arun(lambda s, b=batch, r=results, w=when: _record_all(s, b, r, w))
                    )
                    for result, _detail in results:
                        report.results[result.value] = report.results.get(result.value, 0) + 1
            finally:
                if writing is not None:
                    await asyncio.shield(writing)
            return report

    async def _send(self, delivery: dict[str, Any], message: OutMessage | None) -> tuple[SendResult, str]:
        if message is None:
            return SendResult.NOT_FOUND, "subscription no longer exists"
        await self.limiter.acquire(delivery["channel_id"])
        try:
            return await asyncio.wait_for(
                self.sender.send(delivery["channel_id"], message, delivery["nonce"]), SEND_TIMEOUT
            )
        except Exception as exc:  # one bad channel must never stop the others
            log.warning("send failed delivery=%s error=%r", delivery["id"], exc)
            return SendResult.RETRY, repr(exc)[:200]

    def _messages(self, store: Store, due: list[dict[str, Any]]) -> dict[str, OutMessage]:
        """Render each distinct (alerts, role) once, however many channels receive it."""
        subs = {s.id: s for s in subscriptions(store)}
        wanted = {a for d in due for a in d["alerts"]}
        alerts = {doc["id"]: doc for doc in store.table(OUTBOX).all() if doc["id"] in wanted}
        rendered: dict[tuple[tuple[str, ...], int | None], OutMessage] = {}
        out: dict[str, OutMessage] = {}
        for d in due:
            sub = subs.get(d["subscription"])
            if sub is None:
                continue
            key = (tuple(d["alerts"]), sub.role_id)
            if key not in rendered:
                docs = [alerts[a] for a in d["alerts"] if a in alerts]
                rendered[key] = render_alert(docs, self.kb, self.style, sub.role_id)
            out[d["id"]] = rendered[key]
        return out

    def next_wakeup(self) -> datetime | None:
        """The next moment something becomes due (release, retry, reminder), for a precise timer."""
        now = self.clock()
        store = self.store
        candidates = [parse_instant(d["release_at"]) for d in store.table(OUTBOX).all() if not d["released"]]
        for d in store.table(DELIVERIES).all():
            if d["state"] == "pending":
                candidates.append(parse_instant(d["next_try_at"]))
            elif d["state"] == "held":
                candidates.append(parse_instant(d["hold_until"]))
        reminder = next_reminder_at(self.kb, sent_reminder_keys(store), now, self.settings)
        if reminder:
            candidates.append(reminder)
        return min(candidates, default=None)


def _record_all(
    store: Store, batch: list[dict[str, Any]], results: list[tuple[SendResult, str]], now: datetime
) -> None:
    for delivery, (result, detail) in zip(batch, results, strict=True):
        record_result(store, delivery, result, detail, now)


def _prune(store: Store, now: datetime) -> None:
    """Forget finished deliveries and alerts after a while, so the database stays small."""
    cutoff = iso_instant(now - KEEP_FINISHED)
    finished = ("sent", "failed", "dropped", "digested")
    store.table(DELIVERIES).remove(lambda d: d["state"] in finished and d.get("sent_at", d["next_try_at"]) < cutoff)
    live = {a for d in store.table(DELIVERIES).all() for a in d["alerts"]}
    store.table(OUTBOX).remove(lambda a: a["released"] and a["created_at"] < cutoff and a["id"] not in live)
