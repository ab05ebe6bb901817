"""Phrases shared by every card and every alert: dates, slips, sources, provenance, icons.

Defined once so a milestone reads the same in /timeline, in an /ask answer and in an alert.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.core.dates import DateStyle
from bot.core.kb import KnowledgeBase
from bot.core.models import (
    Contender,
    ContenderStatus,
    Contradiction,
    Fact,
    Milestone,
    MilestoneStatus,
    Person,
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


def when_text(m: Milestone, style: DateStyle) -> str:
    return style.date(m.when, m.precision)


def milestone_line(kb: KnowledgeBase, m: Milestone, style: DateStyle, *, with_contender: bool = False) -> str:
    """One timeline line: icon, date, title, and the slip if there was one."""
    who = f" ({kb.contender_name(m.contender)})" if with_contender else ""
    line = f"{MILESTONE_ICONS[m.status]} {when_text(m, style)} — {m.title}{who}"
    slip = slip_text(m, style)
    if slip:
        line += f" · {slip}"
    if m.confidence.value == "rumour":
        line += " · ⚠ rumour"
    return line


def slip_text(m: Milestone, style: DateStyle) -> str:
    """ "was October 2021" for a milestone whose date moved, from its history."""
    earlier = [h for h in m.history if h.date and h.date != m.date]
    if not earlier:
        return ""
    first = earlier[0]
    return f"was {style.date(parse_instant(first.date), first.precision)}"  # type: ignore[arg-type]


def sources_text(urls: Iterable[str], style: DateStyle, limit: int = MAX_SOURCES_SHOWN) -> str:
    urls = list(dict.fromkeys(urls))
    shown = [style.link(u) for u in urls[:limit]]
    more = f" (+{len(urls) - limit} more)" if len(urls) > limit else ""
    return (" · ".join(shown) + more) if shown else "no source recorded"


def provenance(item: Fact | Milestone | Contender | Person | Contradiction) -> str:
    verified = f", verified {item.verified}" if item.verified else ""
    return f"{item.confidence.value}{verified}"


def last_and_next(kb: KnowledgeBase, cid: str, now: datetime, style: DateStyle) -> list[str]:
    """Where a contender stands: its latest done milestone and its next dated one, with a countdown."""
    lines = []
    last = kb.last_done(cid)
    if last:
        lines.append(f"Last: {last.title} — {when_text(last, style)}")
    nxt = kb.next_milestone(cid, now)
    if nxt and nxt.when:
        lines.append(f"Next: {nxt.title} — {when_text(nxt, style)} ({style.relative(nxt.when, nxt.precision)})")
    else:
        lines.append("Next: no dated milestone ahead")
    return lines


def contradiction_text(d: Contradiction, style: DateStyle) -> str:
    lines = [f"• {c.text} — {sources_text(c.sources, style, limit=3)}" for c in d.claims]
    if d.note:
        lines.append(f"Reading: {d.note}")
    return "\n".join(lines)


def _badge(confidence: str) -> str:
    return {"confirmed": "✔ confirmed", "reported": "• reported", "rumour": "⚠ rumour"}.get(confidence, confidence)
