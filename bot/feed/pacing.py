"""What both feed pollers share about *when* they may ask: state, refusals, backoff and outcomes.

A poll may start only when the feed has something to ask about, the upstream's ``Retry-After`` has
passed, and the hourly budget has room for the whole poll. A scheduled poll also waits for its
next slot; ``/feed poll`` skips that wait but never the other two. After failed polls the next slot
moves out exponentially (the normal interval, then twice, four times … at most six hours), so an
upstream that is down is asked less, not more.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from bot.core.dates import iso_instant
from bot.core.errors import Message, RateLimited
from bot.core.models import parse_instant
from bot.facts.news import Article
from bot.feed import strings as _strings  # noqa: F401  (registers the refusals' words)
from bot.feed.http import Budget

log = logging.getLogger(__name__)

BACKOFF_CAP = timedelta(hours=6)


@dataclass
class PollState:
    """What ``/feed status`` shows for one feed; persisted, so a restart keeps the budget and errors."""

    requests: list[str] = field(default_factory=list)  # ISO instants of requests in the last hour
    last_poll: str = ""
    next_poll: str = ""
    last_error: str = ""
    last_error_at: str = ""
    retry_after_until: str = ""
    failures: int = 0  # consecutive failed polls, for the backoff


@dataclass(frozen=True)
class Outcome:
    """What one poll did, for ``/feed poll``: it ran (with changes or articles), or why not."""

    feed: str
    ran: bool = False
    refused: Message | None = None  # why it did not run: a ``feed.refused.*`` Message, English until shown
    next_allowed: datetime | None = None  # when it may run, if a wait is the reason
    error: str = ""
    changes: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()


def blocked(feed: str, state: PollState, budget: Budget, now: datetime, need: int = 1) -> Outcome | None:
    """Why a poll needing ``need`` requests may not start now (Retry-After or budget), or None."""
    if state.retry_after_until and parse_instant(state.retry_after_until) > now:
        until = parse_instant(state.retry_after_until)
        return Outcome(feed, refused=Message("feed.refused.retry_after", feed=feed), next_allowed=until)
    if budget.left(now) < need:
        until = budget.next_allowed(now, need)
        used = budget.per_hour - budget.left(now)
        spent = Message("feed.refused.budget", used=used, per_hour=budget.per_hour)
        return Outcome(feed, refused=spent, next_allowed=until)
    return None


def due(state: PollState, now: datetime) -> bool:
    return not state.next_poll or parse_instant(state.next_poll) <= now


def started(state: PollState, now: datetime, interval: timedelta) -> None:
    state.last_poll = iso_instant(now)
    state.next_poll = iso_instant(now + interval)


def succeeded(state: PollState) -> None:
    state.failures = 0


def failed(state: PollState, message: str, now: datetime, interval: timedelta) -> None:
    """Record the error and back off: the next slot is interval × 2^(failures-1), at most six hours."""
    state.failures += 1
    state.last_error = message
    state.last_error_at = iso_instant(now)
    delay = min(interval * 2 ** min(state.failures - 1, 16), max(interval, BACKOFF_CAP))
    state.next_poll = iso_instant(max(now + delay, parse_instant(state.next_poll or iso_instant(now))))
    log.warning("feed error: %s", message)


def hold(state: PollState, exc: RateLimited, now: datetime) -> None:
    """Honour Retry-After: no request before it, whatever the schedule or an admin says."""
    until = now + timedelta(seconds=exc.retry_after)
    state.retry_after_until = iso_instant(until)
    state.next_poll = iso_instant(max(until, parse_instant(state.next_poll or iso_instant(now))))


def rate_limited(state: PollState, exc: RateLimited, now: datetime, interval: timedelta) -> None:
    """A poll that met a 429 before it learnt anything: a failure, and a hold until Retry-After."""
    failed(state, str(exc), now, interval)
    hold(state, exc, now)


S = TypeVar("S", bound=PollState)


class Scheduled(Generic[S]):
    """What both pollers do alike: one poll at a time, on schedule or at an admin's ``/feed poll``.

    A poller says why it may not start (``refusal``) and how it polls (``_run``); this decides when."""

    state: S
    clock: Callable[[], datetime]
    _lock: asyncio.Lock

    def refusal(self, now: datetime) -> Outcome | None:
        raise NotImplementedError

    async def _run(self, now: datetime) -> Outcome:
        raise NotImplementedError

    def due(self, now: datetime) -> bool:
        return self.refusal(now) is None and due(self.state, now)

    async def scheduled(self) -> Outcome | None:
        """The scheduled poll if it is due, else None."""
        async with self._lock:
            now = self.clock()
            return await self._run(now) if self.due(now) else None

    async def poll_now(self) -> Outcome:
        """``/feed poll``: now, whatever the schedule, but never past Retry-After or the budget."""
        async with self._lock:
            now = self.clock()
            return self.refusal(now) or await self._run(now)
