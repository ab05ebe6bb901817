"""Upstream feed: milestones that are real launches follow Launch Library 2 (LL2) by themselves.

One request fetches every tracked launch: ``/2.3.0/launches/?id=<uuid>,<uuid>&mode=list``, the
filter LL2's 2.3.0 schema documents (a comma-separated list of UUIDs). LL2 is a django-filter API:
a parameter it does not know is silently ignored and the answer is its default page of unrelated
launches. So the answer is never trusted to be what was asked for: records are matched by id, a
page holding launches nobody asked about stops the paging, and any tracked launch the answer lacks
is fetched on its own (``/2.3.0/launches/<uuid>/``). One missing from both is shown in ``/feed
status`` and never treated as a change.

The poll interval adapts to how close the nearest tracked date is, and every request — paging,
single fetches, the detailed fetch that says why a launch moved — is counted against the hourly
budget (15 on the free tier) over a sliding hour. A changed ``net``/``net_precision``/``status``
becomes an ordinary edit by "Launch Library 2" — same validation, history, undo and alerts as an
admin's — unless the milestone is pinned, in which case the disagreement is only shown.

Faults (429 with Retry-After, 5xx, timeouts, malformed or truncated JSON, a launch that vanished)
never crash the poller and never half-apply: the last good data stays, the error is recorded.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from math import ceil
from typing import Any

import aiohttp

from bot.core.changes import Actor, Proposal
from bot.core.dates import iso_instant
from bot.core.errors import EditError, FeedError, Message, RateLimited
from bot.core.models import from_dict, to_dict
from bot.facts.editor import Editor
from bot.feed import pacing
from bot.feed.http import Budget, FeedClient, Gone, HttpSettings, OutOfBudget, read_page
from bot.feed.ll2_records import PRECISIONS, STATUSES, Upstream, Why, explain, parse_launch
from bot.feed.pacing import Outcome, PollState
from bot.infra.store import Store

__all__ = ["PRECISIONS", "STATUSES", "FeedPoller", "FeedSettings", "LL2Client", "Upstream", "parse_launch"]

log = logging.getLogger(__name__)

FEED_NAME = "Launch Library 2"
FEED_TABLE = "feed"
FEED_ACTOR = Actor("ll2", FEED_NAME)
API_VERSION = "2.3.0"
IDS_PARAM = "id"  # the 2.3.0 schema: "id", an array of UUIDs, comma-separated (there is no id__in)
PAGE_MAX = 100  # LL2's largest page
HTTP = HttpSettings(retries=1)  # one quick retry: the free tier has only 15 requests an hour


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
    http: HttpSettings = HTTP


@dataclass
class FeedState(PollState):
    """The LL2 feed's state; ``missing`` is milestone id → launch id for launches upstream lacks."""

    disagreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    last_seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> FeedState:
        docs = store.table(FEED_TABLE).all()
        return from_dict(cls, dict(docs[0])) if docs else cls()

    def save(self, store: Store) -> None:
        table = store.table(FEED_TABLE)
        table.truncate()
        table.insert(to_dict(self))


class LL2Client:
    """The two LL2 requests the poller makes: tracked launches by id (list mode), one launch in detail."""

    def __init__(self, session: aiohttp.ClientSession, settings: FeedSettings) -> None:
        headers = {"Authorization": f"Token {settings.token}"} if settings.token else {}
        self.http = FeedClient(session, FEED_NAME, settings.base_url, headers=headers, settings=settings.http)

    def launch_url(self, launch_id: str) -> str:
        return self.http.url(f"{API_VERSION}/launches/{launch_id}/")

    async def launches(self, ids: list[str], budget: Budget) -> dict[str, dict[str, Any]]:
        """Tracked launches by id, following ``next`` only while the pages hold what was asked for."""
        wanted = set(ids)
        params: dict[str, str] | None = {
            IDS_PARAM: ",".join(sorted(wanted)),
            "mode": "list",
            "limit": str(min(PAGE_MAX, len(wanted))),
        }
        url: str | None = self.http.url(f"{API_VERSION}/launches/")
        found: dict[str, dict[str, Any]] = {}
        for _ in range(ceil(len(wanted) / PAGE_MAX)):
            if url is None:
                break
            page = read_page(await self.http.get_json(url, params, budget), FEED_NAME)
            ours = {str(r.get("id", "")).lower(): r for r in page.results if str(r.get("id", "")).lower() in wanted}
            found |= ours
            if len(ours) < len(page.results) or wanted <= set(found):
                break  # unrelated launches: the filter was ignored, paging would walk the whole catalogue
            url, params = page.next, None  # the next link carries the query
            if url is not None and not self.http.same_origin(url):
                raise FeedError(f"{FEED_NAME}: a pagination link points elsewhere ({url[:80]})")
        return found

    async def launch(self, launch_id: str, budget: Budget) -> dict[str, Any] | None:
        """One launch in detailed mode (with ``updates[]``); None when LL2 answers 404."""
        try:
            body = await self.http.get_json(self.launch_url(launch_id), {"mode": "detailed"}, budget)
        except Gone:
            return None
        if not isinstance(body, dict) or str(body.get("id", "")).lower() != launch_id:
            raise FeedError(f"{FEED_NAME}: the answer for launch {launch_id} is another record")
        return body


@dataclass
class Fetched:
    """What one poll learnt: records by launch id, which are detailed, and which are unknown."""

    records: dict[str, dict[str, Any]]
    detailed: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)  # neither the list nor the detail endpoint has it
    unchecked: set[str] = field(default_factory=set)  # missing from the list; could not be asked alone
    problems: list[str] = field(default_factory=list)
    limited: RateLimited | None = None  # a 429 met on the way: no further request this poll


class FeedPoller(pacing.Scheduled[FeedState]):
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
        self.budget = Budget(settings.per_hour, self.state.requests, self.clock)
        self._lock = asyncio.Lock()

    def reload(self) -> None:
        """Read the schedule and budget as stored: another process may have polled since we last did."""
        self.state = FeedState.load(self.store)
        self.budget = Budget(self.settings.per_hour, self.state.requests, self.clock)

    # ---- budget and schedule --------------------------------------------------------

    def tracked(self) -> dict[str, str]:
        """milestone id → LL2 launch id."""
        return {m.id: m.ll2_id.lower() for m in self.kb.milestones.values() if m.ll2_id}

    def requests_left(self, now: datetime | None = None) -> int:
        return self.budget.left(now)

    def interval(self, now: datetime) -> timedelta:
        """Often near a tracked date, rarely otherwise; never faster than the budget allows."""
        upcoming = [
            m.when for m in self.kb.milestones.values() if m.ll2_id and m.when and m.when > now - timedelta(hours=6)
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

    def refusal(self, now: datetime) -> Outcome | None:
        """Why a poll may not start now (nothing tracked, Retry-After, budget), or None."""
        if not self.tracked():
            return Outcome(FEED_NAME, refused=Message("feed.refused.nothing_tracked"))
        return pacing.blocked(FEED_NAME, self.state, self.budget, now)

    # ---- polling --------------------------------------------------------------------

    async def poll(self) -> list[str]:
        """The scheduled poll, if due; returns short lines describing what changed."""
        outcome = await self.scheduled()
        return list(outcome.changes) if outcome else []

    async def _run(self, now: datetime) -> Outcome:
        tracked = self.tracked()
        interval = self.interval(now)
        pacing.started(self.state, now, interval)
        changes: list[str] = []
        try:
            fetched = await self._fetch(sorted(set(tracked.values())))
            whys = await self._explain(tracked, fetched)
            changes = await self.store.alocked(lambda: self._apply(tracked, fetched, whys, now))  # the one writer
            pacing.succeeded(self.state)
            if fetched.limited is not None:
                pacing.hold(self.state, fetched.limited, now)
        except RateLimited as exc:
            pacing.rate_limited(self.state, exc, now, interval)
        except FeedError as exc:
            pacing.failed(self.state, str(exc), now, interval)
        finally:
            await self.store.arun(self.state.save)
        return Outcome(FEED_NAME, ran=True, error=self.state.last_error, changes=tuple(changes))

    async def _fetch(self, ids: list[str]) -> Fetched:
        """The list request, then each launch it lacks on its own (as the budget allows)."""
        fetched = Fetched(await self.client.launches(ids, self.budget))
        for launch_id in ids:
            if launch_id in fetched.records:
                continue
            raw = await self._detail(launch_id, fetched)
            if raw is not None:
                fetched.records[launch_id] = raw
            elif launch_id not in fetched.gone:
                fetched.unchecked.add(launch_id)
        return fetched

    async def _detail(self, launch_id: str, fetched: Fetched) -> dict[str, Any] | None:
        """One launch in detail; None when it cannot be had now (the reason is noted in ``fetched``)."""
        if fetched.limited is not None:
            return None  # after a 429, not one more request
        try:
            raw = await self.client.launch(launch_id, self.budget)
        except RateLimited as exc:
            fetched.limited = exc
            fetched.problems.append(str(exc))
            return None
        except OutOfBudget as exc:
            fetched.problems.append(str(exc))
            return None
        except FeedError as exc:
            fetched.problems.append(f"launch {launch_id}: {exc}")
            return None
        if raw is None:
            fetched.gone.add(launch_id)
            return None
        if not self._parses(raw):
            fetched.problems.append(f"launch {launch_id}: malformed detailed record")
            return None
        fetched.detailed.add(launch_id)
        return raw

    def _moved(self, tracked: dict[str, str], fetched: Fetched) -> dict[str, str]:
        """Milestones (→ launch id) whose date or status LL2 changed and that follow it (not pinned)."""
        moved = {}
        for milestone_id, launch_id in tracked.items():
            m, raw = self.kb.milestones[milestone_id], fetched.records.get(launch_id)
            if raw is None or m.pinned or not self._parses(raw):
                continue
            up = parse_launch(raw)
            if (m.date, m.status) != (up.date, up.status):
                moved[milestone_id] = launch_id
        return moved

    async def _explain(self, tracked: dict[str, str], fetched: Fetched) -> dict[str, Why]:
        """Why each moved launch moved: its newest update, from one detailed fetch (budget permitting)."""
        whys = {}
        for milestone_id, launch_id in sorted(self._moved(tracked, fetched).items()):
            if launch_id not in fetched.detailed:
                raw = await self._detail(launch_id, fetched)
                if raw is not None:
                    fetched.records[launch_id] = raw  # the fresher record; the change follows it
            detailed = fetched.records[launch_id] if launch_id in fetched.detailed else None
            up = parse_launch(fetched.records[launch_id])
            before = str(self.state.last_seen.get(milestone_id, {}).get("last_updated", ""))
            whys[milestone_id] = explain(detailed, up, before, self.client.launch_url(launch_id))
        return whys

    @staticmethod
    def _parses(raw: dict[str, Any]) -> bool:
        try:
            parse_launch(raw)
        except FeedError:
            return False
        return True

    def _apply(self, tracked: dict[str, str], fetched: Fetched, whys: dict[str, Why], now: datetime) -> list[str]:
        changes, problems = [], list(fetched.problems)
        for milestone_id, launch_id in sorted(tracked.items()):
            raw = fetched.records.get(launch_id)
            if raw is None:
                self.state.missing[milestone_id] = launch_id
                problems.append(self._missing_text(milestone_id, launch_id, fetched))
                continue
            self.state.missing.pop(milestone_id, None)
            try:
                upstream = parse_launch(raw)
            except FeedError as exc:
                problems.append(f"launch {launch_id}: {exc}")
                continue
            line = self._follow(milestone_id, upstream, whys.get(milestone_id))
            self.state.last_seen[milestone_id] = upstream.seen()
            if line:
                changes.append(line)
        for untracked in set(self.state.missing) - set(tracked):
            self.state.missing.pop(untracked)
        self.state.last_error = "; ".join(problems)
        if problems:
            self.state.last_error_at = iso_instant(now)
            log.warning("feed problems: %s", self.state.last_error)
        return changes

    def _missing_text(self, milestone_id: str, launch_id: str, fetched: Fetched) -> str:
        if launch_id in fetched.unchecked:
            return f"launch {launch_id} ({milestone_id}) not in the list, not fetched alone; keeping the last good data"
        return f"launch {launch_id} ({milestone_id}) not found upstream; keeping the last good data"

    def _follow(self, milestone_id: str, upstream: Upstream, why: Why | None) -> str:
        m = self.kb.milestones[milestone_id]
        wanted = (upstream.date, upstream.precision, upstream.status)
        if (m.date, m.precision, m.status) == wanted:
            self.state.disagreements.pop(milestone_id, None)
            return ""
        if m.pinned:
            self.state.disagreements[milestone_id] = upstream.seen()
            return ""
        proposal = self._proposal(milestone_id, upstream, why)
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

    def _proposal(self, milestone_id: str, upstream: Upstream, why: Why | None) -> Proposal:
        """The edit, carrying LL2's own reason (its newest update) and source (the update's link)."""
        why = why or explain(None, upstream, "", self.client.launch_url(upstream.launch_id))
        return self.editor.follow_upstream(
            milestone_id,
            upstream.date,
            upstream.precision,
            upstream.status,
            actor=FEED_ACTOR,
            source=why.source,
            reason=why.reason,
        )
