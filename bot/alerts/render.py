"""What an alert says: alert, digest and sample cards, free of Discord; the /alerts replies are in subscriptions.

An alert is in its subscription's language, which the date style carries (``style.lang``; the
dispatcher gives each subscription ``in_language(style, sub.language)``): the frame comes from
:mod:`bot.alerts.strings`, the item's own words (milestone titles, contender names) from its
translations, dates from the style. English is exactly what alerts said before they had a language.

Only the subscription's own role is ever mentioned; the shell posts with no other mention allowed.
News comes from outside: its title and summary are neutralised so they cannot mention anyone even
where they are echoed as text (a message's content repeats the card's title).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.alerts.records import AlertKind, NewsItem, OutboxAlert, Snapshot, outbox_alert
from bot.core.cards import Card, Colour, Field
from bot.core.dates import DateStyle, human_span
from bot.core.i18n import DEFAULT, catalogue, tr, tr_n
from bot.core.kb import KnowledgeBase
from bot.core.models import Precision, parse_instant
from bot.core.text import neutralize_mentions, shorten
from bot.core.wording import contender_name, field_in, sources_text, when_text

NEWS_TITLE_MAX = 200  # leaves room for the icon and a role mention in a message's 2,000 characters
NEWS_SUMMARY_MAX = 600
COLLECTION_OF = {"contender": "contenders", "person": "people", "milestone": "milestones", "fact": "facts"}
COLLECTION_OF["contradiction"] = "contradictions"


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


def span_text(seconds: float, lang: str) -> str:
    """A duration after "на"/"через": English as :func:`human_span` says it; Russian in the accusative.

    Russian needs its own forms ("через 1 минуту", not the nominative "1 минута"), counted the same
    way as :func:`human_span` (whole minutes, at most two units, months beyond 60 days).
    """
    if lang == DEFAULT:
        return human_span(seconds)
    minutes = round(seconds / 60)
    if seconds >= 60 * 86400:
        months = round(seconds / (30.44 * 86400))
        if months >= 24:
            return tr_n("alert.span.years", round(months / 12), lang)
        return tr_n("alert.span.months", months, lang)
    days, rem = divmod(minutes, 1440)
    hours, mins = divmod(rem, 60)
    parts = []
    if days:
        parts.append(tr_n("alert.span.days", days, lang))
    if hours and days < 7:
        parts.append(tr_n("alert.span.hours", hours, lang))
    if mins and not days:
        parts.append(tr_n("alert.span.minutes", mins, lang))
    return " ".join(parts) or tr("span.now", lang)


def _by_span(seconds: float, lang: str) -> str:
    """ "3 days" / "на 3 дня"; "примерно на 4 месяца" beyond 60 days, where the count is rounded."""
    if lang == DEFAULT:
        return human_span(seconds)
    key = "alert.span.by_about" if seconds >= 60 * 86400 else "alert.span.by"
    return tr(key, lang, span=span_text(seconds, lang))


def describe_move(old: Snapshot, new: Snapshot, lang: str = DEFAULT) -> str:
    """ "slipped 3 days later", "moved 2 hours earlier", "now known to the day" (in ``lang``)."""
    parts = []
    if old.date and new.date:
        delta = parse_instant(new.date) - parse_instant(old.date)
        seconds = delta.total_seconds()
        if abs(seconds) >= 60:
            span = _by_span(abs(seconds), lang)
            parts.append(tr("alert.move.later" if seconds > 0 else "alert.move.earlier", lang, span=span))
    elif new.date and not old.date:
        parts.append(tr("alert.move.dated", lang))
    elif old.date and not new.date:
        parts.append(tr("alert.move.undated", lang))
    order = list(Precision)
    old_p, new_p = _precision(old), _precision(new)
    if new_p != old_p:
        finer = order.index(new_p) < order.index(old_p)
        label = tr(f"alert.precision.{new_p.value}", lang)
        parts.append(tr("alert.move.known", lang, label=label) if finer or new_p is not Precision.UNKNOWN else label)
    return ", ".join(parts)


def status_word(status: str | None, lang: str) -> str:
    """A milestone's status as stored ("planned") in ``lang``; English, and unknown words, as stored."""
    key = f"wording.milestone.{status}"
    return tr(key, lang) if lang != DEFAULT and key in catalogue() else str(status)


def _with_mention(card: Card, role_id: int | None) -> OutMessage:
    mention = f"<@&{role_id}> " if role_id else ""
    return OutMessage(f"{mention}{card.title}".strip(), card, role_id)


def render_alert(
    alerts: Iterable[OutboxAlert], kb: KnowledgeBase, style: DateStyle, role_id: int | None = None
) -> OutMessage:
    """One message for one alert, or a digest of several, in ``style.lang``."""
    cards = [_alert_card(a, kb, style) for a in alerts]
    if len(cards) == 1:
        return _with_mention(cards[0], role_id)
    fields = tuple(Field(c.title, c.description) for c in cards[:25])
    digest = Card(
        title=tr_n("alert.digest.title", len(cards), style.lang),
        fields=fields,
        colour=Colour.RACE,
        footer=tr("alert.digest.footer", style.lang),
    )
    return _with_mention(digest, role_id)


def _alert_card(alert: OutboxAlert, kb: KnowledgeBase, style: DateStyle) -> Card:
    if alert.news is not None:
        return news_card(alert.news, kb, style)
    lang = style.lang
    m = kb.milestones.get(alert.milestone)
    title = field_in(m, "title", lang) if m else alert.milestone
    who = contender_name(kb, alert.contender, lang)
    old, new = alert.old, alert.new
    late = tr("alert.late", lang) if alert.late else ""
    if alert.kind is AlertKind.REMINDER:
        offset = timedelta(seconds=alert.offset_seconds or 0)
        when = when_text(m, style) if m else _value_text(new, style)
        rel = style.relative(m.when, m.precision) if m and m.when else ""
        span = span_text(offset.total_seconds(), lang)
        return Card(
            title=tr("alert.reminder.title", lang, title=title, span=span, late=late),
            description=f"**{who}** — {title}: {when} {rel}".strip(),
            colour=Colour.INFO,
            footer=tr("alert.reminder.footer", lang),
        )
    lines = [f"**{who}**"]
    if not old.same_date(new):
        lines.append(tr("alert.change.date", lang, old=_value_text(old, style), new=_value_text(new, style)))
        move = describe_move(old, new, lang)
        if move:
            lines.append(f"({move})")
    if old.status != new.status:
        lines.append(
            tr("alert.change.status", lang, old=status_word(old.status, lang), new=status_word(new.status, lang))
        )
    if alert.reason:
        lines.append(tr("alert.change.why", lang, reason=alert.reason))
    source = sources_text([alert.source], style) if alert.source else tr("alert.change.no_source", lang)
    lines.append(tr("alert.change.source", lang, source=source))
    if alert.by:
        lines.append(tr("alert.change.by", lang, by=alert.by))
    icon = "📅" if alert.kind is AlertKind.DATE else "🔁"
    return Card(
        title=f"{icon} {title}: {_headline(old, new, lang)}{late}",
        description="\n".join(lines),
        colour=Colour.WARNING,
        footer=tr("alert.change.footer", lang),
    )


def news_card(news: NewsItem, kb: KnowledgeBase, style: DateStyle) -> Card:
    """An approved article: its title and summary (neutralised, shortened), where and when, and what it backs.

    The article's own words stay as published (news has no translations); the frame is in ``style.lang``.
    """
    lang = style.lang
    title = neutralize_mentions(shorten(" ".join(news.title.split()), NEWS_TITLE_MAX))
    url = news.url if news.url.startswith(("https://", "http://")) and " " not in news.url else ""
    lines = [
        f"**{neutralize_mentions(shorten(news.site, 80))}** · {_published(news.published, style)}",
        neutralize_mentions(shorten(" ".join(news.summary.split()), NEWS_SUMMARY_MAX)),
        _backs(news, kb, lang),
        tr("alert.news.read", lang, url=url) if url else "",
    ]
    return Card(
        title=f"📰 {title}",
        description="\n\n".join(line for line in lines if line),
        url=url,
        colour=Colour.INFO,
        footer=tr("alert.news.footer", lang),
    )


def _published(published: str, style: DateStyle) -> str:
    try:
        return style.date(parse_instant(published), Precision.TIME)
    except ValueError:
        return tr("alert.news.no_date", style.lang)


def _backs(news: NewsItem, kb: KnowledgeBase, lang: str = DEFAULT) -> str:
    """What the admins did with it, naming the item (as it is called now, if it still exists, in ``lang``)."""
    kind, _, item_id = news.item.partition(":")
    item = getattr(kb, COLLECTION_OF.get(kind, "facts"), {}).get(item_id)
    field = next((f for f in ("name", "title", "text") if getattr(item, f, "")), "") if item else ""
    label = field_in(item, field, lang) if item and field else ""
    label = neutralize_mentions(shorten(label, 120)) or item_id
    kind_word = tr(f"kind.{kind}", lang) if lang != DEFAULT and f"kind.{kind}" in catalogue() else kind
    if news.decision == "recorded":
        key = "alert.news.fact" if kind == "fact" else "alert.news.recorded"
        return tr(key, lang, kind=kind_word, label=label)
    return tr("alert.news.source", lang, kind=kind_word, label=label) if label else ""


def _headline(old: Snapshot, new: Snapshot, lang: str = DEFAULT) -> str:
    if old.status != new.status and old.same_date(new):
        return tr("alert.move.status", lang, status=status_word(new.status, lang))
    return describe_move(old, new, lang) or tr("alert.move.changed", lang)


def sample_alert(kb: KnowledgeBase, style: DateStyle, role_id: int | None, now: datetime) -> OutMessage:
    """What /alerts test posts: a realistic alert marked as a test, in ``style.lang`` (the channel's)."""
    lang = style.lang
    m = kb.milestones.get(kb.race.winning_milestone) or next(iter(kb.milestones.values()))
    alert = outbox_alert(
        "sample",
        AlertKind.DATE,
        m.id,
        m.contender,
        old=Snapshot(m.date, m.precision.value, "planned"),
        new=Snapshot.of_milestone(m),
        now=now,
        by=tr("alert.test.by", lang),
        source=m.sources[0] if m.sources else "",
        reason=tr("alert.test.reason", lang),
    )
    card = _alert_card(alert, kb, style)
    card = Card(
        title=tr("alert.test.title", lang, title=card.title),
        description=card.description,
        colour=card.colour,
        footer=tr("alert.test.footer", lang),
    )
    return _with_mention(card, role_id)
