"""Phrases shared by every card and every alert: dates, slips, sources, provenance, icons.

Defined once so a milestone reads the same in /timeline, in an /ask answer and in an alert.
Each phrase is in the reader's language: the date style carries it (``style.lang``), and an
item's own words come from its translations (:func:`local`), so a card never mixes a Russian
frame with English contents unless the item has no Russian text yet — then it says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Protocol

from bot.core import strings as _strings  # noqa: F401  (registers the shared phrases)
from bot.core.dates import DateStyle
from bot.core.i18n import DEFAULT, catalogue, tr
from bot.core.kb import KnowledgeBase
from bot.core.models import (
    Contender,
    ContenderRole,
    ContenderStatus,
    Contradiction,
    Fact,
    Milestone,
    MilestoneStatus,
    Person,
    Precision,
    parse_instant,
)

MILESTONE_ICONS = {
    MilestoneStatus.DONE: "✅",
    MilestoneStatus.PLANNED: "🗓️",
    MilestoneStatus.CONFIRMED: "📌",
    MilestoneStatus.SLIPPED: "↪️",
    MilestoneStatus.CANCELLED: "❌",
    MilestoneStatus.UNKNOWN: "❔",
}
CONTENDER_ICONS = {
    ContenderStatus.WON: "🏆",
    ContenderStatus.ACTIVE: "🚀",
    ContenderStatus.STALLED: "⏸️",
    ContenderStatus.SHELVED: "🗄️",
    ContenderStatus.CANCELLED: "❌",
    ContenderStatus.COMPLETED: "✅",
    ContenderStatus.UNKNOWN: "❔",
}
MAX_SOURCES_SHOWN = 6


# ---- an item's own words, in the reader's language -----------------------------------


class Translated(Protocol):
    """Anything with per-language texts: every knowledge item, and the race itself."""

    texts: dict[str, dict[str, str]]


def local(item: Translated, name: str, english: str, lang: str) -> str:
    """An item's text in ``lang``: its translation (``texts[lang][name]``), else the English with a marker.

    ``english`` is the field's own value (for a role or a claim it is not an attribute named
    ``name``, hence passed in). English readers always get it unchanged.
    """
    if lang == DEFAULT or not english:
        return english
    return item.texts.get(lang, {}).get(name) or f"{english} {tr('wording.untranslated', lang)}"


def field_in(item: Translated, name: str, lang: str) -> str:
    """A translated field by its attribute name: ``field_in(contender, "summary", "ru")``."""
    return local(item, name, str(getattr(item, name, "") or ""), lang)


def contender_name(kb: KnowledgeBase, contender_id: str, lang: str) -> str:
    c = kb.contenders.get(contender_id)
    return field_in(c, "name", lang) if c else contender_id


def status_text(status: ContenderStatus, lang: str) -> str:
    return tr(f"wording.contender.{status.value}", lang)


def role_text(role: ContenderRole, lang: str) -> str:
    return tr(f"wording.role.{role.value}", lang)


def milestone_status_text(status: MilestoneStatus, lang: str) -> str:
    return tr(f"wording.milestone.{status.value}", lang)


def place_text(value: str, lang: str) -> str:
    """A country or nationality in ``lang`` when the catalogue knows it, else as written."""
    key = f"wording.place.{value}"
    return tr(key, lang) if value and lang != DEFAULT and key in catalogue() else value


# ---- dates, slips, sources ------------------------------------------------------------


def when_text(m: Milestone, style: DateStyle) -> str:
    return style.date(m.when, m.precision)


def milestone_line(kb: KnowledgeBase, m: Milestone, style: DateStyle, *, with_contender: bool = False) -> str:
    """One timeline line: icon, date, title, and the slip if there was one."""
    lang = style.lang
    who = f" ({contender_name(kb, m.contender, lang)})" if with_contender else ""
    line = f"{MILESTONE_ICONS[m.status]} {when_text(m, style)} — {field_in(m, 'title', lang)}{who}"
    slip = slip_text(m, style)
    if slip:
        line += f" · {slip}"
    if m.confidence.value == "rumour":
        line += tr("wording.rumour", lang)
    return line


def slip_text(m: Milestone, style: DateStyle) -> str:
    """ "was October 2021" for a milestone whose date moved, from its history."""
    earlier = [h for h in m.history if h.date and h.date != m.date]
    if not earlier:
        return ""
    first = earlier[0]
    when = style.date(parse_instant(first.date), first.precision)  # type: ignore[arg-type]
    return tr("wording.was", style.lang, date=when)


def sources_text(urls: Iterable[str], style: DateStyle, limit: int = MAX_SOURCES_SHOWN) -> str:
    urls = list(dict.fromkeys(urls))
    shown = [style.link(u) for u in urls[:limit]]
    more = tr("wording.more", style.lang, n=len(urls) - limit) if len(urls) > limit else ""
    return (" · ".join(shown) + more) if shown else tr("wording.no_source", style.lang)


def provenance(item: Fact | Milestone | Contender | Person | Contradiction, style: DateStyle | None = None) -> str:
    """ "reported, verified 2026-01-10"; in Russian the confidence in words and the day as a date."""
    lang = style.lang if style is not None else DEFAULT
    if lang == DEFAULT or style is None:
        verified = f", verified {item.verified}" if item.verified else ""
        return f"{item.confidence.value}{verified}"
    confidence = tr(f"wording.confidence.{item.confidence.value}", lang)
    if not item.verified:
        return confidence
    try:
        day = style.date(datetime.fromisoformat(item.verified[:10]).replace(tzinfo=UTC), Precision.DAY)
    except ValueError:
        day = item.verified
    return tr("wording.verified", lang, confidence=confidence, date=day)


def last_and_next(kb: KnowledgeBase, cid: str, now: datetime, style: DateStyle) -> list[str]:
    """Where a contender stands: its latest done milestone and its next dated one, with a countdown."""
    lang = style.lang
    lines = []
    last = kb.last_done(cid)
    if last:
        lines.append(tr("wording.last", lang, title=field_in(last, "title", lang), when=when_text(last, style)))
    nxt = kb.next_milestone(cid, now)
    if nxt and nxt.when:
        relative = style.relative(nxt.when, nxt.precision)
        title = field_in(nxt, "title", lang)
        lines.append(tr("wording.next", lang, title=title, when=when_text(nxt, style), relative=relative))
    else:
        lines.append(tr("wording.next_none", lang))
    return lines


def contradiction_text(d: Contradiction, style: DateStyle) -> str:
    """Each claim with its sources, then the reading of the disagreement, if any."""
    lang = style.lang
    lines = [
        f"• {local(d, f'claim:{i}', c.text, lang)} — {sources_text(c.sources, style, limit=3)}"
        for i, c in enumerate(d.claims)
    ]
    if d.note:
        lines.append(tr("wording.reading", lang, note=field_in(d, "note", lang)))
    return "\n".join(lines)


def _badge(confidence: str, lang: str = DEFAULT) -> str:
    key = f"wording.badge.{confidence}"
    return tr(key, lang) if key in catalogue() else confidence
