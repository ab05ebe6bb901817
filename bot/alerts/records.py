"""The typed records of the alert pipeline, and the one place a delivery changes.

Rule 1: delivery state changes only here. Every write of a delivery goes through
:func:`transition`, which allows only the moves listed in :data:`TRANSITIONS` and refuses any other.

Rule 2: records cross into and out of TinyDB only here, through ``to_doc()``/``from_doc()`` and the
table helpers at the bottom. The stored keys are the same as before the records were typed, so an
existing database loads unchanged. Instants are stored as ``2021-10-05T08:55:02Z`` and held as
whole-second aware datetimes, so a record means the same before and after a reload.

A delivery's nonce comes from its id, in :func:`nonce_for` and nowhere else: a resend after a
crash carries the same nonce, which Discord deduplicates.

Rule 3: a delivery record lives only while its alert is in flight. When every delivery of an
alert is finished, :func:`fold_finished_deliveries` replaces them with one :class:`DeliverySummary`
in the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from bot.core.dates import iso_instant
from bot.core.models import Milestone, parse_instant
from bot.infra.store import Store

if TYPE_CHECKING:
    from tinydb.queries import QueryLike

SUBSCRIPTIONS = "subscriptions"
OUTBOX = "outbox"
DELIVERIES = "deliveries"
REMINDERS = "reminders_sent"
SUMMARIES = "delivery_summaries"


class AlertKind(StrEnum):
    DATE = "date"
    STATUS = "status"
    REMINDER = "reminder"
    NEWS = "news"  # an article the admins approved (added as a source, or recorded as a fact)


# What "all" means, and what a subscription stored without kinds hears: news is asked for separately,
# so no channel that subscribed before it existed (or subscribes with the defaults) starts getting it.
ALL_KINDS = (AlertKind.DATE, AlertKind.STATUS, AlertKind.REMINDER)


class SubscriptionState(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # the bot lost a permission in the channel; /alerts subscribe again resumes it


class DeliveryState(StrEnum):
    PENDING = "pending"  # to be sent when next_try_at comes
    HELD = "held"  # quiet hours: waits for hold_until, then goes out in a digest
    SENT = "sent"  # Discord answered with a message id
    FAILED = "failed"  # refused (403) or given up after too many attempts
    DROPPED = "dropped"  # the channel or its subscription is gone
    DIGESTED = "digested"  # folded into a digest delivery


class SendResult(StrEnum):
    SENT = "sent"
    FORBIDDEN = "forbidden"  # 403: pause the subscription
    NOT_FOUND = "not_found"  # 404: the channel is gone, drop the subscription
    RETRY = "retry"  # 5xx, timeout: try again later


# Every allowed write of a delivery, from its current state. PENDING → PENDING is a retry (more
# attempts, a later next try); a state with no way out is finished.
TRANSITIONS: Mapping[DeliveryState, frozenset[DeliveryState]] = {
    DeliveryState.PENDING: frozenset(
        {DeliveryState.PENDING, DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.DROPPED}
    ),
    DeliveryState.HELD: frozenset({DeliveryState.DIGESTED}),
    DeliveryState.SENT: frozenset(),
    DeliveryState.FAILED: frozenset(),
    DeliveryState.DROPPED: frozenset(),
    DeliveryState.DIGESTED: frozenset(),
}
FINISHED = frozenset(state for state, onward in TRANSITIONS.items() if not onward)
WAITING = frozenset({DeliveryState.PENDING, DeliveryState.HELD})

_DELIVERY_STATES = {state.value: state for state in DeliveryState}
_ALERT_KINDS = {kind.value: kind for kind in AlertKind}


class InvalidTransition(ValueError):
    """A delivery was asked to move in a way :data:`TRANSITIONS` does not allow."""


@dataclass(frozen=True)
class AlertSettings:
    threshold: timedelta = timedelta(minutes=1)
    window: timedelta = timedelta(seconds=60)
    reminder_offsets: tuple[timedelta, ...] = (timedelta(days=7), timedelta(days=1), timedelta(hours=1))
    grace: timedelta = timedelta(hours=1)
    urgent_within: timedelta = timedelta(hours=24)
    # How long a process's claim on the deliveries it is sending lasts (several processes on one
    # database): after it, a process that died mid fan-out has its share taken over. Well inside
    # Discord's nonce window (a few minutes), so the takeover's resend is still deduplicated.
    lease: timedelta = timedelta(seconds=60)


def whole_seconds(when: datetime) -> datetime:
    """``when`` as it is stored: to the second (what a round trip through the table gives)."""
    return when.replace(microsecond=0) if when.microsecond else when


def clock_time(text: str) -> time:
    """``"22:00"`` → 22:00; raises ValueError for anything else."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _instant_or_none(text: str | None) -> datetime | None:
    return parse_instant(text) if text else None


# ---- what a milestone looked like ------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """The alerting fields of a milestone at one moment (stored as the alert's ``old``/``new``)."""

    date: str | None = None
    precision: str | None = None
    status: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Snapshot:
        """From a milestone's stored fields (an edit's before/after); missing fields are None."""
        return cls(data.get("date"), data.get("precision"), data.get("status"))

    @classmethod
    def of_milestone(cls, m: Milestone) -> Snapshot:
        return cls(m.date, m.precision.value, m.status.value)

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Snapshot:
        return cls.of(doc)

    def to_doc(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision, "status": self.status}

    def same_date(self, other: Snapshot) -> bool:
        return (self.date, self.precision) == (other.date, other.precision)


# ---- the outbox ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsItem:
    """An approved article, as a ``news`` alert carries it: copied in, so the alert reads the same later."""

    article: int  # the news feed's article id
    title: str
    url: str
    site: str
    published: str  # ISO instant, as the feed gave it
    summary: str
    contenders: tuple[str, ...]  # contender ids: a subscription for one contender hears its news
    item: str  # "kind:id" it was attached to
    decision: str  # "sourced" or "recorded"

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> NewsItem:
        return cls(
            article=int(doc["article"]),
            title=doc["title"],
            url=doc["url"],
            site=doc["site"],
            published=doc["published"],
            summary=doc["summary"],
            contenders=tuple(doc["contenders"]),
            item=doc["item"],
            decision=doc["decision"],
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published": self.published,
            "summary": self.summary,
            "contenders": list(self.contenders),
            "item": self.item,
            "decision": self.decision,
        }


@dataclass(frozen=True)
class OutboxAlert:
    """One alert waiting in (or released from) the outbox: a change, merged over a window, or a reminder."""

    TABLE: ClassVar[str] = OUTBOX

    id: str
    kind: AlertKind
    milestone: str
    contender: str
    old: Snapshot
    new: Snapshot
    by: str
    source: str
    reason: str
    changes: tuple[int, ...]
    created_at: datetime
    release_at: datetime
    released: bool = False
    late: bool = False
    offset_seconds: int | None = None  # reminders only: how long before the milestone
    news: NewsItem | None = None  # news alerts only: the approved article

    def __post_init__(self) -> None:
        if type(self.kind) is not AlertKind:
            object.__setattr__(self, "kind", AlertKind(self.kind))
        if self.created_at.microsecond:
            object.__setattr__(self, "created_at", whole_seconds(self.created_at))
        if self.release_at.microsecond:
            object.__setattr__(self, "release_at", whole_seconds(self.release_at))

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> OutboxAlert:
        return cls(
            id=doc["id"],
            kind=_ALERT_KINDS[doc["kind"]],
            milestone=doc["milestone"],
            contender=doc["contender"],
            old=Snapshot.from_doc(doc["old"]),
            new=Snapshot.from_doc(doc["new"]),
            by=doc["by"],
            source=doc["source"],
            reason=doc["reason"],
            changes=tuple(doc["changes"]),
            created_at=parse_instant(doc["created_at"]),
            release_at=parse_instant(doc["release_at"]),
            released=doc["released"],
            late=doc["late"],
            offset_seconds=doc.get("offset_seconds"),
            news=NewsItem.from_doc(doc["news"]) if "news" in doc else None,
        )

    @property
    def contenders(self) -> tuple[str, ...]:
        """Whom it is about, for a subscription that follows one contender (an article may name several)."""
        return self.news.contenders if self.news is not None else (self.contender,)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "milestone": self.milestone,
            "contender": self.contender,
            "old": self.old.to_doc(),
            "new": self.new.to_doc(),
            "by": self.by,
            "source": self.source,
            "reason": self.reason,
            "changes": list(self.changes),
            "created_at": iso_instant(self.created_at),
            "release_at": iso_instant(self.release_at),
            "released": self.released,
            "late": self.late,
        }
        if self.offset_seconds is not None:
            doc["offset_seconds"] = self.offset_seconds
        if self.news is not None:
            doc["news"] = self.news.to_doc()
        return doc


def outbox_alert(
    alert_id: str,
    kind: AlertKind,
    milestone: str,
    contender: str,
    old: Snapshot,
    new: Snapshot,
    now: datetime,
    *,
    release_at: datetime | None = None,
    by: str = "",
    source: str = "",
    reason: str = "",
    changes: Sequence[int] = (),
    offset: timedelta | None = None,
    late: bool = False,
    news: NewsItem | None = None,
) -> OutboxAlert:
    """The one way an outbox alert is made (changes, reminders, news and the /alerts test sample)."""
    return OutboxAlert(
        id=alert_id,
        kind=kind,
        milestone=milestone,
        contender=contender,
        old=old,
        new=new,
        by=by,
        source=source,
        reason=reason,
        changes=tuple(changes),
        created_at=now,
        release_at=now if release_at is None else release_at,
        released=False,
        late=late,
        offset_seconds=None if offset is None else int(offset.total_seconds()),
        news=news,
    )


# ---- deliveries ------------------------------------------------------------------------


def nonce_for(delivery_id: str) -> str:
    """The nonce a delivery is always sent with: the same after a crash, so Discord posts it once."""
    return hashlib.sha1(delivery_id.encode()).hexdigest()[:20]


def delivery_id(alert_ids: Sequence[str], subscription_id: str) -> str:
    return f"{'+'.join(alert_ids)}@{subscription_id}"


def digest_id(now: datetime, subscription_id: str) -> str:
    return f"digest:{now:%Y%m%dT%H%M}:{subscription_id}"


@dataclass(frozen=True)
class Delivery:
    """One alert (or digest of alerts) to one subscribed channel."""

    TABLE: ClassVar[str] = DELIVERIES

    id: str
    alerts: tuple[str, ...]
    subscription: str
    channel_id: int
    state: DeliveryState
    hold_until: datetime | None
    attempts: int
    next_try_at: datetime
    nonce: str
    message_id: str = ""
    error: str = ""
    sent_at: datetime | None = None
    # Several processes share one PostgreSQL database: the one sending this delivery now, and when
    # its claim lapses so that another may take it over (a process that died mid fan-out).
    claimed_by: str = ""
    claim_until: datetime | None = None

    def __post_init__(self) -> None:
        if type(self.state) is not DeliveryState:
            object.__setattr__(self, "state", DeliveryState(self.state))
        for name in ("next_try_at", "hold_until", "sent_at", "claim_until"):
            when = getattr(self, name)
            if when is not None and when.microsecond:
                object.__setattr__(self, name, whole_seconds(when))

    @property
    def settled_at(self) -> datetime:
        """When it was sent, or else when it was last due (for forgetting finished deliveries)."""
        return self.sent_at if self.sent_at is not None else self.next_try_at

    @classmethod
    def create(
        cls, delivery_id: str, alert_ids: Sequence[str], sub: Subscription, now: datetime, hold: datetime | None
    ) -> Delivery:
        """A new delivery: held until ``hold`` (quiet hours), or pending now."""
        return cls(
            id=delivery_id,
            alerts=tuple(alert_ids),
            subscription=sub.id,
            channel_id=sub.channel_id,
            state=DeliveryState.HELD if hold else DeliveryState.PENDING,
            hold_until=hold,
            attempts=0,
            next_try_at=now,
            nonce=nonce_for(delivery_id),
        )

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Delivery:
        return cls(
            id=doc["id"],
            alerts=tuple(doc["alerts"]),
            subscription=doc["subscription"],
            channel_id=doc["channel_id"],
            state=_DELIVERY_STATES[doc["state"]],
            hold_until=_instant_or_none(doc["hold_until"]),
            attempts=doc["attempts"],
            next_try_at=parse_instant(doc["next_try_at"]),
            nonce=doc["nonce"],
            message_id=doc["message_id"],
            error=doc["error"],
            sent_at=_instant_or_none(doc.get("sent_at")),
            claimed_by=doc.get("claimed_by", ""),
            claim_until=_instant_or_none(doc.get("claim_until")),
        )

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "alerts": list(self.alerts),
            "subscription": self.subscription,
            "channel_id": self.channel_id,
            "state": self.state.value,
            "hold_until": iso_instant(self.hold_until) if self.hold_until else "",
            "attempts": self.attempts,
            "next_try_at": iso_instant(self.next_try_at),
            "nonce": self.nonce,
            "message_id": self.message_id,
            "error": self.error,
        }
        if self.sent_at is not None:
            doc["sent_at"] = iso_instant(self.sent_at)
        if self.claimed_by:  # stored only while claimed: a single process never writes these keys
            doc["claimed_by"] = self.claimed_by
            doc["claim_until"] = iso_instant(self.claim_until) if self.claim_until else ""
        return doc


def transition(delivery: Delivery, new_state: DeliveryState, **changes: Any) -> Delivery:
    """``delivery`` moved to ``new_state`` (with ``changes`` to its other fields).

    Raises :class:`InvalidTransition` for a move :data:`TRANSITIONS` does not list.
    """
    if new_state not in TRANSITIONS[delivery.state]:
        raise InvalidTransition(f"delivery {delivery.id}: {delivery.state} → {new_state} is not allowed")
    if "state" in changes:
        raise TypeError("the new state is transition()'s second argument")
    # A move ends the process's claim on it (a sent or retried delivery is nobody's to send now),
    # unless the claim is what is being written (see bot.alerts.outbox.claim_due).
    changes.setdefault("claimed_by", "")
    changes.setdefault("claim_until", None)
    return replace(delivery, state=new_state, **changes)


# ---- what is kept of a finished fan-out -------------------------------------------------


@dataclass(frozen=True)
class ChannelProblem:
    """A channel an alert did not reach, and why: refused (403, which paused the subscription),
    given up after too many attempts (both ``failed``), or gone (``dropped``)."""

    channel_id: int
    subscription: str
    state: DeliveryState
    error: str
    attempts: int

    @classmethod
    def of(cls, d: Delivery) -> ChannelProblem:
        return cls(d.channel_id, d.subscription, d.state, d.error, d.attempts)

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> ChannelProblem:
        state = _DELIVERY_STATES[doc["state"]]
        return cls(doc["channel_id"], doc["subscription"], state, doc["error"], doc["attempts"])

    def to_doc(self) -> dict[str, Any]:
        return {
            "channel_id": self.channel_id,
            "subscription": self.subscription,
            "state": self.state.value,
            "error": self.error,
            "attempts": self.attempts,
        }


PROBLEMS = frozenset({DeliveryState.FAILED, DeliveryState.DROPPED})


@dataclass(frozen=True)
class DeliverySummary:
    """One alert's fan-out once every delivery of it is finished: the per-channel records folded away.

    A finished delivery is never read again to decide anything (only pending and held ones are
    sent), so after the fold the database keeps, per alert, only how many deliveries ended in each
    state and the channels it did not reach with the reason, instead of a record per channel: the
    file, rewritten whole on every commit, stops growing with every channel of every past alert.
    A delivery that carried several alerts (a digest) counts for each of them.
    """

    TABLE: ClassVar[str] = SUMMARIES

    id: str  # the alert's id
    finished_at: datetime
    counts: Mapping[DeliveryState, int]  # final state → deliveries that ended in it
    problems: tuple[ChannelProblem, ...] = ()

    def __post_init__(self) -> None:
        if self.finished_at.microsecond:
            object.__setattr__(self, "finished_at", whole_seconds(self.finished_at))

    @classmethod
    def of(cls, alert_id: str, deliveries: Sequence[Delivery], now: datetime) -> DeliverySummary:
        counts: dict[DeliveryState, int] = {}
        for d in deliveries:
            counts[d.state] = counts.get(d.state, 0) + 1
        problems = tuple(ChannelProblem.of(d) for d in deliveries if d.state in PROBLEMS)
        return cls(alert_id, now, dict(sorted(counts.items())), problems)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> DeliverySummary:
        return cls(
            id=doc["id"],
            finished_at=parse_instant(doc["finished_at"]),
            counts={_DELIVERY_STATES[state]: n for state, n in doc["counts"].items()},
            problems=tuple(ChannelProblem.from_doc(p) for p in doc["problems"]),
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "finished_at": iso_instant(self.finished_at),
            "counts": {state.value: n for state, n in self.counts.items()},
            "problems": [p.to_doc() for p in self.problems],
        }


# ---- subscriptions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    TABLE: ClassVar[str] = SUBSCRIPTIONS

    id: str
    guild_id: int
    channel_id: int
    kinds: tuple[AlertKind, ...] = ALL_KINDS
    contender: str = ""
    role_id: int | None = None
    quiet_start: str = ""  # "HH:MM" UTC, or "" for none
    quiet_end: str = ""
    state: SubscriptionState = SubscriptionState.ACTIVE
    reason: str = ""
    created_by: str = ""
    # What its alerts are written in ("en" or "ru"). Stored as "language" only when not English, so
    # an English subscription is stored exactly as before alerts had a language, and one stored
    # then (no such key) keeps getting English, as it always did.
    language: str = "en"

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(AlertKind(k) for k in self.kinds))
        object.__setattr__(self, "state", SubscriptionState(self.state))

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Subscription:
        return cls(
            id=doc["id"],
            guild_id=doc["guild_id"],
            channel_id=doc["channel_id"],
            kinds=tuple(AlertKind(k) for k in doc.get("kinds", ALL_KINDS)),
            contender=doc.get("contender", ""),
            role_id=doc.get("role_id"),
            quiet_start=doc.get("quiet_start", ""),
            quiet_end=doc.get("quiet_end", ""),
            state=SubscriptionState(doc.get("state", SubscriptionState.ACTIVE)),
            reason=doc.get("reason", ""),
            created_by=doc.get("created_by", ""),
            language=doc.get("language", "en"),
        )

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "guild_id": self.guild_id,
            "channel_id": self.channel_id,
            "kinds": [k.value for k in self.kinds],
            "contender": self.contender,
            "role_id": self.role_id,
            "quiet_start": self.quiet_start,
            "quiet_end": self.quiet_end,
            "state": self.state.value,
            "reason": self.reason,
            "created_by": self.created_by,
        }
        if self.language != "en":
            doc["language"] = self.language
        return doc

    def wants(self, kind: str, contender: str) -> bool:
        return (
            self.state is SubscriptionState.ACTIVE
            and kind in self.kinds
            and (not self.contender or self.contender == contender)
        )

    def wants_alert(self, alert: OutboxAlert) -> bool:
        """Whether this channel hears ``alert``: its kind, and any of the contenders it is about."""
        return any(self.wants(alert.kind, contender) for contender in alert.contenders or ("",))

    def paused(self, reason: str) -> Subscription:
        return replace(self, state=SubscriptionState.PAUSED, reason=reason)

    def quiet_until(self, now: datetime) -> datetime | None:
        """When the current quiet period ends, or None if it is not quiet now."""
        if not self.quiet_start or not self.quiet_end:
            return None
        start, end = clock_time(self.quiet_start), clock_time(self.quiet_end)
        today = now.astimezone(UTC).date()
        for day in (today - timedelta(days=1), today):
            begin = datetime.combine(day, start, UTC)
            finish = datetime.combine(day if end > start else day + timedelta(days=1), end, UTC)
            if begin <= now < finish:
                return finish
        return None


# ---- reminders -------------------------------------------------------------------------


@dataclass(frozen=True)
class SentReminder:
    """A reminder that went out (or was skipped as too late), keyed by (milestone, offset, date)."""

    TABLE: ClassVar[str] = REMINDERS

    key: str
    at: datetime
    skipped: bool

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> SentReminder:
        return cls(doc["key"], parse_instant(doc["at"]), doc["skipped"])

    def to_doc(self) -> dict[str, Any]:
        return {"key": self.key, "at": iso_instant(self.at), "skipped": self.skipped}


# ---- the tables ------------------------------------------------------------------------

Record = OutboxAlert | Delivery | Subscription | SentReminder | DeliverySummary
Identified = OutboxAlert | Delivery | Subscription | DeliverySummary
RecordT = TypeVar("RecordT", OutboxAlert, Delivery, Subscription, SentReminder, DeliverySummary)
IdentifiedT = TypeVar("IdentifiedT", OutboxAlert, Delivery, Subscription, DeliverySummary)


def _with_id(record_id: str) -> QueryLike:
    def matches(value: Mapping[str, Any]) -> bool:
        return value["id"] == record_id

    return matches


def load(store: Store, kind: type[RecordT]) -> list[RecordT]:
    """Every stored record of one kind, in table order."""
    return [kind.from_doc(doc) for doc in store.table(kind.TABLE).all()]


def insert(store: Store, record: Record) -> None:
    store.table(record.TABLE).insert(record.to_doc())


def insert_many(store: Store, records: Sequence[Record]) -> None:
    """Insert records of one kind in one pass over their table.

    TinyDB rebuilds a table's whole index on every insert, so a fan-out inserted one by one would
    cost the square of its size; this costs one rebuild."""
    if records:
        store.table(records[0].TABLE).insert_multiple([r.to_doc() for r in records])


def update(store: Store, record: Identified) -> None:
    """Write ``record`` over the stored one with its id, in place (its position in the table is kept)."""
    update_many(store, [record])


def update_many(store: Store, records: Sequence[Identified]) -> None:
    """:func:`update` for records of one kind, in one pass over their table (a batch of results).

    One :func:`update` scans and rebuilds the whole table; a batch of 48 would do it 48 times."""
    if not records:
        return
    docs = {r.id: r.to_doc() for r in records}

    def matches(value: Mapping[str, Any]) -> bool:
        return value["id"] in docs

    def overwrite(value: MutableMapping[str, Any]) -> None:
        doc = docs[value["id"]]
        value.clear()  # the record is the whole document: a key it no longer has (a lapsed claim) goes
        value.update(doc)

    store.table(records[0].TABLE).update(overwrite, matches)


def remove(store: Store, kind: type[Identified], record_id: str) -> bool:
    """Remove the stored records with this id; whether there were any."""
    return bool(store.table(kind.TABLE).remove(_with_id(record_id)))


def deliveries_in(store: Store, states: Collection[DeliveryState]) -> list[Delivery]:
    """The stored deliveries in ``states``, in table order (the others are never read into records)."""
    wanted = {state.value for state in states}
    return [Delivery.from_doc(doc) for doc in store.table(DELIVERIES).all() if doc["state"] in wanted]


def pending_ids(store: Store, ids: Collection[str]) -> set[str]:
    """Which of ``ids`` are still pending (once per batch of results: the documents, not records)."""
    pending = DeliveryState.PENDING.value
    return {doc["id"] for doc in store.table(DELIVERIES).all() if doc["state"] == pending and doc["id"] in ids}


def due_pending(
    store: Store, now: datetime, owner: str, limit: int | None = None, skip: Collection[str] = ()
) -> list[Delivery]:
    """The first ``limit`` pending deliveries due by ``now`` that ``owner`` may send, in table order:
    claimed by nobody, by ``owner`` itself (left by its own earlier life: a process of that name never
    runs two ticks at once), or by a process whose claim lapsed. Runs over the whole table once per
    claim, so it compares the stored documents (instants as text, which sorts as time) and reads
    only the chosen ones into records."""
    cutoff = iso_instant(now)
    chosen: list[Delivery] = []
    for doc in store.table(DELIVERIES).all():
        if doc["state"] != DeliveryState.PENDING.value or doc["next_try_at"] > cutoff or doc["id"] in skip:
            continue
        holder = doc.get("claimed_by", "")
        if holder and holder != owner and (doc.get("claim_until") or cutoff) > cutoff:
            continue
        chosen.append(Delivery.from_doc(doc))
        if limit is not None and len(chosen) >= limit:
            break
    return chosen


def remove_settled_deliveries(store: Store, before: datetime) -> set[str]:
    """Remove the finished deliveries settled (see :attr:`Delivery.settled_at`) before ``before``.

    Returns the ids of the alerts the remaining deliveries refer to. This runs every tick over the
    whole table, mostly finished deliveries, so it compares stored instants as text (they sort as
    time does) instead of reading each delivery into a record.
    """
    cutoff, finished = iso_instant(before), {state.value for state in FINISHED}
    live: set[str] = set()

    def settled(value: Mapping[str, Any]) -> bool:
        if value["state"] in finished and value.get("sent_at", value["next_try_at"]) < cutoff:
            return True
        live.update(value["alerts"])
        return False

    store.table(DELIVERIES).remove(settled)
    return live


def fold_finished_deliveries(store: Store, now: datetime) -> list[DeliverySummary]:
    """Fold each alert whose deliveries are all finished into a :class:`DeliverySummary`, in this transaction.

    Safe against a resend because only finished deliveries are read or removed: a delivery still
    pending or held (in flight, or sent but not yet recorded, which after a crash is resent with
    its nonce) keeps its alert out of the fold, and an alert gets no new deliveries once none of
    its own is waiting (it fans out once, when released; a digest comes only from a held one). A
    finished delivery that also carries an alert still waiting (a digest) stays until that one is
    folded too. Works on the stored documents, so older databases are folded the same way.
    """
    finished = {state.value for state in FINISHED}
    docs = store.table(DELIVERIES).all()
    waiting = {a for doc in docs if doc["state"] not in finished for a in doc["alerts"]}
    folded = {doc["id"] for doc in store.table(SUMMARIES).all()}
    groups: dict[str, list[Delivery]] = {}
    for doc in docs:
        if doc["state"] not in finished:
            continue
        for alert_id in doc["alerts"]:
            if alert_id not in waiting and alert_id not in folded:
                groups.setdefault(alert_id, []).append(Delivery.from_doc(doc))
    if not groups:
        return []
    summaries = [DeliverySummary.of(alert_id, group, now) for alert_id, group in groups.items()]
    insert_many(store, summaries)
    done = folded | groups.keys()

    def folded_away(value: Mapping[str, Any]) -> bool:
        return value["state"] in finished and all(a in done for a in value["alerts"])

    store.table(DELIVERIES).remove(folded_away)
    return summaries


def remove_where(store: Store, kind: type[IdentifiedT], doomed: Callable[[IdentifiedT], bool]) -> int:
    """Remove each stored record of one kind for which ``doomed`` is true; how many."""

    def matches(value: Mapping[str, Any]) -> bool:
        return doomed(kind.from_doc(value))

    return len(store.table(kind.TABLE).remove(matches))
