"""What each question command shows, as cards: the race, a contender, a timeline, a person,
a comparison and the sources of a topic. Pure functions of the knowledge base, a clock and a
date style, so the console, Discord and the tests all see the same content.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.ask.feedback import Miss, Missed
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.dates import DateStyle
from bot.core.kb import COLLECTIONS, KnowledgeBase
from bot.core.models import (
    Contender,
    ContenderRole,
    ContenderStatus,
    Contradiction,
    Fact,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Person,
    Precision,
)
from bot.core.text import normalize
from bot.core.wording import (
    CONTENDER_ICONS,
    MILESTONE_ICONS,
    _badge,
    contradiction_text,
    last_and_next,
    milestone_line,
    provenance,
    slip_text,
    sources_text,
    when_text,
)

# ---- /race ---------------------------------------------------------------------------


def race_overview(kb: KnowledgeBase, now: datetime, style: DateStyle) -> Reply:
    race = kb.race
    lines = [race.goal] if race.goal else []
    winner = kb.contenders.get(race.winner)
    won = kb.milestones.get(race.winning_milestone)
    if winner and won:
        lines.append(f"🏆 **First: {winner.name}** — {won.title}, {when_text(won, style)}.")
    if race.summary:
        lines.append(race.summary)
    if fresh := freshness_line(kb, style):
        lines.append(fresh)
    fields = [_standing_field(kb, c, now, style) for c in kb.contenders_in_order() if c.role is ContenderRole.CONTENDER]
    others = [c for c in kb.contenders_in_order() if c.role is not ContenderRole.CONTENDER]
    if others:
        fields.append(Field("Precedents and related firsts", "\n".join(_other_line(kb, c, style) for c in others)))
    card = Card(
        title=race.name or "The race",
        description="\n\n".join(lines),
        fields=tuple(fields),
        footer="Ask /contender, /timeline, /compare or /ask for details · /sources TOPIC for the evidence",
        colour=Colour.RACE,
    )
    return Reply(pages=paginate(card))


def freshness_line(kb: KnowledgeBase, style: DateStyle) -> str:
    """How fresh the knowledge is: the newest day any item was checked against its sources ("" if none)."""
    newest = max((i.verified for name in COLLECTIONS for i in getattr(kb, name).values() if i.verified), default="")
    try:
        checked = datetime.fromisoformat(newest[:10]).replace(tzinfo=UTC)
    except ValueError:
        return ""
    return f"_Facts checked up to {style.date(checked, Precision.DAY)}._"


def _standing_field(kb: KnowledgeBase, c: Contender, now: datetime, style: DateStyle) -> Field:
    lines = [f"{CONTENDER_ICONS[c.status]} **{c.status.value}** · {c.country or 'international'}"]
    return Field(c.name, "\n".join(lines + last_and_next(kb, c.id, now, style)))


def _other_line(kb: KnowledgeBase, c: Contender, style: DateStyle) -> str:
    first = kb.milestones_of(c.id)[:1]
    when = f" ({when_text(first[0], style)})" if first and first[0].date else ""
    return f"{CONTENDER_ICONS[c.status]} {c.name}{when} — {c.role.value}"


# ---- /contender ----------------------------------------------------------------------


def contender_card(kb: KnowledgeBase, cid: str, now: datetime, style: DateStyle) -> Reply:
    c = kb.contenders[cid]
    fields = [
        Field("Status", f"{CONTENDER_ICONS[c.status]} {c.status.value} ({c.role.value})", inline=True),
        Field("Country", c.country or "—", inline=True),
    ]
    if c.organisations:
        fields.append(Field("Organisations", ", ".join(c.organisations)))
    people = kb.people_of(cid)
    if people:
        fields.append(Field("People", "\n".join(f"**{p.name}** — {_role_for(p, cid)}" for p in people)))
    milestones = kb.milestones_of(cid)
    if milestones:
        fields.append(Field("Milestones", "\n".join(milestone_line(kb, m, style) for m in milestones)))
    nxt = kb.next_milestone(cid, now)
    if nxt and nxt.when:
        fields.append(
            Field("Next", f"{nxt.title} — {when_text(nxt, style)} ({style.relative(nxt.when, nxt.precision)})")
        )
    disputes = kb.contradictions_of(cid)
    if disputes:
        fields.append(Field("Sources disagree on", "\n".join(f"• {d.title}" for d in disputes)))
    fields.append(Field("Sources", f"{sources_text(c.sources, style)}\n({provenance(c)})"))
    aliases = f"Also known as: {', '.join(c.aliases)}" if c.aliases else ""
    card = Card(
        title=c.name,
        description="\n\n".join(x for x in (c.summary, aliases) if x),
        fields=tuple(fields),
        footer="/timeline for every date · /sources TOPIC for the evidence",
        colour=Colour.WON if c.status is ContenderStatus.WON else Colour.INFO,
    )
    return Reply(pages=paginate(card))


def _role_for(p: Person, cid: str) -> str:
    return "; ".join(r.role for r in p.roles if r.contender == cid)


# ---- /timeline -----------------------------------------------------------------------


def timeline_card(
    kb: KnowledgeBase,
    cid: str | None,
    style: DateStyle,
    *,
    image: str = "",
    years: tuple[int | None, int | None] = (None, None),
) -> Reply:
    milestones = [m for m in kb.milestones_of(cid) if _in_years(m, years)]
    title = f"Timeline: {kb.contender_name(cid)}" if cid else "Timeline of the race"
    lines = [milestone_line(kb, m, style, with_contender=cid is None) for m in milestones]
    slipped = sum(1 for m in milestones if m.status is MilestoneStatus.SLIPPED or slip_text(m, style))
    legend = "✅ done · 📌 confirmed · 🗓️ planned · ↪️ slipped · ❌ cancelled · ❔ unknown"
    card = Card(
        title=title,
        description="\n".join(lines) or "No milestones recorded yet.",
        footer=f"{len(milestones)} milestones, {slipped} moved · {legend}",
        colour=Colour.RACE,
        image=image,
    )
    return Reply(pages=paginate(card))


def _in_years(m: Milestone, years: tuple[int | None, int | None]) -> bool:
    start, end = years
    if start is None and end is None:
        return True
    when = m.when
    if when is None:
        return False
    return (start is None or when.year >= start) and (end is None or when.year <= end)


# ---- /person -------------------------------------------------------------------------


def person_card(kb: KnowledgeBase, pid: str, style: DateStyle) -> Reply:
    p = kb.people[pid]
    roles = "\n".join(f"**{kb.contender_name(r.contender)}**: {r.role}" for r in p.roles) or "—"
    fields = [Field("Roles", roles)]
    if p.nationality:
        fields.append(Field("Nationality", p.nationality, inline=True))
    if p.aliases:
        fields.append(Field("Also written", ", ".join(p.aliases), inline=True))
    fields.append(Field("Sources", f"{sources_text(p.sources, style)}\n({provenance(p)})"))
    card = Card(title=p.name, description=p.summary, fields=tuple(fields), colour=Colour.INFO)
    return Reply(pages=paginate(card))


# ---- /compare ------------------------------------------------------------------------


def compare_card(kb: KnowledgeBase, a: str, b: str, now: datetime, style: DateStyle) -> Reply:
    left, right = kb.contenders[a], kb.contenders[b]
    rows = [
        ("Status", lambda c: f"{CONTENDER_ICONS[c.status]} {c.status.value}"),
        ("Country", lambda c: c.country or "—"),
        ("Organisations", lambda c: ", ".join(c.organisations) or "—"),
        ("Launch", lambda c: _kind_text(kb, c.id, MilestoneKind.LAUNCH, style)),
        ("Release", lambda c: _kind_text(kb, c.id, MilestoneKind.RELEASE, style)),
        ("Latest done", lambda c: _milestone_or_dash(kb.last_done(c.id), style)),
        ("Next", lambda c: _milestone_or_dash(kb.next_milestone(c.id, now), style)),
        ("People", lambda c: ", ".join(p.name for p in kb.people_of(c.id)[:8]) or "—"),
    ]
    fields: list[Field] = []
    for label, get in rows:
        fields.append(Field(f"{label} · {left.name}", get(left), inline=True))
        fields.append(Field(f"{label} · {right.name}", get(right), inline=True))
        fields.append(Field("\u200b", "\u200b", inline=True))  # forces a new row in Discord
    card = Card(
        title=f"{left.name} vs {right.name}",
        description=f"{left.summary}\n\n{right.summary}".strip(),
        fields=tuple(fields[:-1]),
        colour=Colour.RACE,
    )
    return Reply(pages=paginate(card))


def _kind_text(kb: KnowledgeBase, cid: str, kind: MilestoneKind, style: DateStyle) -> str:
    found = [m for m in kb.milestones_of(cid) if m.kind is kind]
    return "\n".join(f"{MILESTONE_ICONS[m.status]} {m.title}: {when_text(m, style)}" for m in found[:3]) or "—"


def _milestone_or_dash(m: Milestone | None, style: DateStyle) -> str:
    return f"{m.title} — {when_text(m, style)}" if m else "—"


# ---- /sources ------------------------------------------------------------------------


def topic_items(kb: KnowledgeBase, topic: str) -> tuple[list[Fact], list[Contradiction]]:
    """Facts and contradictions filed under a topic, or about a contender id."""
    key = normalize(topic)
    if topic in kb.contenders:
        return kb.facts_of(topic), kb.contradictions_of(topic)
    facts = [f for f in kb.facts.values() if key in {normalize(t) for t in f.topics}]
    disputes = [c for c in kb.contradictions.values() if key in {normalize(t) for t in c.topics}]
    return facts, disputes


def sources_card(kb: KnowledgeBase, topic: str, label: str, style: DateStyle) -> Reply:
    facts, disputes = topic_items(kb, topic)
    fields = [Field(f"⚖️ Sources disagree: {d.title}", contradiction_text(d, style)) for d in disputes]
    fields += [
        Field(f"{_badge(f.confidence.value)} {f.date or 'undated'}", f"{f.text}\n{sources_text(f.sources, style)}")
        for f in facts
    ]
    card = Card(
        title=f"Sources: {label}",
        description=f"{len(facts)} fact(s) and {len(disputes)} contradiction(s) on this topic.",
        fields=tuple(fields),
        footer="confirmed = two or more independent sources or an official record · reported = one "
        "report · rumour = anonymous or contested",
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card))


# ---- /help ---------------------------------------------------------------------------

COMMANDS: list[tuple[str, str]] = [
    ("/race", "The overview: who got there first, where each contender stands, what is next."),
    ("/contender NAME", "One contender: status, people, milestones, disputes, sources."),
    ("/timeline [CONTENDER]", "Every milestone in order, with status and slips."),
    ("/person NAME", "Who someone is and their role in the race."),
    ("/compare A B", "Two contenders side by side."),
    ("/ask QUESTION", "A free-text question, typos welcome: “when did peresild launch?”"),
    ("/sources TOPIC", "The evidence on a topic, with contradictions shown side by side."),
    ("Ask race-bot", "Right-click a message → Apps → Ask race-bot: checks what someone posted, answered only to you."),
    ("/help", "This list. Under every /ask answer, 👍 / 👎 tell the admins what the bot got right or wrong."),
]


def help_card() -> Reply:
    text = "\n".join(f"**{name}** — {what}" for name, what in COMMANDS)
    card = Card(
        title="race-bot commands",
        description=text + "\n\nDates show in your own time zone. Every answer lists its sources and "
        "how sure they are (confirmed, reported, rumour).",
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card), ephemeral=True)


# ---- /facts questions and `race-bot questions` ------------------------------------------


def missed_questions_reply(missed: list[Missed]) -> Reply:
    """The questions members asked that the bot declined or got a 👎 for, most frequent first."""
    if not missed:
        return Reply(pages=[Card(title="Missed questions", description="No declined or 👎 questions kept.")])
    lines = []
    for i, m in enumerate(missed, 1):
        what = "declined" if m.miss is Miss.DECLINED else f"👎 on {m.answered}"
        lines.append(f"**{i}.** “{m.question}” — {m.count}× ({what}; last {m.last[:10]})")
    card = Card(
        title="Missed questions",
        description="\n".join(lines),
        footer="Attach one to the item that answers it: /facts question add KIND NAME QUESTION",
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card), ephemeral=True)
