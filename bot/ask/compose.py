"""Turning what the engine found into the answer a member reads: the answer first, then the evidence.

One composer per kind of item; the "sources disagree" line only for a contradiction about the
very detail answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.ask.index import Doc
from bot.ask.understand import Reading, RoleHit
from bot.core.dates import DateStyle
from bot.core.kb import KnowledgeBase
from bot.core.models import Contender, Milestone, Standing
from bot.core.wording import contradiction_text, last_and_next, slip_text, sources_text, when_text


@dataclass
class Answer:
    """The engine's verdict: an answer with its sources, or a polite decline."""

    question: str
    answered: bool
    text: str
    sources: list[str] = field(default_factory=list)
    confidence: str = ""
    verified: str = ""
    kind: str = ""
    item_id: str = ""
    intent: str = "what"
    score: float = 0.0
    coverage: float = 0.0
    suggestions: list[str] = field(default_factory=list)


def decline(question: str, intent: str) -> Answer:
    return Answer(
        question=question,
        answered=False,
        intent=intent,
        text="I don't know that one from the sources I have, and I'd rather not guess. "
        "Try /race for the overview, /timeline for dates, /contender or /person for details, "
        "or /sources TOPIC for the evidence.",
        suggestions=["/race", "/timeline", "/contender", "/person", "/sources"],
    )


def compose(kb: KnowledgeBase, question: str, doc: Doc, intent: str, style: DateStyle, now: datetime) -> Answer:
    """The answer for one document: its text first, then its sources and confidence."""
    if doc.kind == "milestone":
        m = kb.milestones[doc.id]
        text = _milestone_answer(kb, m, style, now)
        item = m
    elif doc.kind == "fact":
        f = kb.facts[doc.id]
        text = f.text + (f" ({f.date})" if f.date else "")
        if f.answer and f.answer != f.text:
            text = f"**{f.answer}**\n{text}"
        item = f
    elif doc.kind == "person":
        p = kb.people[doc.id]
        roles = "; ".join(f"{r.role} ({kb.contender_name(r.contender)})" for r in p.roles)
        text = f"**{p.name}** — {roles}." + (f" {p.summary}" if p.summary else "")
        item = p
    elif doc.kind == "contender":
        c = kb.contenders[doc.id]
        text = _contender_answer(kb, c, style, now)
        item = c
    elif doc.kind == "contradiction":
        d = kb.contradictions[doc.id]
        text = f"⚖️ Sources disagree — **{d.title}**\n{contradiction_text(d, style)}"
        item = d
    else:
        return race_answer(kb, question, style, intent)
    text += dispute_note(kb, doc)
    return Answer(
        question=question,
        answered=True,
        text=text,
        sources=list(item.sources),
        confidence=item.confidence.value,
        verified=item.verified,
        kind=doc.kind,
        item_id=doc.id,
        intent=intent,
    )


def race_answer(kb: KnowledgeBase, question: str, style: DateStyle, intent: str) -> Answer:
    race = kb.race
    winner = kb.contenders.get(race.winner)
    won = kb.milestones.get(race.winning_milestone)
    head = ""
    if winner and won:
        head = f"🏆 **{winner.name}** got there first: {won.title}, {when_text(won, style)}. "
    return Answer(
        question=question,
        answered=True,
        text=head + race.summary,
        sources=list(race.sources),
        confidence="confirmed",
        kind="race",
        item_id="race",
        intent=intent,
    )


def dispute_note(kb: KnowledgeBase, doc: Doc) -> str:
    """A contradiction about the very detail answered (same attribute, same subject), never a neighbour's."""
    if doc.kind not in ("fact", "milestone"):
        return ""
    ref = f"{doc.kind}:{doc.id}"
    item = kb.facts.get(doc.id) if doc.kind == "fact" else None
    for d in kb.contradictions.values():
        if item is not None and item.attribute:
            if d.attribute == item.attribute and set(d.subjects) & set(item.subjects):
                break
        elif ref in d.subjects and d.attribute in ("date", "launch", "landing", "docking", "undocking"):
            break
    else:
        return ""
    topic = d.topics[0] if d.topics else d.title
    return f"\n⚖️ Sources disagree on this: {d.title} (see /sources {topic})."


def role_answer(kb: KnowledgeBase, question: str, reading: Reading, hits: list[RoleHit], intent: str) -> Answer:
    """ "Klim Shipenko was the director of The Challenge." first, then each holder's role in words."""
    contender = kb.contender_name(hits[0].role.contender)
    names = " and ".join(f"**{h.person.name}**" for h in hits[:4])
    what = reading.functions[0].replace("-", " ") if reading.functions[0] != "*" else "member"
    if reading.lead and "actor" in reading.functions:
        what = "lead actor"
    if reading.standing is Standing.BACKUP:
        what = "backup" if what == "member" else f"backup {what}"
    verb = "were" if len(hits) > 1 else "was"
    lines = [f"{names} {verb} the {what} of {contender}."]
    lines += [f"• {h.person.name}: {h.role.role}." for h in hits[:4]]
    first = hits[0].person
    return Answer(
        question=question,
        answered=True,
        text="\n".join(lines),
        sources=list(dict.fromkeys(u for h in hits[:4] for u in h.person.sources)),
        confidence=first.confidence.value,
        verified=first.verified,
        kind="person",
        item_id=first.id,
        intent=intent,
    )


def _milestone_answer(kb: KnowledgeBase, m: Milestone, style: DateStyle, now: datetime) -> str:
    line = f"**{m.title}** ({kb.contender_name(m.contender)}): {when_text(m, style)} — {m.status.value}."
    extra = [
        x
        for x in (f"Vehicle: {m.vehicle}." if m.vehicle else "", f"Where: {m.location}." if m.location else "", m.note)
        if x
    ]
    slip = slip_text(m, style)
    if slip:
        extra.append(f"The date moved: it {slip}.")
    return " ".join([line, *extra])


def _contender_answer(kb: KnowledgeBase, c: Contender, style: DateStyle, now: datetime) -> str:
    return "\n".join(
        [f"**{c.name}** — status: **{c.status.value}**. {c.summary}", *last_and_next(kb, c.id, now, style)]
    )


def answer_sources_text(answer: Answer, style: DateStyle) -> str:
    if not answer.answered:
        return ""
    prov = f"{answer.confidence}, verified {answer.verified}" if answer.verified else answer.confidence
    return f"{sources_text(answer.sources, style)}\n({prov})"
