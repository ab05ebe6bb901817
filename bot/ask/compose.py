"""Turning what the engine found into the answer a member reads: the answer first, then the evidence.

One composer per kind of item; the "sources disagree" line only for a contradiction about the
very detail answered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from bot.ask.index import Doc
from bot.ask.understand import Reading, RoleHit
from bot.ask.vocabulary import YES_NO_START
from bot.core.dates import DateStyle
from bot.core.kb import KnowledgeBase
from bot.core.models import (
    Contender,
    Contradiction,
    Fact,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Person,
    PersonRole,
    Sourced,
    Standing,
)
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


def answered(
    question: str, text: str, kind: str, item: Sourced, intent: str, *, sources: Iterable[str] | None = None
) -> Answer:
    """An answer about one item: its text, and the item's sources (or those given), confidence and date checked."""
    return Answer(
        question=question,
        answered=True,
        text=text,
        sources=list(dict.fromkeys(item.sources if sources is None else sources)),
        confidence=item.confidence.value,
        verified=item.verified,
        kind=kind,
        item_id=getattr(item, "id", ""),
        intent=intent,
    )


def compose(
    kb: KnowledgeBase, question: str, doc: Doc, intent: str, style: DateStyle, now: datetime, *, affirm: bool = False
) -> Answer:
    """The answer for one document: its text first, then its sources and confidence.

    ``affirm``: the item covers everything the question asks, so a yes/no question it does not
    negate is answered "Yes"."""
    item: Milestone | Fact | Person | Contender | Contradiction
    if doc.kind == "milestone":
        m = kb.milestones[doc.id]
        text = _milestone_answer(kb, m, style, now)
        item = m
    elif doc.kind == "fact":
        f = kb.facts[doc.id]
        if is_gap(f):
            return gap_decline(question, f, intent)
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
    text = yes_or_no(question, item, text, affirm=affirm) + dispute_note(kb, doc)
    return answered(question, text, doc.kind, item, intent)


GAP = re.compile(
    r"^(No source (found|was found|gives|says|reports)\b|The sources?( used)? (do|does) not (state|say|give)\b)",
    re.IGNORECASE,
)


def is_gap(fact: Fact) -> bool:
    """A fact recording what the sources do not say ("No source found says …"): knowledge of a gap."""
    return bool(GAP.match(fact.text))


def gap_decline(question: str, fact: Fact, intent: str) -> Answer:
    """ "I don't know", with what the knowledge base knows about not knowing: the sources are silent."""
    answer = decline(question, intent)
    answer.text = f"I don't know: {fact.text[0].lower()}{fact.text[1:]}\n{answer.text}"
    answer.kind, answer.item_id = "fact", fact.id
    return answer


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
    verb, what = ("were", f"{what}s") if len(hits) > 1 else ("was", what)
    lines = [f"{names} {verb} the {what} of {contender}."]
    lines += [f"• {h.person.name}: {h.role.role}." for h in hits[:4]]
    first = hits[0].person
    sources = (u for h in hits[:4] for u in h.person.sources)
    return answered(question, "\n".join(lines), "person", first, intent, sources=sources)


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


NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|rather than|instead of|would have|wrongly|mistakenly|falsely)\b|n't\b", re.IGNORECASE
)


def yes_or_no(question: str, item: object, text: str, *, affirm: bool = False) -> str:
    """A yes/no question gets "Yes —" or "No —" first, but only where the answer itself says which.

    A fact recorded as a yes/no answer says it in its value; otherwise a plain negation in the
    answer's first sentence ("Cruise and Liman were not aboard") reads as "No". "Yes" from a
    statement only when the engine says the item covers the whole question (``affirm``); questions
    that are themselves negative are left alone.
    """
    if not YES_NO_START.search(question) or NEGATION.search(question) or re.match(r"\W*(yes|no)\b", text, re.I):
        return text
    if isinstance(item, Fact) and item.answer_kind == "yesno":
        value = item.value.casefold()
        if re.search(r"\b(no|not|never)\b", value):
            return f"**No** — {text}"
        if re.search(r"\byes\b", value):
            return f"**Yes** — {text}"
        return text
    if (
        isinstance(item, Milestone)
        and item.status in NOT_HAPPENED
        and HAPPENED.search(question)
        and not ABOUT_THE_PLAN.search(question)
    ):
        return f"**No** — {text}"  # "did X launch": it has not (yet); the status says so
    first_sentence = re.split(r"(?<=[.!?])\s", text.replace("**", ""), maxsplit=1)[0]
    if NEGATION.search(first_sentence):
        return f"**No** — {text}"
    return f"**Yes** — {text}" if affirm else text


NOT_HAPPENED = frozenset({MilestoneStatus.PLANNED, MilestoneStatus.SLIPPED, MilestoneStatus.CANCELLED})
# "did it launch / happen / ever take place": answered by whether the event is done
HAPPENED = re.compile(
    r"\b(happen|took place|take place|launch|land|fly|flew|dock|premiere|come out|release)", re.IGNORECASE
)
# …unless it asks about the plan itself: "was the flight planned for october", "did it slip"
ABOUT_THE_PLAN = re.compile(r"\b(plan|planned|supposed|meant|schedul|delay|slip|postpon|cancel|target)", re.IGNORECASE)


def key_milestone(
    kb: KnowledgeBase, contender_id: str, kind: MilestoneKind | None = None, *, flown_only: bool = False
) -> Milestone | None:
    """The date a contender is compared by: its first milestone of the kind asked about ("who announced
    first"), else the first time it reached orbit (none when ``flown_only`` and it never did)."""
    dated = [m for m in kb.milestones_of(contender_id) if m.when]
    if kind is not None:
        return min((m for m in dated if m.kind is kind), key=_when, default=None)
    reached = [m for m in dated if m.status is MilestoneStatus.DONE and _in_orbit(m)]
    return min(reached or ([] if flown_only else dated), key=_when, default=None)


def _in_orbit(m: Milestone) -> bool:
    """What the race is about: a crewed flight that happened, or filming that was done up there."""
    return (m.kind is MilestoneKind.LAUNCH and m.crewed) or m.kind is MilestoneKind.FILMING


def _when(m: Milestone) -> datetime:
    return m.when or datetime.max.replace(tzinfo=UTC)


class Side(NamedTuple):
    """One side of a comparison: its contender, the event it is compared by, and who, if a person."""

    contender: str
    milestone: Milestone | None
    person: str = ""  # the person's name when the side named a person ("peresild or tom cruise")


def _side_name(kb: KnowledgeBase, side: Side) -> str:
    return side.person or kb.contender_name(side.contender)


def only_one_flew(kb: KnowledgeBase, question: str, flown: Side, other: Side, intent: str, style: DateStyle) -> Answer:
    """ "Which came first" when only one side ever flew: that one, and that the other has not."""
    assert flown.milestone is not None
    m = flown.milestone
    text = f"**{_side_name(kb, flown)}** came first: {m.title}, {when_text(m, style)}. "
    text += f"{_side_name(kb, other)} has not flown."
    return answered(question, text, "milestone", m, intent)


def compare_answer(
    kb: KnowledgeBase, question: str, first: Side, second: Side, intent: str, style: DateStyle
) -> Answer:
    """ "Which came first": both dates, the earlier one named first (by the person's name if one was asked)."""
    assert first.milestone is not None and second.milestone is not None
    a_m, b_m = first.milestone, second.milestone
    a, b = kb.contender_name(a_m.contender), kb.contender_name(b_m.contender)
    who = f"**{first.person}**: " if first.person else ""
    text = (
        f"{who}**{a_m.title}** ({a}) came first: {when_text(a_m, style)}, "
        f"before {second.person + ', ' if second.person else ''}**{b_m.title}** ({b}): {when_text(b_m, style)}."
    )
    return Answer(
        question=question,
        answered=True,
        text=text,
        sources=list(dict.fromkeys([*a_m.sources, *b_m.sources])),
        confidence=min(a_m.confidence.value, b_m.confidence.value, key=["confirmed", "reported", "rumour"].index),
        verified=min(a_m.verified, b_m.verified),
        kind="milestone",
        item_id=a_m.id,
        intent=intent,
    )


def character_answer(kb: KnowledgeBase, question: str, person: Person, role: PersonRole, intent: str) -> Answer:
    """ "Yulia Peresild plays surgeon Zhenya in The Challenge." — the part first, the role after."""
    film = kb.contender_name(role.contender)
    text = f"**{person.name}** plays **{role.character}** in {film}.\n• {person.name}: {role.role}."
    return answered(question, text, "person", person, intent)


def crew_answer(kb: KnowledgeBase, question: str, flight: Milestone, crew: list[Person], intent: str) -> Answer:
    """The size of a flight's crew, then who they were."""
    names = ", ".join(p.name for p in crew)
    text = f"**{len(crew)}** people flew on {flight.title.removesuffix(' launch')}: {names}."
    return answered(question, text, "milestone", flight, intent, sources=(u for p in crew for u in p.sources))


YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)[\s-]*"
    r"(and a half\s+)?(minutes?|min|hours?|days?|weeks?|months?|years?)\b"
    r"|\d+\s*(мин|час|дн|день|недел|месяц|год|лет)",
    re.IGNORECASE,
)
NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)


def gives_kind(kb: KnowledgeBase, doc: Doc, intent: str) -> bool:
    """Whether an item can give the kind of answer a question asks for, judged from the item itself.

    A loose match (shared words) may find the right subject and still not answer: "when did the
    gear reach the ISS" is not answered by a sentence about the gear with no date in it."""
    if doc.kind in ("race", "contradiction"):
        return True
    text = doc_text(kb, doc)
    if intent == "when":
        return doc.kind == "milestone" or bool(YEAR.search(text))
    if intent == "how_long":
        return bool(DURATION.search(text))
    if intent == "how_many":
        return bool(NUMBER.search(text))
    if intent == "who":
        return doc.kind == "person" or bool(doc.people)
    return True


def doc_text(kb: KnowledgeBase, doc: Doc) -> str:
    if doc.kind == "fact":
        f = kb.facts[doc.id]
        return " ".join((f.text, f.answer, f.value, f.date))
    if doc.kind == "milestone":
        m = kb.milestones[doc.id]
        return " ".join((m.title, m.note, m.date or ""))
    if doc.kind == "person":
        return kb.people[doc.id].summary
    if doc.kind == "contender":
        return kb.contenders[doc.id].summary
    return ""
