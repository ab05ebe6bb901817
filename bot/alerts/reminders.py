"""Reminders before a milestone, at each configured offset.

* Only milestones known to the day or better, and still open, get reminders ("1 hour before" a
  date known only to the day means nothing, so those get the day-or-longer offsets only).
* Each reminder is keyed by (milestone, offset, date), so a slip re-arms it and nothing is reminded
  twice.
* Missed reminders go out late within a grace period, and are skipped (and logged) beyond it.
* A due reminder becomes an outbox alert released at once, so it is delivered like any other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.alerts.records import (
    AlertKind,
    AlertSettings,
    SentReminder,
    Snapshot,
    insert,
    load,
    outbox_alert,
)
from bot.core.dates import iso_instant
from bot.core.kb import KnowledgeBase
from bot.core.models import OPEN_STATUSES, Milestone, Precision
from bot.infra.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueReminder:
    milestone: str
    offset: timedelta
    at: datetime  # when it should have gone out
    key: str
    late: bool
    skip: bool  # more than the grace period late: logged, never sent


def reminder_times(m: Milestone, settings: AlertSettings) -> list[tuple[timedelta, datetime, str]]:
    """(offset, when, key) for each reminder of a milestone; none for coarse or closed ones."""
    when = m.when
    if when is None or m.status not in OPEN_STATUSES or m.precision not in (Precision.TIME, Precision.DAY):
        return []
    out = []
    for offset in settings.reminder_offsets:
        if m.precision is Precision.DAY and offset < timedelta(days=1):
            continue  # "1 hour before" a date known only to the day means nothing
        out.append((offset, when - offset, f"{m.id}|{int(offset.total_seconds())}|{m.date}"))
    return out


def due_reminders(
    kb: KnowledgeBase,
    sent: set[str],
    now: datetime,
    settings: AlertSettings,
    *,
    slack: timedelta = timedelta(minutes=2),
) -> list[DueReminder]:
    due = []
    for m in kb.milestones.values():
        when = m.when
        if when is None or when <= now:
            continue
        for offset, at, key in reminder_times(m, settings):
            if at > now or key in sent:
                continue
            lateness = now - at
            due.append(DueReminder(m.id, offset, at, key, lateness > slack, lateness > settings.grace))
    return due


def next_reminder_at(kb: KnowledgeBase, sent: set[str], now: datetime, settings: AlertSettings) -> datetime | None:
    times = [
        at
        for m in kb.milestones.values()
        for _o, at, key in reminder_times(m, settings)
        if at > now and key not in sent
    ]
    return min(times, default=None)


def sent_reminder_keys(store: Store) -> set[str]:
    return {r.key for r in load(store, SentReminder)}


def queue_reminders(store: Store, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> int:
    """Turn due reminders into released outbox alerts (one transaction); skip the stale ones."""
    queued = 0
    for r in due_reminders(kb, sent_reminder_keys(store), now, settings):
        insert(store, SentReminder(r.key, now, r.skip))
        if r.skip:
            log.info(
                "reminder skipped milestone=%s offset=%s due=%s (more than the grace period late)",
                r.milestone,
                r.offset,
                iso_instant(r.at),
            )
            continue
        m = kb.milestones[r.milestone]
        snapshot = Snapshot.of_milestone(m)
        alert = outbox_alert(
            f"r-{r.key}",
            AlertKind.REMINDER,
            m.id,
            m.contender,
            snapshot,
            snapshot,
            now,
            source=m.sources[0] if m.sources else "",
            offset=r.offset,
            late=r.late,
        )
        insert(store, alert)
        queued += 1
    return queued
