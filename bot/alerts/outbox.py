"""The outbox: alerts written with the edit that caused them, fanned out into deliveries.

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
* Quiet hours hold non-urgent deliveries and send one digest when the quiet period ends.
* An article the admins approve becomes a ``news`` alert in the transaction of the decision
  (:func:`queue_news`), for the subscriptions that asked for news; it travels like any other.
* Once every delivery of an alert is finished, its per-channel records are folded into one
  summary (:func:`fold`), and summaries are forgotten after :data:`KEEP_FINISHED`: the database,
  rewritten whole on every commit, holds the deliveries in flight, not the history of every channel.

Reminders are in :mod:`bot.alerts.reminders`, what an alert says in :mod:`bot.alerts.render`,
and the records and the one place a delivery changes state in :mod:`bot.alerts.records`.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.alerts.records import (
    WAITING,
    AlertKind,
    AlertSettings,
    Delivery,
    DeliveryState,
    DeliverySummary,
    NewsItem,
    OutboxAlert,
    SendResult,
    Snapshot,
    deliveries_in,
    delivery_id,
    digest_id,
    due_pending,
    fold_finished_deliveries,
    insert,
    insert_many,
    load,
    outbox_alert,
    pending_ids,
    remove,
    remove_settled_deliveries,
    remove_where,
    transition,
    update,
    update_many,
    whole_seconds,
)
from bot.alerts.reminders import next_reminder_at, sent_reminder_keys
from bot.alerts.subscriptions import pause_subscription, remove_subscription, subscriptions
from bot.core.changes import Change, Proposal
from bot.core.kb import KnowledgeBase
from bot.core.models import parse_instant
from bot.infra.store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
KEEP_FINISHED = timedelta(days=30)


def _kind(before: Snapshot, after: Snapshot) -> AlertKind:
    return AlertKind.STATUS if before.same_date(after) else AlertKind.DATE


def _too_small(old: Snapshot, new: Snapshot, threshold: timedelta) -> bool:
    """A move below the threshold, with nothing else changed, is not worth a message."""
    if old == new:
        return True
    if old.precision != new.precision or old.status != new.status:
        return False
    if not old.date or not new.date:
        return False
    return abs(parse_instant(new.date) - parse_instant(old.date)) < threshold


def audience(store: Store, kb: KnowledgeBase, proposal: Proposal) -> int:
    """How many active subscriptions would hear about this proposal."""
    subs = subscriptions(store)
    count = 0
    for op in proposal.milestone_changes():
        kind = _kind(Snapshot.of(op.before or {}), Snapshot.of(op.after or {}))
        contender = (op.after or op.before or {}).get("contender", "")
        count = max(count, sum(1 for s in subs if s.wants(kind, contender)))
    return count


# ---- into the outbox -------------------------------------------------------------------


def queue_changes(store: Store, proposal: Proposal, change: Change, now: datetime, settings: AlertSettings) -> None:
    """Editor hook: runs inside the edit's transaction and writes (or merges) outbox alerts."""
    for op in proposal.milestone_changes():
        before, after = Snapshot.of(op.before or {}), Snapshot.of(op.after or {})
        pending = [
            a
            for a in load(store, OutboxAlert)
            if a.milestone == op.item_id and not a.released and a.kind is not AlertKind.REMINDER
        ]
        if pending:
            alert = pending[0]
            if _too_small(alert.old, after, settings.threshold):
                remove(store, OutboxAlert, alert.id)  # merged back to where it was: nothing to say
                continue
            merged = replace(
                alert,
                new=after,
                kind=_kind(alert.old, after),
                by=change.by,
                source=change.source or alert.source,
                changes=(*alert.changes, change.id),
            )
            update(store, merged)
            continue
        if _too_small(before, after, settings.threshold):
            continue
        alert = outbox_alert(
            f"c{change.id}-{op.item_id}",
            _kind(before, after),
            op.item_id,
            (op.after or {}).get("contender", ""),
            before,
            after,
            now,
            release_at=now + settings.window,
            by=change.by,
            source=change.source,
            reason=change.reason,
            changes=[change.id],
        )
        insert(store, alert)


def news_alert_id(article: int) -> str:
    """One alert per article, ever: an article is approved once, and its id names the alert."""
    return f"n{article}"


def queue_news(store: Store, news: NewsItem, change: Change, now: datetime) -> bool:
    """Decision hook: runs inside the transaction that approved the article; False if it was queued before."""
    alert_id = news_alert_id(news.article)
    if any(a.id == alert_id for a in load(store, OutboxAlert)):
        return False
    contender = news.contenders[0] if news.contenders else ""
    alert = outbox_alert(
        alert_id,
        AlertKind.NEWS,
        "",
        contender,
        Snapshot(),
        Snapshot(),
        now,
        by=change.by,
        source=news.url,
        changes=[change.id],
        news=news,
    )
    insert(store, alert)
    return True


# ---- out of the outbox -----------------------------------------------------------------


def release(store: Store, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> int:
    """Fan released alerts out into deliveries (one transaction). Returns how many deliveries."""
    ready = [a for a in load(store, OutboxAlert) if not a.released and a.release_at <= now]
    if not ready:
        return 0
    subs = subscriptions(store)
    made: list[Delivery] = []
    for alert in ready:
        urgent = _urgent(alert, kb, now, settings)
        for sub in subs:
            if not sub.wants_alert(alert):
                continue
            hold = None if urgent else sub.quiet_until(now)
            made.append(Delivery.create(delivery_id([alert.id], sub.id), [alert.id], sub, now, hold))
        update(store, replace(alert, released=True))
    insert_many(store, made)
    return len(made)


def _urgent(alert: OutboxAlert, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> bool:
    """Reminders within the hour, and changes to something less than a day away, skip quiet hours."""
    if alert.kind is AlertKind.REMINDER:
        return (alert.offset_seconds or 0) <= 3600
    m = kb.milestones.get(alert.milestone)
    when = m.when if m else None
    return bool(when and now <= when <= now + settings.urgent_within)


def release_digests(store: Store, now: datetime) -> int:
    """Held deliveries whose quiet period ended become one digest delivery per subscription."""
    held = [d for d in deliveries_in(store, [DeliveryState.HELD]) if d.hold_until is not None and d.hold_until <= now]
    by_sub: dict[str, list[Delivery]] = {}
    for d in held:
        by_sub.setdefault(d.subscription, []).append(d)
    subs = {s.id: s for s in subscriptions(store)}
    for sub_id, items in by_sub.items():
        for d in items:
            update(store, transition(d, DeliveryState.DIGESTED))
        sub = subs.get(sub_id)
        if sub is None:
            continue
        alert_ids = [a for d in items for a in d.alerts]
        insert(store, Delivery.create(digest_id(now, sub_id), alert_ids, sub, now, None))
    return len(by_sub)


@dataclass(frozen=True)
class Claim:
    """Deliveries one process took to send, and how many of them it took over from a lapsed claim."""

    deliveries: list[Delivery]
    taken_over: int = 0


def claim_due(
    store: Store, now: datetime, owner: str, lease: timedelta, limit: int, skip: Collection[str] = ()
) -> Claim:
    """Take up to ``limit`` due deliveries for ``owner`` to send, each claimed until ``now + lease``.

    With several processes on one database this is what makes each (alert, channel) go out once:
    claims are written in the store's serialised transactions, so two processes never hold the same
    delivery, and a process that dies mid fan-out leaves its claims to lapse and be taken over (the
    resend carries the same nonce, so a message it had sent but not recorded is not posted twice;
    the lease is kept well inside Discord's nonce window). A store only one process can open
    (TinyDB) has no one to claim against, so there the deliveries are picked without a write.
    ``skip``: deliveries this tick already tried (a retry waits for the next tick).
    """
    due = due_pending(store, now, owner, limit if store.shared else None, skip)
    taken_over = sum(1 for d in due if d.claimed_by and d.claimed_by != owner)
    if not store.shared or not due:
        return Claim(due, taken_over)
    until = whole_seconds(now + lease)
    claimed = [transition(d, DeliveryState.PENDING, claimed_by=owner, claim_until=until) for d in due]
    update_many(store, claimed)
    return Claim(claimed, taken_over)


def release_claims(store: Store, owner: str) -> int:
    """Give back ``owner``'s claims on deliveries it has not sent (a process stopping): another process
    takes them at once instead of after the lease. Only when nothing of ``owner``'s is in flight."""
    mine = [d for d in deliveries_in(store, [DeliveryState.PENDING]) if d.claimed_by == owner]
    update_many(store, [transition(d, DeliveryState.PENDING) for d in mine])
    return len(mine)


def record_results(store: Store, results: Sequence[tuple[Delivery, SendResult, str]], now: datetime) -> None:
    """Write what happened to a batch of sends, in one pass over the deliveries table.

    A delivery another process finished meanwhile (it took over a claim that lapsed while this one
    was still sending) keeps that result: both sends carried the same nonce, so they are one message."""
    open_now = pending_ids(store, {delivery.id for delivery, _, _ in results})
    settled = [settle(store, d, result, detail, now) for d, result, detail in results if d.id in open_now]
    update_many(store, settled)


def settle(store: Store, delivery: Delivery, result: SendResult, detail: str, now: datetime) -> Delivery:
    """What one send makes of its delivery (written by :func:`record_results`); a bad channel affects
    only its own subscription, which is paused or removed here."""
    if result is SendResult.SENT:
        return transition(delivery, DeliveryState.SENT, message_id=detail, sent_at=now)
    if result is SendResult.FORBIDDEN:
        pause_subscription(store, delivery.subscription, f"missing permission: {detail}")
        log.warning(
            "subscription paused id=%s channel=%s reason=%r", delivery.subscription, delivery.channel_id, detail
        )
        return transition(delivery, DeliveryState.FAILED, error=detail)
    if result is SendResult.NOT_FOUND:
        remove_subscription(store, delivery.subscription)
        log.warning(
            "subscription removed id=%s channel=%s (unknown channel)", delivery.subscription, delivery.channel_id
        )
        return transition(delivery, DeliveryState.DROPPED, error=detail)
    attempts = delivery.attempts + 1
    if attempts >= MAX_ATTEMPTS:
        log.error("delivery gave up id=%s after %d attempts: %s", delivery.id, attempts, detail)
        return transition(delivery, DeliveryState.FAILED, attempts=attempts, error=detail)
    backoff = timedelta(seconds=min(600, 2**attempts))
    return transition(delivery, DeliveryState.PENDING, attempts=attempts, next_try_at=now + backoff, error=detail)


# ---- housekeeping and timing -----------------------------------------------------------


def fold(store: Store, now: datetime) -> list[DeliverySummary]:
    """Fold every alert whose deliveries are all finished into one summary (see
    :func:`~bot.alerts.records.fold_finished_deliveries` for why this never causes a resend)."""
    summaries = fold_finished_deliveries(store, now)
    for s in summaries:
        counts = " ".join(f"{state}={n}" for state, n in s.counts.items())
        log.info("alert delivered alert=%s %s problems=%d", s.id, counts, len(s.problems))
    return summaries


def prune(store: Store, now: datetime) -> None:
    """Forget summaries, and finished deliveries and alerts, after a while, so the database stays small.

    Finished deliveries are folded as soon as their alert is done; the ones pruned here are only
    those a fold keeps (a digest that also carries an alert still waiting)."""
    cutoff = whole_seconds(now - KEEP_FINISHED)
    live = remove_settled_deliveries(store, cutoff)
    remove_where(store, OutboxAlert, lambda a: a.released and a.created_at < cutoff and a.id not in live)
    remove_where(store, DeliverySummary, lambda s: s.finished_at < cutoff)


def outbox_depth(store: Store) -> int:
    unreleased = sum(1 for a in load(store, OutboxAlert) if not a.released)
    return unreleased + len(deliveries_in(store, WAITING))


def next_wakeup(store: Store, kb: KnowledgeBase, now: datetime, settings: AlertSettings) -> datetime | None:
    """The next moment something becomes due (release, retry, reminder, end of quiet hours)."""
    candidates = [a.release_at for a in load(store, OutboxAlert) if not a.released]
    for d in deliveries_in(store, WAITING):
        if d.state is DeliveryState.PENDING:
            # Another process's claim: look again when it lapses, in case that process died.
            lapse = d.claim_until if d.claimed_by and d.claim_until else d.next_try_at
            candidates.append(max(d.next_try_at, lapse))
        elif d.state is DeliveryState.HELD and d.hold_until is not None:
            candidates.append(d.hold_until)
    reminder = next_reminder_at(kb, sent_reminder_keys(store), now, settings)
    if reminder:
        candidates.append(reminder)
    return min(candidates, default=None)
