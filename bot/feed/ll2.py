"""Upstream feed: milestones that are real launches follow Launch Library 2 (LL2) by themselves.

One request fetches every tracked launch. The poll interval adapts to how close the nearest
tracked date is, and never exceeds the hourly request budget (15 on the free tier), which is
counted over a sliding hour. A changed ``net``/``net_precision``/``status`` becomes an ordinary
edit by "Launch Library 2" — same validation, history, undo and alerts as an admin's — unless the
milestone is pinned, in which case the disagreement is only shown in ``/feed status``.

Faults (429 with Retry-After, 5xx, timeouts, malformed or partial JSON, a launch that vanished)
never crash the poller and never half-apply: the last good data stays, the error is recorded.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiohttp

from bot.core.changes import Actor, Proposal
from bot.core.dates import iso_instant, period_start
from bot.core.errors import EditError, FeedError, RateLimited
from bot.core.models import MilestoneStatus, Precision, from_dict, parse_instant, to_dict
from bot.facts.editor import Editor
from bot.infra.store import Store

log = logging.getLogger(__name__)

FEED_TABLE = "feed"
FEED_ACTOR = Actor("ll2", "Launch Library 2")
API_VERSION = "2.3.0"
IDS_PARAM = "id__in"  # django-filter's "in" lookup on the launches endpoint
TIMEOUT = 20.0

# LL2 net_precision ids → ours. Coarse or odd ones round to a precision that invents nothing.
PRECISIONS = {
    0: Precision.TIME,
    1: Precision.TIME,
    2: Precision.DAY,
    3: Precision.DAY,
    4: Precision.DAY,
    5: Precision.DAY,
    6: Precision.MONTH,
    7: Precision.MONTH,
    8: Precision.QUARTER,
    9: Precision.QUARTER,
    10: Precision.QUARTER,
    11: Precision.QUARTER,
    12: Precision.YEAR,
    13: Precision.YEAR,
    14: Precision.YEAR,
    15: Precision.YEAR,
}
# LL2 launch status ids → ours.
STATUSES = {
    1: MilestoneStatus.CONFIRMED,  # Go for Launch
    2: MilestoneStatus.PLANNED,  # To Be Determined
    3: MilestoneStatus.DONE,  # Success
    4: MilestoneStatus.DONE,  # Failure (it happened)
    5: MilestoneStatus.PLANNED,  # Hold
    6: MilestoneStatus.DONE,  # In Flight
    7: MilestoneStatus.DONE,  # Partial Failure
    8: MilestoneStatus.PLANNED,  # To Be Confirmed
    9: MilestoneStatus.DONE,  # Payload Deployed
}


@dataclass(frozen=True)
class FeedSettings:
    base_url: str = "https://ll.thespacedevs.com"
    token: str = ""
    per_hour: int = 15
    near: timedelta = timedelta(days=1)  # poll often this close to a tracked date
    often: timedelta = timedelta(minutes=5)
    soon: timedelta = timedelta(days=7)
    sometimes: timedelta = timedelta(minutes=30)
    rarely: timedelta = timedelta(hours=3)


@dataclass(frozen=True)
class Upstream:
    """The fields we follow, read from one LL2 launch."""

    launch_id: str
    date: str
    precision: Precision
    status: MilestoneStatus
    url: str
    last_updated: str
    name: str
    window_start: str = ""
    window_end: str = ""


def parse_launch(raw: dict[str, Any]) -> Upstream:
    """Read one launch record; a missing or malformed field raises FeedError naming it."""
    try:
        launch_id = str(raw["id"])
        net = parse_instant(str(raw["net"]))
        precision = PRECISIONS.get(int((raw.get("net_precision") or {}).get("id", 1)), Precision.DAY)
        status = STATUSES.get(int(raw["status"]["id"]), MilestoneStatus.UNKNOWN)
    except (KeyError, TypeError, ValueError) as exc:
        raise FeedError(f"malformed launch record ({type(exc).__name__}: {exc})") from None
    return Upstream(
        launch_id=launch_id,
        date=iso_instant(period_start(net, precision)),
        precision=precision,
        status=status,
        url=str(raw.get("url") or ""),
        last_updated=str(raw.get("last_updated") or ""),
        name=str(raw.get("name") or ""),
        window_start=str(raw.get("window_start") or ""),
        window_end=str(raw.get("window_end") or ""),
    )


@dataclass
class FeedState:
    """What /feed status shows; persisted so a restart keeps the budget and the last error."""

    requests: list[str] = field(default_factory=list)  # ISO instants of requests in the last hour
    last_poll: str = ""
    next_poll: str = ""
    last_error: str = ""
    last_error_at: str = ""
    retry_after_until: str = ""
    disagreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_seen: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> FeedState:
        docs = store.table(FEED_TABLE).all()
        return from_dict(cls, dict(docs[0])) if docs else cls()

    def save(self, store: Store) -> None:
        table = store.table(FEED_TABLE)
        table.truncate()
        table.insert(to_dict(self))


class LL2Client:
    def __init__(self, session: aiohttp.ClientSession, settings: FeedSettings) -> None:
        self.session = session
        self.settings = settings

    async def fetch(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """All tracked launches in ONE request, keyed by id."""
        url = f"{self.settings.base_url.rstrip('/')}/{API_VERSION}/launches/"
        params = {IDS_PARAM: ",".join(sorted(ids)), "mode": "normal", "limit": str(min(100, len(ids)))}
        headers = {"User-Agent": "race-bot (Discord bot)", "Accept": "application/json"}
        if self.settings.token:
            headers["Authorization"] = f"Token {self.settings.token}"
        try:
            async with self.session.get(
                url, params=params, headers=headers, timeout=aiohttp.ClientTimeout(total=TIMEOUT)
            ) as response:
                if response.status == 429:
                    raise RateLimited(_retry_after(response.headers.get("Retry-After")))
                if response.status >= 400:
                    raise FeedError(f"HTTP {response.status} from Launch Library 2")
                text = await response.text()
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise FeedError(f"network error: {type(exc).__name__}: {exc}") from None
        try:
            body = json.loads(text)
            results = body["results"]
            return {str(item["id"]): item for item in results}
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise FeedError(f"malformed JSON from Launch Library 2 ({type(exc).__name__})") from None


def _retry_after(value: str | None) -> float:
    try:
        return max(1.0, float(value or 60))
    except ValueError:
        return 60.0


class FeedPoller:
    """Polls LL2 for tracked milestones and turns changes into edits (with alerts)."""

    def __init__(
        self,
        editor: Editor,
        client: LL2Client,
        settings: FeedSettings,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.editor = editor  # changes are ordinary edits: history, undo and the outbox hook
        self.kb = editor.kb
        self.store = editor.store
        self.client = client
        self.settings = settings
        self.clock = clock or editor.clock
        self.state = FeedState.load(self.store)
        self._lock = asyncio.Lock()

    # ---- budget and schedule --------------------------------------------------------

    def tracked(self) -> dict[str, str]:
        """milestone id → LL2 launch id."""
        return {m.id: m.ll2_id for m in self.kb.milestones.values() if m.ll2_id}

    def _recent(self, now: datetime) -> list[str]:
        hour_ago = now - timedelta(hours=1)
        return [t for t in self.state.requests if parse_instant(t) > hour_ago]

    def requests_left(self, now: datetime | None = None) -> int:
        now = now or self.clock()
        return max(0, self.settings.per_hour - len(self._recent(now)))

    def interval(self, now: datetime) -> timedelta:
        """Often near a tracked date, rarely otherwise; never faster than the budget allows."""
        upcoming = [
            m.when
            for m in self.kb.milestones.values()
            if m.ll2_id and m.when and m.when > now - timedelta(hours=6)
        ]
        nearest = min((w - now for w in upcoming if w), default=None)
        if nearest is not None and nearest <= self.settings.near:
            wanted = self.settings.often
        elif nearest is not None and nearest <= self.settings.soon:
            wanted = self.settings.sometimes
        else:
            wanted = self.settings.rarely
        floor = timedelta(seconds=3600 / max(1, self.settings.per_hour))
        return max(wanted, floor)

    def due(self, now: datetime) -> bool:
        if not self.tracked():
            return False
        if self.state.retry_after_until and parse_instant(self.state.retry_after_until) > now:
            return False
        if self.requests_left(now) <= 0:
            return False
        return not self.state.next_poll or parse_instant(self.state.next_poll) <= now

    # ---- polling --------------------------------------------------------------------

    async def poll(self) -> list[str]:
        """One poll if due; returns short lines describing what changed (for logs and tests)."""
        async with self._lock:
            now = self.clock()
            if not self.due(now):
                return []
            tracked = self.tracked()
            self.state.requests = [*self._recent(now), iso_instant(now)]
            self.state.last_poll = iso_instant(now)
            self.state.next_poll = iso_instant(now + self.interval(now))
            changes: list[str] = []
            try:
                records = await self.client.fetch(sorted(set(tracked.values())))
                self.state.last_error = ""
                changes = await self.store.alocked(lambda: self._apply(tracked, records, now))  # the one writer
            except RateLimited as exc:
                until = now + timedelta(seconds=exc.retry_after)
                self.state.retry_after_until = iso_instant(until)
                self.state.next_poll = iso_instant(max(until, parse_instant(self.state.next_poll)))
                self._error(str(exc), now)
            except FeedError as exc:
                self._error(str(exc), now)
            await self.store.arun(self.state.save)
            return changes

    def _error(self, message: str, now: datetime) -> None:
        self.state.last_error = message
        self.state.last_error_at = iso_instant(now)
        log.warning("feed error: %s", message)

    def _apply(self, tracked: dict[str, str], records: dict[str, dict[str, Any]], now: datetime) -> list[str]:
        changes, problems = [], []
        for milestone_id, launch_id in sorted(tracked.items()):
            raw = records.get(launch_id)
            if raw is None:
                problems.append(f"launch {launch_id} ({milestone_id}) not found upstream; keeping the last good data")
                continue
            try:
                upstream = parse_launch(raw)
            except FeedError as exc:
                problems.append(f"launch {launch_id}: {exc}")
                continue
            self.state.last_seen[milestone_id] = {
                "date": upstream.date,
                "precision": upstream.precision.value,
                "status": upstream.status.value,
                "last_updated": upstream.last_updated,
                "url": upstream.url,
                "window_start": upstream.window_start,
                "window_end": upstream.window_end,
            }
            line = self._follow(milestone_id, upstream)
            if line:
                changes.append(line)
        if problems:
            self._error("; ".join(problems), now)
        return changes

    def _follow(self, milestone_id: str, upstream: Upstream) -> str:
        m = self.kb.milestones[milestone_id]
        wanted = (upstream.date, upstream.precision, upstream.status)
        if (m.date, m.precision, m.status) == wanted:
            self.state.disagreements.pop(milestone_id, None)
            return ""
        if m.pinned:
            self.state.disagreements[milestone_id] = self.state.last_seen[milestone_id]
            return ""
        proposal = self._proposal(milestone_id, upstream)
        try:
            change = self.editor.apply(proposal)
        except EditError as exc:
            log.warning("feed change not applied milestone=%s: %s", milestone_id, exc)
            return ""
        log.info("feed change id=%d milestone=%s", change.id, milestone_id)
        return (
            f"{m.title}: {m.date} {m.precision.value} {m.status.value} → {upstream.date} "
            f"{upstream.precision.value} {upstream.status.value}"
        )

    def _proposal(self, milestone_id: str, upstream: Upstream) -> Proposal:
        source = upstream.url or f"{self.settings.base_url}/{API_VERSION}/launches/{upstream.launch_id}/"
        return self.editor.follow_upstream(
            milestone_id,
            upstream.date,
            upstream.precision,
            upstream.status,
            actor=FEED_ACTOR,
            source=source,
            reason="Launch Library 2 update",
        )

    def status_lines(self) -> list[str]:
        now = self.clock()
        lines = [
            f"Tracked launches: {len(self.tracked())}",
            f"Last poll: {self.state.last_poll or 'never'}",
            f"Next poll: {self.state.next_poll or 'when something is tracked'}",
            f"Requests left this hour: {self.requests_left(now)} of {self.settings.per_hour}",
            f"Last error: {self.state.last_error or 'none'}"
            + (f" (at {self.state.last_error_at})" if self.state.last_error else ""),
        ]
        for mid, seen in sorted(self.state.last_seen.items()):
            m = self.kb.milestones.get(mid)
            if m and seen.get("window_start"):
                lines.append(
                    f"🪟 {m.title}: window {seen['window_start']} – {seen.get('window_end') or '?'} "
                    f"(LL2 last updated {seen.get('last_updated') or '?'})"
                )
        for mid, seen in sorted(self.state.disagreements.items()):
            m = self.kb.milestones.get(mid)
            if m:
                lines.append(
                    f"📌 {m.title} is pinned at {m.date} ({m.precision.value}, {m.status.value}); "
                    f"LL2 says {seen['date']} ({seen['precision']}, {seen['status']})"
                )
        return lines
