"""Delivering the outbox: one tick releases alerts, reminders and digests, then sends what is due.

Sending goes through a :class:`Sender` (the Discord shell provides one; tests and the console
provide others) and our own :class:`RateLimiter`, which keeps a fan-out under Discord's global
limit and the per-channel buckets so a broadcast to a thousand channels draws no 429. Results
are written in small batches, each one transaction; a crash between a send and its record is
covered by the nonce, which makes Discord return the first message instead of posting again.
When the sends are recorded, each alert with nothing left in flight is folded into its summary,
so the next commits (each rewrites the whole file) cost what the fan-out in progress weighs.

Several processes on one PostgreSQL database share a fan-out: each claims deliveries a few at a
time (:func:`bot.alerts.outbox.claim_due`) and sends only its claims, and only the elected process
releases alerts, reminders and digests (:class:`bot.infra.leader.Leadership`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Protocol

from bot.alerts.outbox import (
    Claim,
    claim_due,
    fold,
    next_wakeup,
    prune,
    record_results,
    release,
    release_claims,
    release_digests,
)
from bot.alerts.records import AlertSettings, Delivery, OutboxAlert, SendResult, load
from bot.alerts.reminders import queue_reminders
from bot.alerts.render import OutMessage, render_alert
from bot.alerts.subscriptions import subscriptions
from bot.core.dates import DateStyle, in_language
from bot.core.kb import KnowledgeBase
from bot.infra.leader import Leadership
from bot.infra.store import Store

log = logging.getLogger(__name__)

BATCH = 48
CLAIM_BATCHES = 2  # at most this many batches claimed at a time (see claim_size)
CLAIM_SECONDS = 2.0
SEND_TIMEOUT = 30.0

RenderKey = tuple[tuple[str, ...], int | None, str]  # (alerts, role, language): one message each


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
    folded: int = 0  # alerts whose finished deliveries were folded into a summary
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
        owner: str = "main",
        leadership: Leadership | None = None,
    ) -> None:
        self.store = store
        self.kb = kb
        self.clock = clock
        self.sender = sender
        self.style = style
        self.settings = settings or AlertSettings()
        self.limiter = limiter or RateLimiter()
        self.concurrency = concurrency
        self.claim_size = claim_size(self.limiter, self.settings.lease, concurrency)
        self.owner = owner  # whose claims (see claim_due): a restart under the same name takes its own back
        self.leadership = leadership or Leadership()
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

            def prepare(store: Store) -> tuple[int, int, int, int]:
                reminders = queue_reminders(store, kb, now, settings)
                released = release(store, kb, now, settings)
                digests = release_digests(store, now)
                folded = len(fold(store, now))  # what an earlier tick (or an older version) left finished
                prune(store, now)
                return reminders, released, digests, folded

            if await self.leadership.holds():  # with several processes, one releases; all of them send
                report.reminders, report.released, report.digests, report.folded = await self.store.arun(prepare)
            tried = await self._send_due(report)
            if tried:  # every result is recorded: nothing of this tick is in flight any more
                report.folded += len(await self.store.arun(partial(fold, now=self.clock())))
            return report

    async def _send_due(self, report: TickReport) -> set[str]:
        """Claim, send and record until nothing is due; returns the deliveries tried.

        One pipeline, so that sharing a fan-out with other processes costs no idle time: the next
        claim is taken while this one is sent, and each batch's results are written while the next
        batch goes out (in order, one transaction per batch)."""
        tried: set[str] = set()
        rendered: dict[RenderKey, OutMessage] = {}
        writing: asyncio.Task[None] | None = None
        claiming = asyncio.create_task(self.store.arun(partial(self._claim, skip=frozenset())))
        try:
            while not self.stopping:
                claim = await claiming
                if not claim.deliveries:
                    break
                if claim.taken_over:
                    log.warning("took over %d deliveries whose claim lapsed (a process stopped mid fan-out)",
                                claim.taken_over)  # fmt: skip
                tried.update(d.id for d in claim.deliveries)
                claiming = asyncio.create_task(self.store.arun(partial(self._claim, skip=frozenset(tried))))
                writing = await self._send_claimed(claim.deliveries, rendered, report, writing)
        finally:
            if writing is not None:
                await asyncio.shield(writing)
            if not claiming.done():
                await asyncio.shield(claiming)
            if self.stopping and self.store.shared:  # nothing in flight now: the rest is another process's
                given = await self.store.arun(partial(release_claims, owner=self.owner))
                if given:
                    log.info("stopping: gave back %d claimed deliveries for the other processes", given)
        return tried

    def _claim(self, store: Store, skip: frozenset[str]) -> Claim:
        return claim_due(store, self.clock(), self.owner, self.settings.lease, self.claim_size, skip)

    async def _send_claimed(
        self,
        due: list[Delivery],
        rendered: dict[RenderKey, OutMessage],
        report: TickReport,
        writing: asyncio.Task[None] | None,
    ) -> asyncio.Task[None] | None:
        """Send claimed deliveries in batches; returns the write of the last batch's results, still running."""
        messages = await self.store.arun(lambda store: self._messages(store, due, rendered))
        for start in range(0, len(due), self.concurrency):
            if self.stopping:
                break
            batch = due[start : start + self.concurrency]
            results = await asyncio.gather(*(self._send(d, messages.get(d.id)) for d in batch))
            if writing is not None:
                await writing  # results are recorded in order, one transaction per batch
            record = partial(_record_all, batch=batch, results=results, now=self.clock())
            writing = asyncio.create_task(self.store.arun(record))
            for result, _detail in results:
                report.results[result.value] = report.results.get(result.value, 0) + 1
        return writing

    async def _send(self, delivery: Delivery, message: OutMessage | None) -> tuple[SendResult, str]:
        if message is None:
            return SendResult.NOT_FOUND, "subscription no longer exists"
        await self.limiter.acquire(delivery.channel_id)
        try:
            return await asyncio.wait_for(self.sender.send(delivery.channel_id, message, delivery.nonce), SEND_TIMEOUT)
        except Exception as exc:  # one bad channel must never stop the others
            log.warning("send failed delivery=%s error=%r", delivery.id, exc)
            return SendResult.RETRY, repr(exc)[:200]

    def _messages(
        self, store: Store, due: list[Delivery], rendered: dict[RenderKey, OutMessage]
    ) -> dict[str, OutMessage]:
        """Render each distinct (alerts, role, language) once per tick, however many channels receive it.

        A fan-out to a thousand channels in two languages renders two messages (per role)."""
        subs = {s.id: s for s in subscriptions(store)}
        wanted = {a for d in due for a in d.alerts}
        alerts = {a.id: a for a in load(store, OutboxAlert) if a.id in wanted}
        out: dict[str, OutMessage] = {}
        for d in due:
            sub = subs.get(d.subscription)
            if sub is None:
                continue
            key = (d.alerts, sub.role_id, sub.language)
            if key not in rendered:
                found = [alerts[a] for a in d.alerts if a in alerts]
                style = in_language(self.style, sub.language)
                rendered[key] = render_alert(found, self.kb, style, sub.role_id)
            out[d.id] = rendered[key]
        return out

    def next_wakeup(self) -> datetime | None:
        """The next moment something becomes due (release, retry, reminder), for a precise timer."""
        return next_wakeup(self.store, self.kb, self.clock(), self.settings)


def claim_size(limiter: RateLimiter, lease: timedelta, concurrency: int) -> int:
    """How many deliveries to claim at a time: what this process sends in two seconds at its rate, or in a
    quarter of the lease if that is shorter (a claim is sent long before it lapses), at most two batches.
    Small claims keep processes sharing a fan-out to its end: the last one to finish has at most about
    two seconds of sends left when the others run out."""
    seconds = min(CLAIM_SECONDS, lease.total_seconds() / 4)
    return max(1, min(concurrency * CLAIM_BATCHES, int(seconds / limiter.interval)))


def _record_all(store: Store, batch: list[Delivery], results: list[tuple[SendResult, str]], now: datetime) -> None:
    record_results(store, [(d, r, detail) for d, (r, detail) in zip(batch, results, strict=True)], now)
