"""Stale and weak knowledge: what the admins should check next.

Every item carries ``verified``, the day it was last checked against its sources. An answer is
only as good as that check, so ``/facts stale`` lists the items not checked for a number of months
and the items that rest only on a rumour, oldest check first: the top of the list is where the
knowledge is weakest. Pure functions of the knowledge base and a day.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bot.core.cards import Card, Colour, Reply, paginate
from bot.core.dates import DateStyle
from bot.core.errors import localised
from bot.core.i18n import tr
from bot.core.kb import KnowledgeBase
from bot.core.models import Confidence, Precision
from bot.core.text import neutralize_mentions, shorten
from bot.facts.editor import SINGULAR
from bot.facts.strings import kind_name

DEFAULT_MONTHS = 6
MONTHS_MAX = 120
SHOWN_MAX = 100  # lines listed; the rest are counted ("and N more"), oldest first is what matters
KIND_ORDER = {kind: n for n, kind in enumerate(SINGULAR.values())}


@dataclass(frozen=True)
class Weak:
    """One item to check again: why (stale, rumour, or both) and when it was last checked."""

    kind: str  # contender, person, milestone, fact, contradiction
    item_id: str
    label: str
    verified: str  # ISO day, or "" when it was never checked
    stale: bool
    rumour: bool


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def weak_items(kb: KnowledgeBase, today: date, months: int) -> list[Weak]:
    """Items checked before the cutoff (or never), and rumours, oldest check first (rumours first on a tie)."""
    cutoff = months_before(today, months).isoformat()
    found = []
    for collection, kind in SINGULAR.items():
        for item in getattr(kb, collection).values():
            stale = item.verified < cutoff  # ISO days sort as text; "" (never checked) sorts first
            rumour = item.confidence is Confidence.RUMOUR
            if stale or rumour:
                found.append(Weak(kind, item.id, _label(item), item.verified, stale, rumour))
    return sorted(found, key=lambda w: (w.verified, not w.rumour, KIND_ORDER[w.kind], w.label.casefold()))


def day_text(iso_day: str, style: DateStyle) -> str:
    """A stored ``verified`` day as the medium shows days; kept as written if it is not a day."""
    try:
        when = datetime.fromisoformat(iso_day).replace(tzinfo=UTC)
    except ValueError:
        return shorten(iso_day, 20) or tr("facts.stale.never", style.lang)
    return style.date(when, Precision.DAY)


def stale_reply(kb: KnowledgeBase, today: date, months: int, style: DateStyle) -> Reply:
    """What /facts stale shows: a count, then one line per item, within Discord's embed limits."""
    weak, lang = weak_items(kb, today, months), style.lang
    cutoff = day_text(months_before(today, months).isoformat(), style)
    title = tr("facts.stale.title", lang)
    if not weak:
        text = tr("facts.stale.all_checked", lang, cutoff=cutoff)
        return Reply(pages=paginate(Card(title=title, description=text, colour=Colour.OK), lang), ephemeral=True)
    stale, rumour = sum(w.stale for w in weak), sum(w.rumour for w in weak)
    head = tr("facts.stale.head", lang, stale=stale, cutoff=cutoff, months=months, rumour=rumour)
    lines = [_line(w, style) for w in weak[:SHOWN_MAX]]
    if len(weak) > SHOWN_MAX:
        lines.append(tr("facts.stale.more", lang, n=len(weak) - SHOWN_MAX))
    card = Card(title=title, description=head + "\n\n" + "\n".join(lines), colour=Colour.WARNING)
    return Reply(pages=paginate(card, lang), ephemeral=True)


def _line(w: Weak, style: DateStyle) -> str:
    lang = style.lang
    if w.verified:
        checked = tr("facts.stale.checked", lang, day=day_text(w.verified, style))
    else:
        checked = tr("facts.stale.never_checked", lang)
    rumour = tr("facts.stale.rumour", lang) if w.rumour else ""
    kind = localised(kind_name(w.kind), lang)
    return tr(
        "facts.stale.line", lang, kind=kind, label=shorten(w.label, 80), id=w.item_id, checked=checked, rumour=rumour
    )


def _label(item: object) -> str:
    text = getattr(item, "name", "") or getattr(item, "title", "") or getattr(item, "text", "")
    return neutralize_mentions(" ".join(str(text).split())) or str(getattr(item, "id", ""))
