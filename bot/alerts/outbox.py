"""Alerts: subscriptions, the outbox, reminders, quiet hours, and what an alert says.

Everything that decides lives here, free of Discord:

* An admin edit (or a feed update) that moves a milestone's date, precision or status puts an
  alert in the **outbox** inside the same transaction as the edit (see :func:`queue_changes`), so
  an acknowledged change can never lose its alert.
* Changes to one milestone within a short window merge into one alert (first old → last new);
  moves below a threshold are not announced.
* When an alert is released it fans out into one **delivery** per matching subscription. Each
  delivery is sent with a nonce derived from its id, and marked sent only after Discord answered:
  a crash between the two resends with the same nonce, which Discord deduplicates. Delivered
  exactly once, across crashes.
* Reminders before a milestone known to the day or better, keyed by (milestone, offset, date), so
  a slip re-arms them and nothing is reminded twice. Missed reminders go out late within a grace
  period and are skipped (and logged) beyond it.
* Quiet hours hold non-urgent deliveries and send one digest when the quiet period ends.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from bot.core.cards import Card, Colour, Field
from bot.core.changes import Change, Proposal
from bot.core.dates import DateStyle, human_span, iso_instant
from bot.core.kb import KnowledgeBase
from bot.core.models import Milestone, MilestoneStatus, Precision, parse_instant
from bot.core.wording import sources_text, when_text
from bot.infra.store import Store

log = logging.getLogger(__name__)

SUBSCRIPTIONS = "subscriptions"
OUTBOX = "outbox"
DELIVERIES = "deliveries"
REMINDERS = "reminders_sent"

MAX_ATTEMPTS = 8
OPEN = {MilestoneStatus.PLANNED, MilestoneStatus.CONFIRMED, MilestoneStatus.SLIPPED, MilestoneStatus.UNKNOWN}


class AlertKind(StrEnum):
    DATE = "date"
    STATUS = "status"
    REMINDER = "reminder"


ALL_KINDS = (AlertKind.DATE, AlertKind.STATUS, AlertKind.REMINDER)


@dataclass(frozen=True)
class AlertSettings:
    threshold: timedelta = timedelta(minutes=1)
    window: timedelta = timedelta(seconds=60)
    reminder_offsets: tuple[timedelta, ...] = (timedelta(days=7), timedelta(days=1), timedelta(hours=1))
    grace: timedelta = timedelta(hours=1)
    urgent_within: timedelta = timedelta(hours=24)


class SendResult(StrEnum):
    SENT = "sent"
    FORBIDDEN = "forbidden"  # 403: pause the subscription
    NOT_FOUND = "not_found"  # 404: the channel is gone, drop the subscription
    RETRY = "retry"  # 5xx, timeout: try again later


@dataclass(frozen=True)
class OutMessage:
    """One message to post: text (with the only mention allowed), and an embed card."""

    content: str
    card: Card
    role_id: int | None = None


@dataclass
class Subscription:
    id: str
    guild_id: int
    channel_id: int
    kinds: list[str] = field(default_factory=lambda: [k.value for k in ALL_KINDS])
    contender: str = ""
    role_id: int | None = None
    quiet_start: str = ""  # "HH:MM" UTC, or "" for none
    quiet_end: str = ""
    state: str = "active"  # active | paused
    reason: str = ""
    created_by: str = ""

    def wants(self, kind: str, contender: str) -> bool:
        return self.state == "active" and kind in self.kinds and (not self.contender or self.contender == contender)

    def quiet_until(self, now: datetime) -> datetime | None:
        """When the current quiet period ends, or None if it is not quiet now."""
        if not self.quiet_start or not self.quiet_end:
            return None
        start, end = _hhmm(self.quiet_start), _hhmm(self.quiet_end)
        today = now.astimezone(UTC).date()
        for day in (today - timedelta(days=1), today):
            begin = datetime.combine(day, start, UTC)
            finish = datetime.combine(day if end > start else day + timedelta(days=1), end, UTC)
            if begin <= now < finish:
                return finish
        return None


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def parse_quiet(text: str) -> tuple[str, str]:
    """``22:00-07:00`` → ("22:00", "07:00"); raises ValueError with a plain message."""
    text = (text or "").strip()
    if not text:
        return "", ""
    parts = [p.strip() for p in text.replace("–", "-").split("-")]
    try:
        if len(parts) != 2 or parts[0] == parts[1] or any(len(p) != 5 for p in parts):
            raise ValueError
        for part in parts:
            _hhmm(part)
    except ValueError:
        raise ValueError("Quiet hours look like 22:00-07:00 (UTC, 24-hour clock).") from None
    return parts[0], parts[1]


# ---- subscriptions ---------------------------------------------------------------------


def subscriptions(store: Store) -> list[Subscription]:
    return [Subscription(**dict(doc)) for doc in store.table(SUBSCRIPTIONS).all()]


def save_subscription(store: Store, sub: Subscription) -> None:
    table = store.table(SUBSCRIPTIONS)
    table.remove(lambda doc: doc["id"] == sub.id)
    table.insert(dict(sub.__dict__))


def remove_subscription(store: Store, sub_id: str) -> bool:
    return bool(store.table(SUBSCRIPTIONS).remove(lambda doc: doc["id"] == sub_id))


def audience(store: Store, kb: KnowledgeBase, proposal: Proposal) -> int:
    """How many active subscriptions would hear about this proposal."""
    subs = subscriptions(store)
    count = 0
    for op in proposal.milestone_changes():
        kind = _change_kind(op.before or {}, op.after or {})
        contender = (op.after or op.before or {}).get("contender", "")
        count = max(count, sum(1 for s in subs if s.wants(kind, contender)))
    return count


# ---- the outbox ------------------------------------------------------------------------


def _change_kind(before: dict[str, Any], after: dict[str, Any]) -> str:
    moved = (before.get("date"), before.get("precision")) != (after.get("date"), after.get("precision"))
    return AlertKind.DATE.value if moved else AlertKind.STATUS.value


def _snapshot(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data.get(k) for k in ("date", "precision", "status")}


def _too_small(old: dict[str, Any], new: dict[str, Any], threshold: timedelta) -> bool:
    """A move below the threshold, with nothing else changed, is not worth a message."""
    if old == new:
        return True
    if old["precision"] != new["precision"] or old["status"] != new["status"]:
        return False
    if not old["date"] or not new["date"]:
        return False
    return abs(parse_instant(new["date"]) - parse_instant(old["date"])) < threshold


def queue_changes(store: Store, proposal: Proposal, change: Change, now: datetime, settings: AlertSettings) -> None:
    """Editor hook: runs inside the edit's transaction and writes (or merges) outbox alerts."""
    table = store.table(OUTBOX)
    for op in proposal.milestone_changes():
        before, after = op.before or {}, op.after or {}
        pending = [
            doc
            for doc in table.all()
            if doc["milestone"] == op.item_id and not doc["released"] and doc["kind"] != AlertKind.REMINDER
        ]
        if pending:
            doc = pending[0]
            new = _snapshot(after)
            kind = _change_kind(doc["old"], after)
            table.update(
                {
                    "new": new,
                    "kind": kind,
                    "by": change.by,
                    "source": change.source or doc["source"],
                    "changes": [*doc["changes"], change.id],
                },
                lambda d, i=doc["id"]: d["id"] == i,
            )
            if _too_small(doc["old"], new, settings.threshold):
                table.remove(lambda d, i=doc["id"]: d["id"] == i)
            continue
        old, new = _snapshot(before), _snapshot(after)
        if _too_small(old, new, settings.threshold):
            continue
        table.insert(
            {
                "id": f"c{change.id}-{op.item_id}",
                "kind": _change_kind(before, after),
                "milestone": op.item_id,
                "contender": after.get("contender", ""),
                "old": old,
                "new": new,
                "by": change.by,
                "source": change.source,
                "reason": change.reason,
                "changes": [change.id],
                "created_at": iso_instant(now),
                "release_at": iso_instant(now + settings.window),
                "released": False,
                "late": False,
            }
        )


def release(store: Store, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> int:
    """Fan released alerts out into deliveries (one transaction). Returns how many deliveries."""
    outbox, deliveries = store.table(OUTBOX), store.table(DELIVERIES)
    ready = [d for d in outbox.all() if not d["released"] and parse_instant(d["release_at"]) <= now]
    if not ready:
        return 0
    subs = subscriptions(store)
    made = 0
    for alert in ready:
        urgent = _urgent(alert, kb, now, settings)
        for sub in subs:
            if not sub.wants(alert["kind"], alert["contender"]):
                continue
            hold = None if urgent else sub.quiet_until(now)
            deliveries.insert(_delivery([alert["id"]], sub, now, hold))
            made += 1
        outbox.update({"released": True}, lambda d, i=alert["id"]: d["id"] == i)
    return made


def _delivery(alert_ids: list[str], sub: Subscription, now: datetime, hold: datetime | None) -> dict[str, Any]:
    delivery_id = f"{'+'.join(alert_ids)}@{sub.id}"
    return {
        "id": delivery_id,
        "alerts": alert_ids,
        "subscription": sub.id,
        "channel_id": sub.channel_id,
        "state": "held" if hold else "pending",
        "hold_until": iso_instant(hold) if hold else "",
        "attempts": 0,
        "next_try_at": iso_instant(now),
        "nonce": hashlib.sha1(delivery_id.encode()).hexdigest()[:20],
        "message_id": "",
        "error": "",
    }


def _urgent(alert: dict[str, Any], kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> bool:
    """Reminders within the hour, and changes to something less than a day away, skip quiet hours."""
    if alert["kind"] == AlertKind.REMINDER:
        return alert.get("offset_seconds", 0) <= 3600
    m = kb.milestones.get(alert["milestone"])
    when = m.when if m else None
    return bool(when and now <= when <= now + settings.urgent_within)


def release_digests(store: Store, now: datetime) -> int:
    """Held deliveries whose quiet period ended become one digest delivery per subscription."""
    deliveries = store.table(DELIVERIES)
    held = [d for d in deliveries.all() if d["state"] == "held" and parse_instant(d["hold_until"]) <= now]
    by_sub: dict[str, list[dict[str, Any]]] = {}
    for d in held:
        by_sub.setdefault(d["subscription"], []).append(d)
    subs = {s.id: s for s in subscriptions(store)}
    for sub_id, items in by_sub.items():
        for d in items:
            deliveries.update({"state": "digested"}, lambda x, i=d["id"]: x["id"] == i)
        sub = subs.get(sub_id)
        if sub is None:
            continue
        alert_ids = [a for d in items for a in d["alerts"]]
        digest = _delivery(alert_ids, sub, now, None)
        digest["id"] = f"digest:{now:%Y%m%dT%H%M}:{sub_id}"
        digest["nonce"] = hashlib.sha1(digest["id"].encode()).hexdigest()[:20]
        deliveries.insert(digest)
    return len(by_sub)


def due_deliveries(store: Store, now: datetime) -> list[dict[str, Any]]:
    return [
        d for d in store.table(DELIVERIES).all() if d["state"] == "pending" and parse_instant(d["next_try_at"]) <= now
    ]


def record_result(store: Store, delivery: dict[str, Any], result: SendResult, detail: str, now: datetime) -> None:
    """Write what happened to one send; a bad channel affects only its own subscription."""
    deliveries = store.table(DELIVERIES)
    match_id = lambda d: d["id"] == delivery["id"]  # noqa: E731
    if result is SendResult.SENT:
        deliveries.update({"state": "sent", "message_id": detail, "sent_at": iso_instant(now)}, match_id)
    elif result is SendResult.FORBIDDEN:
        deliveries.update({"state": "failed", "error": detail}, match_id)
        store.table(SUBSCRIPTIONS).update(
            {"state": "paused", "reason": f"missing permission: {detail}"},
            lambda s: s["id"] == delivery["subscription"],
        )
        log.warning(
            "subscription paused id=%s channel=%s reason=%r", delivery["subscription"], delivery["channel_id"], detail
        )
    elif result is SendResult.NOT_FOUND:
        deliveries.update({"state": "dropped", "error": detail}, match_id)
        remove_subscription(store, delivery["subscription"])
        log.warning(
            "subscription removed id=%s channel=%s (unknown channel)", delivery["subscription"], delivery["channel_id"]
        )
    else:
        attempts = delivery["attempts"] + 1
        if attempts >= MAX_ATTEMPTS:
            deliveries.update({"state": "failed", "attempts": attempts, "error": detail}, match_id)
            log.error("delivery gave up id=%s after %d attempts: %s", delivery["id"], attempts, detail)
            return
        backoff = timedelta(seconds=min(600, 2**attempts))
        deliveries.update({"attempts": attempts, "next_try_at": iso_instant(now + backoff), "error": detail}, match_id)


def outbox_depth(store: Store) -> int:
    unreleased = sum(1 for d in store.table(OUTBOX).all() if not d["released"])
    return unreleased + sum(1 for d in store.table(DELIVERIES).all() if d["state"] in ("pending", "held"))


# ---- reminders -------------------------------------------------------------------------


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
    if when is None or m.status not in OPEN or m.precision not in (Precision.TIME, Precision.DAY):
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


def queue_reminders(store: Store, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> int:
    """Turn due reminders into released outbox alerts (one transaction); skip the stale ones."""
    table = store.table(REMINDERS)
    sent = {doc["key"] for doc in table.all()}
    queued = 0
    for r in due_reminders(kb, sent, now, settings):
        table.insert({"key": r.key, "at": iso_instant(now), "skipped": r.skip})
        if r.skip:
            log.info(
                "reminder skipped milestone=%s offset=%s due=%s (more than the grace period late)",
                r.milestone,
                r.offset,
                iso_instant(r.at),
            )
            continue
        m = kb.milestones[r.milestone]
        store.table(OUTBOX).insert(
            {
                "id": f"r-{r.key}",
                "kind": AlertKind.REMINDER.value,
                "milestone": m.id,
                "contender": m.contender,
                "old": _snapshot({"date": m.date, "precision": m.precision.value, "status": m.status.value}),
                "new": _snapshot({"date": m.date, "precision": m.precision.value, "status": m.status.value}),
                "by": "",
                "source": m.sources[0] if m.sources else "",
                "reason": "",
                "changes": [],
                "offset_seconds": int(r.offset.total_seconds()),
                "created_at": iso_instant(now),
                "release_at": iso_instant(now),
                "released": False,
                "late": r.late,
            }
        )
        queued += 1
    return queued


def sent_reminder_keys(store: Store) -> set[str]:
    return {doc["key"] for doc in store.table(REMINDERS).all()}


# ---- what an alert says ----------------------------------------------------------------


def _value_text(snapshot: dict[str, Any], style: DateStyle) -> str:
    when = parse_instant(snapshot["date"]) if snapshot.get("date") else None
    return style.date(when, Precision(snapshot.get("precision") or "unknown"))


def describe_move(old: dict[str, Any], new: dict[str, Any]) -> str:
    """ "slipped 3 days later", "moved 2 hours earlier", "now known to the day"."""
    parts = []
    if old.get("date") and new.get("date"):
        delta = parse_instant(new["date"]) - parse_instant(old["date"])
        seconds = delta.total_seconds()
        if abs(seconds) >= 60:
            span = human_span(abs(seconds))
            parts.append(f"slipped {span} later" if seconds > 0 else f"moved {span} earlier")
    elif new.get("date") and not old.get("date"):
        parts.append("now has a date")
    elif old.get("date") and not new.get("date"):
        parts.append("date now unknown")
    order = list(Precision)
    old_p, new_p = Precision(old.get("precision") or "unknown"), Precision(new.get("precision") or "unknown")
    if new_p != old_p:
        finer = order.index(new_p) < order.index(old_p)
        label = {
            "time": "to the minute",
            "day": "to the day",
            "month": "to the month",
            "quarter": "to the quarter",
            "year": "to the year",
            "unknown": "no longer known",
        }[new_p.value]
        parts.append(f"now known {label}" if finer or new_p is not Precision.UNKNOWN else label)
    return ", ".join(parts)


def render_alert(
    alerts: Iterable[dict[str, Any]], kb: KnowledgeBase, style: DateStyle, role_id: int | None = None
) -> OutMessage:
    """One message for one alert, or a digest of several."""
    alerts = list(alerts)
    cards = [_alert_card(a, kb, style) for a in alerts]
    mention = f"<@&{role_id}> " if role_id else ""
    if len(cards) == 1:
        return OutMessage(f"{mention}{cards[0].title}".strip(), cards[0], role_id)
    fields = tuple(Field(c.title, c.description) for c in cards[:25])
    digest = Card(
        title=f"Digest: {len(cards)} update(s) from the quiet hours",
        fields=fields,
        colour=Colour.RACE,
        footer="Sent when your quiet hours ended",
    )
    return OutMessage(f"{mention}{digest.title}".strip(), digest, role_id)


def _alert_card(alert: dict[str, Any], kb: KnowledgeBase, style: DateStyle) -> Card:
    m = kb.milestones.get(alert["milestone"])
    title = m.title if m else alert["milestone"]
    who = kb.contender_name(alert["contender"])
    old, new = alert["old"], alert["new"]
    late = " (late: the bot was offline)" if alert.get("late") else ""
    if alert["kind"] == AlertKind.REMINDER:
        offset = timedelta(seconds=alert.get("offset_seconds", 0))
        when = when_text(m, style) if m else _value_text(new, style)
        rel = style.relative(m.when, m.precision) if m and m.when else ""
        return Card(
            title=f"⏰ {title} in {human_span(offset.total_seconds())}{late}",
            description=f"**{who}** — {title}: {when} {rel}".strip(),
            colour=Colour.INFO,
            footer="Reminder · /alerts to change what this channel hears",
        )
    lines = [f"**{who}**"]
    if (old["date"], old["precision"]) != (new["date"], new["precision"]):
        lines.append(f"Date: {_value_text(old, style)} → **{_value_text(new, style)}**")
        move = describe_move(old, new)
        if move:
            lines.append(f"({move})")
    if old["status"] != new["status"]:
        lines.append(f"Status: {old['status']} → **{new['status']}**")
    if alert.get("reason"):
        lines.append(f"Why: {alert['reason']}")
    lines.append(f"Source: {sources_text([alert['source']], style) if alert.get('source') else 'not given'}")
    if alert.get("by"):
        lines.append(f"Changed by {alert['by']}")
    icon = "📅" if alert["kind"] == AlertKind.DATE else "🔁"
    return Card(
        title=f"{icon} {title}: {_headline(old, new)}{late}",
        description="\n".join(lines),
        colour=Colour.WARNING,
        footer="Date change · /timeline for the whole race",
    )


def _headline(old: dict[str, Any], new: dict[str, Any]) -> str:
    if old["status"] != new["status"] and (old["date"], old["precision"]) == (new["date"], new["precision"]):
        return f"now {new['status']}"
    return describe_move(old, new) or "date changed"


def sample_alert(kb: KnowledgeBase, style: DateStyle, role_id: int | None) -> OutMessage:
    """What /alerts test posts: a realistic alert marked as a test."""
    m = kb.milestones.get(kb.race.winning_milestone) or next(iter(kb.milestones.values()))
    alert = {
        "kind": "date",
        "milestone": m.id,
        "contender": m.contender,
        "old": {"date": m.date, "precision": m.precision.value, "status": "planned"},
        "new": {"date": m.date, "precision": m.precision.value, "status": m.status.value},
        "by": "test",
        "source": m.sources[0] if m.sources else "",
        "reason": "This is a test alert.",
    }
    card = _alert_card(alert, kb, style)
    card = Card(
        title=f"🧪 Test: {card.title}",
        description=card.description,
        colour=card.colour,
        footer="A test from /alerts test — real alerts look like this",
    )
    mention = f"<@&{role_id}> " if role_id else ""
    return OutMessage(f"{mention}{card.title}".strip(), card, role_id)


def required_permissions() -> dict[str, str]:
    """Channel permissions the bot needs to post alerts, with the words shown when missing."""
    return {
        "view_channel": "View Channel",
        "send_messages": "Send Messages",
        "embed_links": "Embed Links",
        "attach_files": "Attach Files",
    }


def missing_permissions(granted: dict[str, bool]) -> list[str]:
    return [label for key, label in required_permissions().items() if not granted.get(key, False)]
