"""The one HTTP client both upstream feeds (Launch Library 2, Spaceflight News API) talk through.

Both feeds need the same care, so it lives here once: a timeout on every request; quick retries
with exponential backoff for faults that pass (5xx, timeouts, dropped or truncated answers); a 429
turned into :class:`RateLimited` carrying ``Retry-After`` (seconds or an HTTP date), which the
poller honours instead of hammering; a sliding-hour request budget per feed, checked and spent
*before* each attempt, so retries can never exceed it; a size cap; and a User-Agent naming the bot,
so the upstream's operators know who calls. An answer that is not JSON is a :class:`FeedError`,
never a half-read result.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bot.core.dates import iso_instant
from bot.core.errors import FeedError, RateLimited
from bot.core.models import parse_instant

log = logging.getLogger(__name__)

USER_AGENT = "race-bot/0.1 (Discord bot that follows a space race; aiohttp)"
MAX_BYTES = 5_000_000  # no page we ask for comes near this; anything larger is not an answer
HOUR = timedelta(hours=1)


class OutOfBudget(FeedError):
    """The feed's hourly request budget is spent; ``until`` is when the next request is allowed."""

    def __init__(self, feed: str, until: datetime) -> None:
        super().__init__(f"{feed}: the hourly request budget is spent until {iso_instant(until)}")
        self.until = until


class Gone(FeedError):
    """404: the upstream does not know the thing asked for (a launch or article that disappeared)."""


class Transient(FeedError):
    """A fault worth retrying soon: 5xx, a timeout, a dropped or truncated answer."""


@dataclass
class Budget:
    """A sliding-hour request budget over ``stamps``, the feed's persisted request instants (ISO)."""

    per_hour: int
    stamps: list[str]
    clock: Callable[[], datetime]

    def _recent(self, now: datetime) -> list[datetime]:
        return sorted(t for t in map(parse_instant, self.stamps) if t > now - HOUR)

    def left(self, now: datetime | None = None) -> int:
        return max(0, self.per_hour - len(self._recent(now or self.clock())))

    def next_allowed(self, now: datetime | None = None, need: int = 1) -> datetime:
        """When ``need`` requests fit again: now, or when enough of the last hour's have aged out."""
        now = now or self.clock()
        recent = self._recent(now)
        over = len(recent) + need - self.per_hour
        if over <= 0:
            return now
        if need > self.per_hour:
            return now + HOUR  # can never fit; the caller reports it
        return recent[over - 1] + HOUR + timedelta(seconds=1)

    def spend(self, now: datetime | None = None) -> None:
        now = now or self.clock()
        self.stamps[:] = [*(iso_instant(t) for t in self._recent(now)), iso_instant(now)]


@dataclass(frozen=True)
class HttpSettings:
    timeout: float = 20.0  # seconds for one whole request
    retries: int = 1  # extra attempts after a transient fault (each one spends budget)
    backoff: float = 2.0  # seconds before the first retry; doubles after each


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float:
    """``Retry-After`` as seconds: a number, or an HTTP date; 60 when missing or unreadable."""
    text = (value or "").strip()
    try:
        return max(1.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return 60.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(1.0, (when - (now or datetime.now(UTC))).total_seconds())


class FeedClient:
    """GET JSON from one upstream, within its budget; every failure is a FeedError subclass."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        feed: str,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        settings: HttpSettings | None = None,
    ) -> None:
        self.session = session
        self.feed = feed
        self.base_url = base_url.rstrip("/")
        self.headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})}
        self.settings = settings or HttpSettings()

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def same_origin(self, url: str) -> bool:
        """Whether a pagination link points back at this upstream (the API token goes nowhere else)."""
        mine, theirs = urlsplit(self.base_url), urlsplit(url)
        return (theirs.scheme, theirs.netloc) == (mine.scheme, mine.netloc)

    async def get_json(self, url: str, params: Mapping[str, str] | None, budget: Budget) -> Any:
        """One logical request: retried on transient faults with backoff, each attempt budgeted."""
        last: Transient | None = None
        for attempt in range(self.settings.retries + 1):
            if budget.left() <= 0:
                if last is not None:
                    raise last  # the budget ended the retries: report the fault, not the budget
                raise OutOfBudget(self.feed, budget.next_allowed())
            budget.spend()
            try:
                return await self._once(url, params)
            except Transient as exc:
                last = exc
                log.info("feed=%s attempt=%d transient: %s", self.feed, attempt + 1, exc)
                if attempt < self.settings.retries:
                    await asyncio.sleep(self.settings.backoff * 2**attempt)
        assert last is not None
        raise last

    async def _once(self, url: str, params: Mapping[str, str] | None) -> Any:
        timeout = aiohttp.ClientTimeout(total=self.settings.timeout)
        try:
            async with self.session.get(url, params=params, headers=self.headers, timeout=timeout) as response:
                self._check_status(response)
                body = await self._read(response)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise Transient(f"{self.feed}: network error ({type(exc).__name__}: {exc})") from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FeedError(f"{self.feed}: malformed JSON ({type(exc).__name__})") from None

    def _check_status(self, response: aiohttp.ClientResponse) -> None:
        status = response.status
        if status == 429:
            raise RateLimited(retry_after_seconds(response.headers.get("Retry-After")))
        if status == 404:
            raise Gone(f"{self.feed}: HTTP 404 for {response.url.path}")
        if status >= 500:
            raise Transient(f"{self.feed}: HTTP {status}")
        if status >= 400:
            raise FeedError(f"{self.feed}: HTTP {status} (the request was refused)")

    async def _read(self, response: aiohttp.ClientResponse) -> bytes:
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(65536):
            size += len(chunk)
            if size > MAX_BYTES:
                raise FeedError(f"{self.feed}: the answer is larger than {MAX_BYTES} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


@dataclass(frozen=True)
class Page:
    """One page of a Django REST Framework list: its results and the link to the next page."""

    results: list[dict[str, Any]]
    next: str | None
    count: int


def read_page(body: Any, feed: str) -> Page:
    """Check the ``{count, next, previous, results}`` shape both upstreams answer with."""
    try:
        results, nxt, count = body["results"], body.get("next"), int(body.get("count") or 0)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise FeedError(f"{feed}: malformed page ({type(exc).__name__})") from None
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise FeedError(f"{feed}: malformed page (results is not a list of records)")
    if nxt is not None and not isinstance(nxt, str):
        raise FeedError(f"{feed}: malformed page (next is not a link)")
    return Page(results, nxt or None, count)


def upstream_instant(text: Any) -> datetime:
    """An upstream timestamp (``Z``, offset, or none meaning UTC), as an aware datetime; ValueError if not."""
    when = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)
