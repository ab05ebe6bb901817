"""What each question command shows, as cards: the race, a contender, a timeline, a person,
a comparison and the sources of a topic. Pure functions of the knowledge base, a clock and a
date style, so the console, Discord and the tests all see the same content.

Every card is in the reader's language, ``style.lang``: the frame from the catalogue
(:mod:`bot.ask.strings`), the items' own words from their translations (:func:`~bot.core.wording.local`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.ask import strings as _strings  # noqa: F401  (registers the cards' words)
from bot.ask.feedback import Miss, Missed
from bot.core.cards import Card, Colour, Field, Reply, paginate
from bot.core.dates import DateStyle
from bot.core.i18n import DEFAULT, tr, tr_n
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
    contender_name,
    contradiction_text,
    field_in,
    last_and_next,
    local,
    milestone_line,
    place_text,
    provenance,
    role_text,
    slip_text,
    sources_text,
    status_text,
    when_text,
)

# ---- /race ---------------------------------------------------------------------------


def race_overview(kb: KnowledgeBase, now: datetime, style: DateStyle) -> Reply:
    race, lang = kb.race, style.lang
    goal = local(race, "goal", race.goal, lang)
    lines = [goal] if goal else []
    winner = kb.contenders.get(race.winner)
    won = kb.milestones.get(race.winning_milestone)
    if winner and won:
        title = field_in(won, "title", lang)
        lines.append(
            tr("cards.race.first", lang, name=field_in(winner, "name", lang), title=title, when=when_text(won, style))
        )
    if race.summary:
        lines.append(local(race, "summary", race.summary, lang))
    if fresh := freshness_line(kb, style):
        lines.append(fresh)
    fields = [_standing_field(kb, c, now, style) for c in kb.contenders_in_order() if c.role is ContenderRole.CONTENDER]
    others = [c for c in kb.contenders_in_order() if c.role is not ContenderRole.CONTENDER]
    if others:
        fields.append(Field(tr("cards.race.others", lang), "\n".join(_other_line(kb, c, style) for c in others)))
    card = Card(
        title=local(race, "name", race.name, lang) or tr("cards.race.title", lang),
        description="\n\n".join(lines),
        fields=tuple(fields),
        footer=tr("cards.race.footer", lang),
        colour=Colour.RACE,
    )
    return Reply(pages=paginate(card, lang))


def freshness_line(kb: KnowledgeBase, style: DateStyle) -> str:
    """How fresh the knowledge is: the newest day any item was checked against its sources ("" if none)."""
    newest = max((i.verified for name in COLLECTIONS for i in getattr(kb, name).values() if i.verified), default="")
    try:
        checked = datetime.fromisoformat(newest[:10]).replace(tzinfo=UTC)
    except ValueError:
        return ""
    return tr("cards.race.fresh", style.lang, date=style.date(checked, Precision.DAY))


def _standing_field(kb: KnowledgeBase, c: Contender, now: datetime, style: DateStyle) -> Field:
    lang = style.lang
    where = place_text(c.country, lang) or tr("wording.international", lang)
    lines = [f"{CONTENDER_ICONS[c.status]} **{status_text(c.status, lang)}** · {where}"]
    return Field(field_in(c, "name", lang), "\n".join(lines + last_and_next(kb, c.id, now, style)))


def _other_line(kb: KnowledgeBase, c: Contender, style: DateStyle) -> str:
    first = kb.milestones_of(c.id)[:1]
    when = f" ({when_text(first[0], style)})" if first and first[0].date else ""
    return f"{CONTENDER_ICONS[c.status]} {field_in(c, 'name', style.lang)}{when} — {role_text(c.role, style.lang)}"


# ---- /contender ----------------------------------------------------------------------


def contender_card(kb: KnowledgeBase, cid: str, now: datetime, style: DateStyle) -> Reply:
    c, lang = kb.contenders[cid], style.lang
    status = f"{CONTENDER_ICONS[c.status]} {status_text(c.status, lang)} ({role_text(c.role, lang)})"
    fields = [
        Field(tr("cards.card.status", lang), status, inline=True),
        Field(tr("cards.card.country", lang), place_text(c.country, lang) or "—", inline=True),
    ]
    if c.organisations:
        fields.append(Field(tr("cards.card.organisations", lang), ", ".join(c.organisations)))
    people = kb.people_of(cid)
    if people:
        lines = [f"**{field_in(p, 'name', lang)}** — {_role_for(p, cid, lang)}" for p in people]
        fields.append(Field(tr("cards.card.people", lang), "\n".join(lines)))
    milestones = kb.milestones_of(cid)
    if milestones:
        fields.append(
            Field(tr("cards.card.milestones", lang), "\n".join(milestone_line(kb, m, style) for m in milestones))
        )
    nxt = kb.next_milestone(cid, now)
    if nxt and nxt.when:
        when = f"{when_text(nxt, style)} ({style.relative(nxt.when, nxt.precision)})"
        fields.append(Field(tr("cards.card.next", lang), f"{field_in(nxt, 'title', lang)} — {when}"))
    disputes = kb.contradictions_of(cid)
    if disputes:
        fields.append(
            Field(tr("cards.card.disputes", lang), "\n".join(f"• {field_in(d, 'title', lang)}" for d in disputes))
        )
    fields.append(Field(tr("cards.card.sources", lang), f"{sources_text(c.sources, style)}\n({provenance(c, style)})"))
    aliases = tr("cards.card.aliases", lang, names=", ".join(c.aliases)) if c.aliases else ""
    card = Card(
        title=field_in(c, "name", lang),
        description="\n\n".join(x for x in (field_in(c, "summary", lang), aliases) if x),
        fields=tuple(fields),
        footer=tr("cards.contender.footer", lang),
        colour=Colour.WON if c.status is ContenderStatus.WON else Colour.INFO,
    )
    return Reply(pages=paginate(card, lang))


def _role_for(p: Person, cid: str, lang: str = DEFAULT) -> str:
    return "; ".join(local(p, f"role:{r.contender}", r.role, lang) for r in p.roles if r.contender == cid)


# ---- /timeline -----------------------------------------------------------------------


def timeline_card(
    kb: KnowledgeBase,
    cid: str | None,
    style: DateStyle,
    *,
    image: str = "",
    years: tuple[int | None, int | None] = (None, None),
) -> Reply:
    lang = style.lang
    milestones = [m for m in kb.milestones_of(cid) if _in_years(m, years)]
    title = (
        tr("cards.timeline.of", lang, name=contender_name(kb, cid, lang)) if cid else tr("cards.timeline.race", lang)
    )
    lines = [milestone_line(kb, m, style, with_contender=cid is None) for m in milestones]
    slipped = sum(1 for m in milestones if m.status is MilestoneStatus.SLIPPED or slip_text(m, style))
    footer = tr(
        "cards.timeline.footer",
        lang,
        milestones=tr_n("cards.timeline.milestones", len(milestones), lang),
        moved=tr_n("cards.timeline.moved", slipped, lang),
        legend=tr("cards.timeline.legend", lang),
    )
    card = Card(
        title=title,
        description="\n".join(lines) or tr("cards.timeline.empty", lang),
        footer=footer,
        colour=Colour.RACE,
        image=image,
    )
    return Reply(pages=paginate(card, lang))


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
    p, lang = kb.people[pid], style.lang
    roles = "\n".join(
        f"**{contender_name(kb, r.contender, lang)}**: {local(p, f'role:{r.contender}', r.role, lang)}" for r in p.roles
    )
    fields = [Field(tr("cards.person.roles", lang), roles or "—")]
    if p.nationality:
        fields.append(Field(tr("cards.person.nationality", lang), place_text(p.nationality, lang), inline=True))
    if p.aliases:
        fields.append(Field(tr("cards.person.aliases", lang), ", ".join(p.aliases), inline=True))
    fields.append(Field(tr("cards.card.sources", lang), f"{sources_text(p.sources, style)}\n({provenance(p, style)})"))
    card = Card(
        title=field_in(p, "name", lang),
        description=field_in(p, "summary", lang),
        fields=tuple(fields),
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card, lang))


# ---- /compare ------------------------------------------------------------------------


def compare_card(kb: KnowledgeBase, a: str, b: str, now: datetime, style: DateStyle) -> Reply:
    left, right, lang = kb.contenders[a], kb.contenders[b], style.lang

    def people(c: Contender) -> str:
        return ", ".join(field_in(p, "name", lang) for p in kb.people_of(c.id)[:8]) or "—"

    rows = [
        ("cards.card.status", lambda c: f"{CONTENDER_ICONS[c.status]} {status_text(c.status, lang)}"),
        ("cards.card.country", lambda c: place_text(c.country, lang) or "—"),
        ("cards.card.organisations", lambda c: ", ".join(c.organisations) or "—"),
        ("cards.compare.launch", lambda c: _kind_text(kb, c.id, MilestoneKind.LAUNCH, style)),
        ("cards.compare.release", lambda c: _kind_text(kb, c.id, MilestoneKind.RELEASE, style)),
        ("cards.compare.latest", lambda c: _milestone_or_dash(kb.last_done(c.id), style)),
        ("cards.card.next", lambda c: _milestone_or_dash(kb.next_milestone(c.id, now), style)),
        ("cards.card.people", people),
    ]
    left_name, right_name = field_in(left, "name", lang), field_in(right, "name", lang)
    fields: list[Field] = []
    for key, get in rows:
        label = tr(key, lang)
        fields.append(Field(f"{label} · {left_name}", get(left), inline=True))
        fields.append(Field(f"{label} · {right_name}", get(right), inline=True))
        fields.append(Field("\u200b", "\u200b", inline=True))  # forces a new row in Discord
    card = Card(
        title=tr("cards.compare.title", lang, a=left_name, b=right_name),
        description=f"{field_in(left, 'summary', lang)}\n\n{field_in(right, 'summary', lang)}".strip(),
        fields=tuple(fields[:-1]),
        colour=Colour.RACE,
    )
    return Reply(pages=paginate(card, lang))


def _kind_text(kb: KnowledgeBase, cid: str, kind: MilestoneKind, style: DateStyle) -> str:
    found = [m for m in kb.milestones_of(cid) if m.kind is kind]
    lines = [
        f"{MILESTONE_ICONS[m.status]} {field_in(m, 'title', style.lang)}: {when_text(m, style)}" for m in found[:3]
    ]
    return "\n".join(lines) or "—"


def _milestone_or_dash(m: Milestone | None, style: DateStyle) -> str:
    return f"{field_in(m, 'title', style.lang)} — {when_text(m, style)}" if m else "—"


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
    lang = style.lang
    facts, disputes = topic_items(kb, topic)
    if topic in kb.contenders and lang != DEFAULT:
        label = contender_name(kb, topic, lang)
    fields = [
        Field(tr("cards.sources.disagree", lang, title=field_in(d, "title", lang)), contradiction_text(d, style))
        for d in disputes
    ]
    fields += [
        Field(
            f"{_badge(f.confidence.value, lang)} {_fact_date(f, style)}",
            f"{field_in(f, 'text', lang)}\n{sources_text(f.sources, style)}",
        )
        for f in facts
    ]
    count = tr(
        "cards.sources.count",
        lang,
        facts=tr_n("cards.sources.facts", len(facts), lang),
        disputes=tr_n("cards.sources.disputes", len(disputes), lang),
    )
    card = Card(
        title=tr("cards.sources.title", lang, label=label),
        description=count,
        fields=tuple(fields),
        footer=tr("cards.sources.footer", lang),
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card, lang))


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _fact_date(f: Fact, style: DateStyle) -> str:
    """A fact's free-text date; in Russian a plain ISO day or month is spoken as a date ("5 октября 2021")."""
    if not f.date:
        return tr("cards.sources.undated", style.lang)
    match = _ISO_DATE.fullmatch(f.date.strip())
    if style.lang == DEFAULT or match is None:
        return f.date
    year, month, day = match.groups()
    precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
    try:
        when = datetime(int(year), int(month or 1), int(day or 1), tzinfo=UTC)
    except ValueError:
        return f.date
    return style.date(when, precision)


# ---- /help ---------------------------------------------------------------------------

# The commands in the order /help lists them: "help.<name>.name" is how the command is written (as the
# reader's Discord shows it), "help.<name>" what it does.
COMMANDS: tuple[str, ...] = ("race", "contender", "timeline", "person", "compare", "ask", "sources", "menu", "help")


def help_card(lang: str = DEFAULT) -> Reply:
    text = "\n".join(
        f"**{tr(f'cards.help.{name}.name', lang)}** — {tr(f'cards.help.{name}', lang)}" for name in COMMANDS
    )
    card = Card(
        title=tr("cards.help.title", lang),
        description=text + "\n\n" + tr("cards.help.footnote", lang),
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card, lang), ephemeral=True)


# ---- /facts questions and `race-bot questions` ------------------------------------------


def missed_questions_reply(missed: list[Missed], lang: str = DEFAULT) -> Reply:
    """The questions members asked that the bot declined or got a 👎 for, most frequent first."""
    if not missed:
        return Reply(pages=[Card(title=tr("cards.missed.title", lang), description=tr("cards.missed.none", lang))])
    lines = []
    for i, m in enumerate(missed, 1):
        what = (
            tr("cards.missed.declined", lang)
            if m.miss is Miss.DECLINED
            else tr("cards.missed.down", lang, answered=m.answered)
        )
        lines.append(
            tr("cards.missed.line", lang, i=i, question=m.question, count=m.count, what=what, last=m.last[:10])
        )
    card = Card(
        title=tr("cards.missed.title", lang),
        description="\n".join(lines),
        footer=tr("cards.missed.footer", lang),
        colour=Colour.INFO,
    )
    return Reply(pages=paginate(card, lang), ephemeral=True)
