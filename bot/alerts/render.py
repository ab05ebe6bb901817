"""What an alert says: alert, digest and sample cards, and the /alerts replies, free of Discord.

Only the subscription's own role is ever mentioned; the shell posts with no other mention allowed.
News comes from outside: its title and summary are neutralised so they cannot mention anyone even
where they are echoed as text (a message's content repeats the card's title).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.alerts.records import (
    AlertKind,
    NewsItem,
    OutboxAlert,
    Snapshot,
    Subscription,
    SubscriptionState,
    outbox_alert,
)
from bot.core.cards import Card, Colour, Field
from bot.core.dates import DateStyle, human_span
from bot.core.kb import KnowledgeBase
from bot.core.models import Precision, parse_instant
from bot.core.text import neutralize_mentions, shorten
from bot.core.wording import sources_text, when_text

NEWS_TITLE_MAX = 200  # leaves room for the icon and a role mention in a message's 2,000 characters
NEWS_SUMMARY_MAX = 600
COLLECTION_OF = {"contender": "contenders", "person": "people", "milestone": "milestones", "fact": "facts"}
COLLECTION_OF["contradiction"] = "contradictions"

PRECISION_WORDS = {
    Precision.TIME: "to the minute",
    Precision.DAY: "to the day",
    Precision.MONTH: "to the month",
    Precision.QUARTER: "to the quarter",
    Precision.YEAR: "to the year",
    Precision.UNKNOWN: "no longer known",
}


@dataclass(frozen=True)
class OutMessage:
    """One message to post: text (with the only mention allowed), and an embed card."""

    content: str
    card: Card
    role_id: int | None = None


def _precision(snapshot: Snapshot) -> Precision:
    return Precision(snapshot.precision or "unknown")


def _value_text(snapshot: Snapshot, style: DateStyle) -> str:
    when = parse_instant(snapshot.date) if snapshot.date else None
    return style.date(when, _precision(snapshot))


def describe_move(old: Snapshot, new: Snapshot) -> str:
    """ "slipped 3 days later", "moved 2 hours earlier", "now known to the day"."""
    parts = []
    if old.date and new.date:
        delta = parse_instant(new.date) - parse_instant(old.date)
        seconds = delta.total_seconds()
        if abs(seconds) >= 60:
            span = human_span(abs(seconds))
            parts.append(f"slipped {span} later" if seconds > 0 else f"moved {span} earlier")
    elif new.date and not old.date:
        parts.append("now has a date")
    elif old.date and not new.date:
        parts.append("date now unknown")
    order = list(Precision)
    old_p, new_p = _precision(old), _precision(new)
    if new_p != old_p:
        finer = order.index(new_p) < order.index(old_p)
        label = PRECISION_WORDS[new_p]
        parts.append(f"now known {label}" if finer or new_p is not Precision.UNKNOWN else label)
    return ", ".join(parts)


def _with_mention(card: Card, role_id: int | None) -> OutMessage:
    mention = f"<@&{role_id}> " if role_id else ""
    return OutMessage(f"{mention}{card.title}".strip(), card, role_id)


def render_alert(
    alerts: Iterable[OutboxAlert], kb: KnowledgeBase, style: DateStyle, role_id: int | None = None
) -> OutMessage:
    """One message for one alert, or a digest of several."""
    cards = [_alert_card(a, kb, style) for a in alerts]
    if len(cards) == 1:
        return _with_mention(cards[0], role_id)
    fields = tuple(Field(c.title, c.description) for c in cards[:25])
    digest = Card(
        title=f"Digest: {len(cards)} update(s) from the quiet hours",
        fields=fields,
        colour=Colour.RACE,
        footer="Sent when your quiet hours ended",
    )
    return _with_mention(digest, role_id)


def _alert_card(alert: OutboxAlert, kb: KnowledgeBase, style: DateStyle) -> Card:
    if alert.news is not None:
        return news_card(alert.news, kb, style)
    m = kb.milestones.get(alert.milestone)
    title = m.title if m else alert.milestone
    who = kb.contender_name(alert.contender)
    old, new = alert.old, alert.new
    late = " (late: the bot was offline)" if alert.late else ""
    if alert.kind is AlertKind.REMINDER:
        offset = timedelta(seconds=alert.offset_seconds or 0)
        when = when_text(m, style) if m else _value_text(new, style)
        rel = style.relative(m.when, m.precision) if m and m.when else ""
        return Card(
            title=f"⏰ {title} in {human_span(offset.total_seconds())}{late}",
            description=f"**{who}** — {title}: {when} {rel}".strip(),
            colour=Colour.INFO,
            footer="Reminder · /alerts to change what this channel hears",
        )
    lines = [f"**{who}**"]
    if not old.same_date(new):
        lines.append(f"Date: {_value_text(old, style)} → **{_value_text(new, style)}**")
        move = describe_move(old, new)
        if move:
            lines.append(f"({move})")
    if old.status != new.status:
        lines.append(f"Status: {old.status} → **{new.status}**")
    if alert.reason:
        lines.append(f"Why: {alert.reason}")
    lines.append(f"Source: {sources_text([alert.source], style) if alert.source else 'not given'}")
    if alert.by:
        lines.append(f"Changed by {alert.by}")
    icon = "📅" if alert.kind is AlertKind.DATE else "🔁"
    return Card(
        title=f"{icon} {title}: {_headline(old, new)}{late}",
        description="\n".join(lines),
        colour=Colour.WARNING,
        footer="Date change · /timeline for the whole race",
    )


def news_card(news: NewsItem, kb: KnowledgeBase, style: DateStyle) -> Card:
    """An approved article: its title and summary (neutralised, shortened), where and when, and what it backs."""
    title = neutralize_mentions(shorten(" ".join(news.title.split()), NEWS_TITLE_MAX))
    url = news.url if news.url.startswith(("https://", "http://")) and " " not in news.url else ""
    lines = [
        f"**{neutralize_mentions(shorten(news.site, 80))}** · {_published(news.published, style)}",
        neutralize_mentions(shorten(" ".join(news.summary.split()), NEWS_SUMMARY_MAX)),
        _backs(news, kb),
        f"Read it: {url}" if url else "",
    ]
    return Card(
        title=f"📰 {title}",
        description="\n\n".join(line for line in lines if line),
        url=url,
        colour=Colour.INFO,
        footer="News approved by the fact admins · /alerts to change what this channel hears",
    )


def _published(published: str, style: DateStyle) -> str:
    try:
        return style.date(parse_instant(published), Precision.TIME)
    except ValueError:
        return "date not given"


def _backs(news: NewsItem, kb: KnowledgeBase) -> str:
    """What the admins did with it, naming the item (as it is called now, if it still exists)."""
    kind, _, item_id = news.item.partition(":")
    item = getattr(kb, COLLECTION_OF.get(kind, "facts"), {}).get(item_id)
    label = (getattr(item, "name", "") or getattr(item, "title", "") or getattr(item, "text", "")) if item else ""
    label = neutralize_mentions(shorten(label, 120)) or item_id
    if news.decision == "recorded":
        return f"Recorded as a fact: “{label}”" if kind == "fact" else f"Recorded on {kind} {label}"
    return f"Now a source for the {kind} **{label}**" if label else ""


def _headline(old: Snapshot, new: Snapshot) -> str:
    if old.status != new.status and old.same_date(new):
        return f"now {new.status}"
    return describe_move(old, new) or "date changed"


def sample_alert(kb: KnowledgeBase, style: DateStyle, role_id: int | None, now: datetime) -> OutMessage:
    """What /alerts test posts: a realistic alert marked as a test."""
    m = kb.milestones.get(kb.race.winning_milestone) or next(iter(kb.milestones.values()))
    alert = outbox_alert(
        "sample",
        AlertKind.DATE,
        m.id,
        m.contender,
        old=Snapshot(m.date, m.precision.value, "planned"),
        new=Snapshot.of_milestone(m),
        now=now,
        by="test",
        source=m.sources[0] if m.sources else "",
        reason="This is a test alert.",
    )
    card = _alert_card(alert, kb, style)
    card = Card(
        title=f"🧪 Test: {card.title}",
        description=card.description,
        colour=card.colour,
        footer="A test from /alerts test — real alerts look like this",
    )
    return _with_mention(card, role_id)


# ---- the /alerts replies ---------------------------------------------------------------


def subscribed_text(sub: Subscription, kinds: str, kb: KnowledgeBase) -> str:
    """What /alerts subscribe answers; ``kinds`` is the choice as the admin picked it."""
    extra = []
    if sub.contender:
        extra.append(f"only {kb.contender_name(sub.contender)}")
    if sub.role_id:
        extra.append(f"mentioning <@&{sub.role_id}>")
    if sub.quiet_start:
        extra.append(f"quiet {sub.quiet_start}–{sub.quiet_end} UTC")
    details = f" ({'; '.join(extra)})" if extra else ""
    news = " and approved news" if AlertKind.NEWS in sub.kinds else ""
    what = "approved news" if kinds == "news" else f"{kinds} alerts{news}"
    return f"<#{sub.channel_id}> will get {what}{details}. Try /alerts test to see one."


def subscriptions_card(subs: Iterable[Subscription], kb: KnowledgeBase) -> Card:
    """What /alerts list shows: each of a server's alert channels and its state."""
    subs = list(subs)
    fields = []
    for s in subs:
        state = "✅ active" if s.state is SubscriptionState.ACTIVE else f"⏸️ paused — {s.reason}"
        lines = [state, f"kinds: {', '.join(s.kinds)}"]
        if s.contender:
            lines.append(f"only: {kb.contender_name(s.contender)}")
        if s.role_id:
            lines.append(f"mentions: <@&{s.role_id}>")
        if s.quiet_start:
            lines.append(f"quiet: {s.quiet_start}–{s.quiet_end} UTC")
        fields.append(Field(f"#{s.channel_id}", f"<#{s.channel_id}>\n" + "\n".join(lines)))
    return Card(
        title="Alert subscriptions",
        description="" if subs else "No channel here gets alerts yet. Use /alerts subscribe.",
        fields=tuple(fields),
        colour=Colour.INFO,
    )
