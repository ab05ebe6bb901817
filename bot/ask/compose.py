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

from bot.ask import answer_strings as _strings  # noqa: F401  (registers the answers' words)
from bot.ask.flights import prime_crew
from bot.ask.index import Doc
from bot.ask.sides import Stay
from bot.ask.understand import Reading, RoleHit, key
from bot.ask.vocabulary import YES_NO_START
from bot.core.dates import DateStyle
from bot.core.i18n import DEFAULT, catalogue, tr, tr_n
from bot.core.kb import KnowledgeBase
from bot.core.models import (
    Contender,
    ContenderStatus,
    Contradiction,
    Fact,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Person,
    PersonRole,
    Precision,
    Sourced,
    Standing,
)
from bot.core.wording import (
    contender_name,
    contradiction_text,
    field_in,
    last_and_next,
    local,
    slip_text,
    sources_text,
    when_text,
)


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
    card: bool = False  # one person's or contender's card, not an answer about a detail or several people
    unmatched: bool = False  # declined because no item's words fit: the question bank may still know it


def decline(question: str, intent: str, lang: str = DEFAULT) -> Answer:
    return Answer(
        question=question,
        answered=False,
        intent=intent,
        text=tr("answer.decline", lang),
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
    kb: KnowledgeBase,
    question: str,
    doc: Doc,
    intent: str,
    style: DateStyle,
    now: datetime,
    *,
    affirm: bool = False,
    said: str = "",
) -> Answer:
    """The answer for one document: its text first, then its sources and confidence.

    ``affirm``: the item covers everything the question asks, so a yes/no question it does not
    negate is answered "Yes". ``said``: the yes or no the item records for this very question."""
    item: Milestone | Fact | Person | Contender | Contradiction
    lang = style.lang
    if doc.kind == "milestone":
        m = kb.milestones[doc.id]
        text = _milestone_answer(kb, m, style, now)
        item = m
    elif doc.kind == "fact":
        f = kb.facts[doc.id]
        if is_gap(f) or (NOTHING_FOUND.match(f.text) and not YES_NO_START.search(question)):
            return gap_decline(question, f, intent, lang)
        text = local(f, "text", f.text, lang) + (f" ({f.date})" if f.date else "")
        if f.answer and f.answer != f.text:
            text = f"**{local(f, 'answer', f.answer, lang)}**\n{text}"
        if (counted := people_counted(f, question)) is not None:
            text = f"{tr_n('answer.people_count', counted, lang)}\n{text}"
        item = f
    elif doc.kind == "person":
        p = kb.people[doc.id]
        roles = "; ".join(
            f"{local(p, f'role:{r.contender}', r.role, lang)} ({contender_name(kb, r.contender, lang)})"
            for r in p.roles
        )
        text = tr("answer.person", lang, name=field_in(p, "name", lang), roles=roles)
        text += f" {local(p, 'summary', p.summary, lang)}" if p.summary else ""
        item = p
    elif doc.kind == "contender":
        c = kb.contenders[doc.id]
        text = _contender_answer(kb, c, style, now)
        item = c
    elif doc.kind == "contradiction":
        d = kb.contradictions[doc.id]
        text = dispute_card(d, style)
        item = d
    else:
        return race_answer(kb, question, style, intent)
    if not _status_unsettled(kb, item, question):
        text = yes_or_no(question, item, text, affirm=affirm, lang=lang, said=said)
    text += dispute_note(kb, doc, lang)
    answer = answered(question, text, doc.kind, item, intent)
    answer.card = doc.kind in ("person", "contender")
    return answer


def claim_denied(question: str, d: Contradiction, intent: str, style: DateStyle) -> Answer:
    """ "Aero-news said the gear flew on ms-17, is that right?": "No —" with the dispute's reading (else its
    better-sourced claims), then every side, as any dispute is shown."""
    lang = style.lang
    better = [local(d, f"claim:{i}", c.text, lang) for i, c in enumerate(d.claims) if c.verdict == "better"]
    first = field_in(d, "note", lang) if d.note else " ".join(better)
    text = f"{tr('answer.no', lang, text=first)}\n{dispute_card(d, style)}"
    return answered(question, text, "contradiction", d, intent)


def dispute_explained(question: str, d: Contradiction, intent: str, style: DateStyle) -> Answer:
    """ "Why do some sites say 16 october and others 17": the dispute's reading first, then every side."""
    text = f"**{field_in(d, 'note', style.lang)}**\n{dispute_card(d, style)}"
    return answered(question, text, "contradiction", d, intent)


def dispute_card(d: Contradiction, style: DateStyle) -> str:
    """ "⚖️ Sources disagree — TITLE", then each claim with its sources and the reading of the dispute."""
    title = tr("answer.disagree", style.lang, title=local(d, "title", d.title, style.lang))
    return f"{title}\n{contradiction_text(d, style)}"


# "How many people were already aboard": a count of people, which a fact listing people answers by counting them.
HOW_MANY_PEOPLE = re.compile(
    r"\bhow many\s+(people|ppl|persons|astronauts|cosmonauts|crew|members|of them)\b"
    r"|\bсколько\s+(человек|людей|космонавтов|астронавтов|членов|их)\b",
    re.IGNORECASE,
)


def people_counted(fact: Fact, question: str) -> int | None:
    """How many people a fact lists (its answer is a list of people), when the question asks how many."""
    if fact.answer_kind != "person" or not HOW_MANY_PEOPLE.search(question):
        return None
    people = [s for s in fact.subjects if s.startswith("person:")]
    return len(people) if len(people) >= 2 else None


GAP = re.compile(
    r"^(No source (found|was found|gives|says|reports)\b|The sources?( used)? (do|does) not (state|say|give)\b)",
    re.IGNORECASE,
)
# "No Doug Liman interview on the project from 2023 or 2024 was found": a gap for "what did he say then",
# but for "was it officially cancelled" the answer "no" ("no official cancellation was found").
NOTHING_FOUND = re.compile(r"^No [^.;]{0,80}\b(was|were) found\b", re.IGNORECASE)


def is_gap(fact: Fact) -> bool:
    """A fact recording what the sources do not say ("No source found says …"): knowledge of a gap."""
    return bool(GAP.match(fact.text))


def gap_decline(question: str, fact: Fact, intent: str, lang: str = DEFAULT) -> Answer:
    """ "I don't know", with what the knowledge base knows about not knowing: the sources are silent."""
    answer = decline(question, intent, lang)
    said = local(fact, "text", fact.text, lang)
    answer.text = f"{tr('answer.gap', lang, text=said[0].lower() + said[1:])}\n{answer.text}"
    answer.kind, answer.item_id = "fact", fact.id
    return answer


def race_answer(kb: KnowledgeBase, question: str, style: DateStyle, intent: str) -> Answer:
    race, lang = kb.race, style.lang
    winner = kb.contenders.get(race.winner)
    won = kb.milestones.get(race.winning_milestone)
    head = ""
    if winner and won:
        name, title = contender_name(kb, winner.id, lang), field_in(won, "title", lang)
        head = tr("answer.first", lang, winner=name, milestone=title, when=when_text(won, style))
    summary = race.texts.get(lang, {}).get("summary") or race.summary if lang != DEFAULT else race.summary
    return Answer(
        question=question,
        answered=True,
        text=head + summary,
        sources=list(race.sources),
        confidence="confirmed",
        kind="race",
        item_id="race",
        intent=intent,
    )


def dispute_note(kb: KnowledgeBase, doc: Doc, lang: str = DEFAULT) -> str:
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
    return _disagree_note(d, lang)


def _disagree_note(d: Contradiction, lang: str) -> str:
    """ "⚖️ Sources disagree on this: … (see /sources TOPIC)", on a line of its own."""
    topic = d.topics[0] if d.topics else d.title
    return "\n" + tr("answer.disagree_note", lang, title=local(d, "title", d.title, lang), topic=topic)


def role_answer(
    kb: KnowledgeBase, question: str, reading: Reading, hits: list[RoleHit], intent: str, lang: str = DEFAULT
) -> Answer:
    """ "Klim Shipenko was the director of The Challenge." first, then each holder's role in words."""
    contender = contender_name(kb, hits[0].role.contender, lang)
    names = tr("answer.and", lang).join(f"**{field_in(h.person, 'name', lang)}**" for h in hits[:4])
    held = next((f for f in reading.functions if f in hits[0].role.functions), reading.functions[0])
    what = held.replace("-", " ") if held != "*" else "member"  # the function the holders hold, of those asked
    if reading.lead and "actor" in reading.functions:
        what = "lead actor"
    what = tr(f"answer.role.{what}", lang) if f"answer.role.{what}" in catalogue() else what
    if reading.standing is Standing.BACKUP:
        member = what == tr("answer.role.member", lang)
        what = tr("answer.role.backup", lang) if member else tr("answer.role.backup of", lang, what=what)
    key = "answer.role.many" if len(hits) > 1 else "answer.role.one"
    lines = [tr(key, lang, names=names, what=what, contender=contender)]
    lines += [
        f"• {field_in(h.person, 'name', lang)}: {local(h.person, f'role:{h.role.contender}', h.role.role, lang)}."
        for h in hits[:4]
    ]
    first = hits[0].person
    sources = (u for h in hits[:4] for u in h.person.sources)
    return answered(question, "\n".join(lines), "person", first, intent, sources=sources)


def _milestone_answer(kb: KnowledgeBase, m: Milestone, style: DateStyle, now: datetime) -> str:
    lang = style.lang
    line = tr(
        "answer.milestone",
        lang,
        title=field_in(m, "title", lang),
        contender=contender_name(kb, m.contender, lang),
        when=when_text(m, style),
        status=tr(f"answer.status.{m.status.value}", lang),
    )
    extra = [
        x
        for x in (
            tr("answer.vehicle", lang, vehicle=m.vehicle) if m.vehicle else "",
            tr("answer.where", lang, location=m.location) if m.location else "",
            local(m, "note", m.note, lang),
            _aboard_line(kb, m, lang),
        )
        if x
    ]
    slip = slip_text(m, style)
    if slip:
        extra.append(tr("answer.moved", lang, slip=slip))
    return " ".join([line, *extra])


def _aboard_line(kb: KnowledgeBase, m: Milestone, lang: str) -> str:
    """Who flew up on a crewed launch (its prime crew by their typed roles), or came back on a landing."""
    if m.crewed:
        ids = sorted(prime_crew(kb, m))
    elif m.kind is MilestoneKind.LANDING:
        ids = [s.removeprefix("person:") for s in m.subjects if s.startswith("person:")]
    else:
        ids = []
    names = [field_in(kb.people[i], "name", lang) for i in ids if i in kb.people]
    return tr("answer.aboard", lang, names=", ".join(names)) if names else ""


def _contender_answer(kb: KnowledgeBase, c: Contender, style: DateStyle, now: datetime) -> str:
    lang = style.lang
    head = tr(
        "answer.contender",
        lang,
        name=contender_name(kb, c.id, lang),
        status=tr(f"answer.status.{c.status.value}", lang),
        summary=local(c, "summary", c.summary, lang),
    )
    return "\n".join([head, *last_and_next(kb, c.id, now, style)])


def answer_sources_text(answer: Answer, style: DateStyle) -> str:
    if not answer.answered:
        return ""
    lang = style.lang
    if lang == DEFAULT:
        prov = f"{answer.confidence}, verified {answer.verified}" if answer.verified else answer.confidence
    else:
        confidence = tr(f"wording.confidence.{answer.confidence}", lang) if answer.confidence else ""
        prov = tr("wording.verified", lang, confidence=confidence, date=_day(answer.verified, style))
        prov = prov if answer.verified else confidence
    return f"{sources_text(answer.sources, style)}\n({prov})"


def _day(iso: str, style: DateStyle) -> str:
    try:
        return style.date(datetime.fromisoformat(iso[:10]).replace(tzinfo=UTC), Precision.DAY)
    except ValueError:
        return iso


NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|rather than|instead of|would have|wrongly|mistakenly|falsely)\b|n't\b",
    re.IGNORECASE,
)


def _status_unsettled(kb: KnowledgeBase, item: object, question: str) -> bool:
    """ "Has see-1 launched": its target slipped and its project's status is unknown, so no source says
    whether it flew since; neither yes nor no (the engine then says it does not know)."""
    if not isinstance(item, Milestone) or item.status is not MilestoneStatus.SLIPPED or not HAPPENED.search(question):
        return False
    project = kb.contenders.get(item.contender)
    return project is not None and project.status is ContenderStatus.UNKNOWN


def yes_or_no(
    question: str, item: object, text: str, *, affirm: bool = False, lang: str = DEFAULT, said: str = ""
) -> str:
    """A yes/no question gets "Yes —" or "No —" first, but only where the answer itself says which.

    A fact recorded as a yes/no answer says it in its value; otherwise a plain negation in the
    answer's first sentence ("Cruise and Liman were not aboard") reads as "No". "Yes" from a
    statement only when the engine says the item covers the whole question (``affirm``); questions
    that are themselves negative are left alone.
    """
    if said and not isinstance(item, Contradiction) and not re.match(r"\W*(yes|no|да|нет)\b", text, re.I):
        # the item's own recorded answer to this question (not a dispute's: "No — sources disagree" says neither)
        return tr(f"answer.{said}", lang, text=text)
    polarity = _polarity(question, item, text, affirm=affirm)
    return tr(f"answer.{polarity}", lang, text=text) if polarity else text


def _polarity(question: str, item: object, text: str, *, affirm: bool) -> str:
    """ "yes", "no" or "" (say neither) for a yes/no question, judged from the item's English text."""
    english = getattr(item, "text", "") if isinstance(item, Fact) else text
    if not YES_NO_START.search(question) or NEGATION.search(question) or re.match(r"\W*(yes|no)\b", text, re.I):
        return ""
    if _failure_not_denied(question, f"{getattr(item, 'answer', '')}\n{english}\n{text}"):
        return ""  # "was the mir film killed by a lack of money": the "not paid" that answers it is no "no"
    if isinstance(item, Fact) and item.answer_kind == "yesno":
        value = item.value.casefold()
        if value.startswith("planned") and ASKS_THE_PLAN.search(question):
            return "yes"  # "planned; not confirmed": it was planned, whatever became of it
        if re.search(r"\b(no|not|never)\b", value):
            return "no"
        return "yes" if re.search(r"\byes\b", value) else ""
    if (
        isinstance(item, Milestone)
        and item.status in NOT_HAPPENED
        and HAPPENED.search(question)
        and not ABOUT_THE_PLAN.search(question)
    ):
        return "no"  # "did X launch": it has not (yet); the status says so
    if isinstance(item, Fact) and item.answer:
        english = f"{item.answer}\n{english}"
    if ASKS_IF_ANYTHING_SAID.search(question):
        return ""  # "did liman say anything at venice": his "no concrete plan" is what he said, not a "no"
    # A Russian question is judged by the Russian text, clause by clause — but not by a contradiction's list
    # of claims, where a "не" is one side's word, not the answer: there only its English negations count.
    if not re.search(r"[а-яё]", question.casefold()):
        no = denies(question, english)
    elif isinstance(item, Contradiction):
        no = bool(NEGATION.search(re.split(r"(?<=[.!?])\s", english.replace("**", ""), maxsplit=1)[0]))
    else:
        no = denies(question, text)
    if no or (WHOLE.search(question) and PART.search(re.split(r"(?<=[.!?])\s", english.replace("**", ""))[0])):
        return "no"  # "was it shot fully in space": an item saying it included some scenes shot there says no
    if undone(question, f"{english}\n{text}"):
        return ""  # "the tweet was later deleted": the item may say no to "is it still up" without a "not"
    return "yes" if affirm and not isinstance(item, Contradiction | Contender) else ""  # disputed or broad: no "yes"


# "Did X say anything / talk about …": whether a statement exists, which a negation inside it does not deny.
ASKS_IF_ANYTHING_SAID = re.compile(
    r"\b(say|said|talk|talked|speak|spoke|comment|commented|mention|mentioned)\s+(anything|something|about|on)\b"
    r"|\b(говорил|сказал|рассказывал|упоминал|комментировал)\w*\s+(ли\s+)?(что-то|что-нибудь|о|об|про)\b",
    re.IGNORECASE,
)
# Words by which a statement takes back or stops what it reports, without a negation.
UNDOING = re.compile(
    r"\b(stayed|remained|deleted|removed|withdrawn|withdrew|reversed|revoked|cancell?ed|scrapped|shelved|"
    r"collapsed|abandoned|instead)\b|\b(удал[её]н|удалил|отмен[её]н|отменил|остался|осталась|вместо)\w*",
    re.IGNORECASE,
)


def undone(question: str, text: str) -> bool:
    """Whether the answer takes back or stops what it reports in a word the question does not use itself.

    "Was the tweet deleted" is answered yes by "the tweet was later deleted"; "is it still up" is not."""
    asked = {stem_word.casefold() for stem_word in re.findall(r"\w+", question)}
    return any(m.group(0).casefold() not in asked for m in UNDOING.finditer(text))


# "Fully", "entirely": a question about the whole of something, and statements about a part of it.
WHOLE = re.compile(r"\b(fully|entirely|completely|wholly|whole|all of)\b|\b(целиком|полностью)\b", re.IGNORECASE)
PART = re.compile(r"\b(partly|partially|in part|part of|some scenes|included scenes|a portion)\b", re.IGNORECASE)
# Where a sentence turns to another point: "… and basic English, but no acting experience".
CONTRAST = re.compile(
    r",?\s+\b(?:but|though|although|while|whereas)\b|;|,\s+(?=not\b)|,\s+and\s+|\s+—\s+", re.IGNORECASE
)
RU_NEGATION = re.compile(r"(?<![а-яё])(не|нет|ни|никогда|ошибочно)(?![а-яё])", re.IGNORECASE)
RU_CONTRAST = re.compile(r",?\s+(?:но|хотя|однако|тогда как)(?![а-яё])|;|,\s+(?=а не\b)|\s+—\s+", re.IGNORECASE)
# A clause saying that something did not take place at all: "no source confirms that they took place".
NOT_OCCURRED = re.compile(
    r"\b(took place|take place|happened|flew|was made|were made)\b|состоял|прошл[иао]\b|летал", re.IGNORECASE
)
QUESTION_FILLER = frozenset(
    {"have", "has", "had", "need", "get", "got", "go", "went", "do", "make", "made", "also", "too", "requir", "must"}
    # the same in Russian stems: "требовалось", "нужно", "надо", "должны", "обязательно"
    | {"требова", "нужн", "нуж", "над", "должн", "обязательн"}
)
# "Wrongly", "ошибочно": the clause says someone was wrong about something, which answers no to the
# question only when that something is what is asked ("pajiba wrongly called him the director").
ERROR_WORDS = re.compile(r"\b(wrongly|mistakenly|falsely)\b|(?<![а-яё])ошибочно(?![а-яё])", re.IGNORECASE)


def denies(question: str, english: str) -> bool:
    """Whether the answer says "no" to the question: a negation in its main clause, or in a clause about what is asked.

    The first sentence's main clause answers the question ("Cruise and Liman were not aboard").
    A negation in a side clause or a later sentence answers it only when that clause names what the
    question asks ("… came home on Soyuz MS-18, not on MS-19" for "did she fly home on ms-19"), or
    says the thing never took place when the question asks whether it did (not about the plan):
    "… were planned, but no source confirms that they took place" does not make the plan a "no"."""
    sentences = re.split(r"(?<=[.!?])\s+", english.replace("**", "").strip())
    sentences = [BACKGROUND.sub("", x, count=1) for x in sentences]  # "with no crew aboard, she did X": X is said
    russian = bool(re.search(r"[а-яё]", question.casefold()))
    if russian and not re.search(r"[а-яё]", english.casefold()):  # no Russian text to judge the Russian question by
        return bool(NEGATION.search(sentences[0]))
    negation, contrast = (RU_NEGATION, RU_CONTRAST) if russian else (NEGATION, CONTRAST)
    asked = {w for w in key(question).split() if w not in QUESTION_FILLER and (len(w) >= 3 or w.isdigit())}
    about_plan = bool(ABOUT_THE_PLAN.search(question))
    for n, sentence in enumerate(sentences):
        for m, clause in enumerate(contrast.split(sentence)):
            if not negation.search(clause) or (about_plan and NOT_OCCURRED.search(clause)):
                continue  # that a plan was not carried out does not deny it was planned
            if not _denies_beside_a_replacement(clause, asked, negation):
                continue  # "… after 17 days instead of the planned 10" does not deny it landed off Jacksonville
            if n == 0 and m == 0:
                if _only_an_error(clause, asked, negation):
                    continue  # "pajiba wrongly called him the producer, when he … appears in it": not a no to appearing
                return True
            if asked & set(key(clause).split()):
                return True
            if not about_plan and NOT_OCCURRED.search(clause):
                return True
    return False


def _only_an_error(clause: str, asked: set[str], negation: re.Pattern[str]) -> bool:
    """A main clause whose only negation is an error word ("wrongly") about something the question does not ask:
    its words up to a "when" that says what was so instead, the people it names left aside."""
    if not ERROR_WORDS.search(clause) or negation.search(ERROR_WORDS.sub("", clause)):
        return False  # no error word, or another negation too: "not", "не"
    names = set(key(" ".join(re.findall(r"\b[A-ZА-ЯЁ][\w-]*", clause))).split())  # whom, not what, it is about
    return not (asked - names) & set(key(re.split(r",\s+(?:when|while|whereas|хотя|тогда как)\b", clause)[0]).split())


# A sentence's opening phrase giving the circumstances, before the comma that ends it: "with no support crew
# aboard, …", "поскольку на борту не было …, …". A negation there says why, not what the sentence states.
BACKGROUND = re.compile(
    r"^\s*(with no|without|since|because|as there (was|were) no|поскольку|так как|из-за|без)\b[^,]{0,80},\s*",
    re.IGNORECASE,
)
# "Instead of X", "rather than X": a negation of X only, not of the rest of the clause.
REPLACED = re.compile(r"\b(instead of|rather than)\b(.*)", re.IGNORECASE)
# A question that itself asks about a failure or an ending: a negation in the answer may agree with it.
FAILURE = re.compile(
    r"\b(lack\w*|without|absence|non-\w+|fail\w*|dropped|killed|cancell?ed|scrapped|shelved|collapsed|refused|denied"
    r"|stopped|halted|abandoned|superseded)\b|(?<![а-яё])(без|нехватк\w*|провал\w*|отмен\w*|сорвал\w*|отказ\w*)",
    re.IGNORECASE,
)


def _failure_not_denied(question: str, answer: str) -> bool:
    """A question about a failure ("killed by a lack of money") that the answer does not name in the same
    word: a negation there ("had not been paid") agrees with the question rather than denying it. Where
    the answer names it ("no official cancellation" for "was it cancelled"), its negation is a "no"."""
    asked = {m.group(0).casefold()[:5] for m in FAILURE.finditer(question)}
    said = {m.group(0).casefold()[:5] for m in FAILURE.finditer(answer)}
    return bool(asked) and not asked & said


def _denies_beside_a_replacement(clause: str, asked: set[str], negation: re.Pattern[str]) -> bool:
    """Whether a clause's negation still stands when "instead of X" only denies X: it does when another
    negation remains, or when X is what the question asks about ("on MS-18 instead of MS-19")."""
    m = REPLACED.search(clause)
    if m is None:
        return True
    rest = REPLACED.sub("", clause)
    return bool(negation.search(rest)) or bool(asked & set(key(m.group(2)).split()))


NOT_HAPPENED = frozenset({MilestoneStatus.PLANNED, MilestoneStatus.SLIPPED, MilestoneStatus.CANCELLED})
# "did it launch / happen / ever take place": answered by whether the event is done
HAPPENED = re.compile(
    r"\b(happen|took place|take place|launch|land|fly|flew|dock|premiere|come out|release)"
    r"|(?<![а-яё])(запуст|запуск|стартова|состоял|произош|приземл|полетел|вышел|вышла)",
    re.IGNORECASE,
)
# …unless it asks about the plan itself: "was the flight planned for october", "did it slip"
ASKS_THE_PLAN = re.compile(r"\b(plan|planned|planning|supposed|meant|schedul)", re.IGNORECASE)
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


def _side_name(kb: KnowledgeBase, side: Side, lang: str) -> str:
    return _person_named(kb, side.person, lang) or contender_name(kb, side.contender, lang)


def _person_named(kb: KnowledgeBase, name: str, lang: str) -> str:
    """A side's person by the name in the answer's language ("Том Круз" in a Russian answer)."""
    person = next((p for p in kb.people.values() if p.name == name), None) if name else None
    return field_in(person, "name", lang) if person is not None else name


def only_one_flew(kb: KnowledgeBase, question: str, flown: Side, other: Side, intent: str, style: DateStyle) -> Answer:
    """ "Which came first" when only one side ever flew: that one, and that the other has not."""
    assert flown.milestone is not None
    m, lang = flown.milestone, style.lang
    text = tr(
        "answer.first_flew",
        lang,
        side=_side_name(kb, flown, lang),
        milestone=field_in(m, "title", lang),
        when=when_text(m, style),
        other=_side_name(kb, other, lang),
    )
    return answered(question, text, "milestone", m, intent)


def compare_answer(
    kb: KnowledgeBase, question: str, first: Side, second: Side, intent: str, style: DateStyle
) -> Answer:
    """ "Which came first": both dates, the earlier one named first (by the person's name if one was asked)."""
    assert first.milestone is not None and second.milestone is not None
    a_m, b_m, lang = first.milestone, second.milestone, style.lang
    text = tr(
        "answer.came_first",
        lang,
        who=f"**{_person_named(kb, first.person, lang)}**: " if first.person else "",
        a=field_in(a_m, "title", lang),
        a_owner=contender_name(kb, a_m.contender, lang),
        a_when=when_text(a_m, style),
        b_who=f"{_person_named(kb, second.person, lang)}, " if second.person else "",
        b=field_in(b_m, "title", lang),
        b_owner=contender_name(kb, b_m.contender, lang),
        b_when=when_text(b_m, style),
    )
    return from_milestones(question, text, [a_m, b_m], intent)


def older_answer(
    kb: KnowledgeBase,
    question: str,
    older: tuple[Person, int],
    younger: tuple[Person, int],
    intent: str,
    lang: str = DEFAULT,
    *,
    young: bool = False,
) -> Answer:
    """ "Who's older": "Klim Shipenko (born 1983) is older than Yulia Peresild (born 1984)." (and the
    younger named first when the question asks who is younger)."""
    (a, a_year), (b, b_year) = younger if young else older, older if young else younger
    text = tr(
        "answer.younger" if young else "answer.older",
        lang,
        a=field_in(a, "name", lang),
        a_year=a_year,
        b=field_in(b, "name", lang),
        b_year=b_year,
    )
    answer = answered(question, text, "person", a, intent)
    answer.sources = list(dict.fromkeys([*a.sources, *b.sources]))
    return answer


def longer_answer(
    kb: KnowledgeBase,
    question: str,
    longer: tuple[str, Stay],
    shorter: tuple[str, Stay],
    intent: str,
    style: DateStyle,
) -> Answer:
    """ "Which lasted longer": both stays in days, launch to landing, the longer first."""
    lang = style.lang
    (a_ref, a), (b_ref, b) = longer, shorter
    a_name, b_name = _named(kb, a_ref, lang), _named(kb, b_ref, lang)

    text = tr(
        "answer.longer",
        lang,
        a=a_name,
        a_days=tr_n("answer.days", round(a.days), lang),
        a_span=_span(a, style),
        b=b_name,
        b_days=tr_n("answer.days", round(b.days), lang),
        b_span=_span(b, style),
    )
    return from_milestones(question, text, [a.launch, a.landing, b.launch, b.landing], intent, about=a.landing)


def age_at_launch_answer(
    kb: KnowledgeBase, question: str, person: Person, born: int, launch: Milestone, intent: str, style: DateStyle
) -> Answer:
    """ "How old was peresild when she flew": from the year she was born to her launch (a year only, so
    one of two ages, both said)."""
    assert launch.when is not None
    age = launch.when.year - born
    text = tr(
        "answer.age_at_launch",
        style.lang,
        name=field_in(person, "name", style.lang),
        year=born,
        low=str(age - 1),
        high=tr_n("answer.years_old", age, style.lang),
        date=when_text(launch, style),
    )
    answer = from_milestones(question, text, [launch], intent, about=launch)
    answer.sources = list(dict.fromkeys([*person.sources, *answer.sources]))
    return answer


def _span(stay: Stay, style: DateStyle) -> str:
    return f"{when_text(stay.launch, style)} → {when_text(stay.landing, style)}"


def stay_answer(kb: KnowledgeBase, question: str, who: str, stay: Stay, intent: str, style: DateStyle) -> Answer:
    """ "How long was peresild in space": from the launch that took them up to the landing that brought them back."""
    text = tr(
        "answer.stay",
        style.lang,
        a=_named(kb, who, style.lang),
        a_days=tr_n("answer.days", round(stay.days), style.lang),
        a_span=_span(stay, style),
    )
    disputed = next(
        (d for d in kb.contradictions.values() if d.attribute == "stay-duration" and who in d.subjects), None
    )
    if disputed is not None:  # "most sources say 12 days": the count from the dates is one side of a dispute
        text += _disagree_note(disputed, style.lang)
    return from_milestones(question, text, [stay.launch, stay.landing], intent, about=stay.landing)


def from_milestones(
    question: str, text: str, milestones: list[Milestone], intent: str, *, about: Milestone | None = None
) -> Answer:
    """An answer drawn from several milestones (about the first, unless ``about`` says which): all their
    sources, the weakest of their confidences and the oldest of their checks."""
    return Answer(
        question=question,
        answered=True,
        text=text,
        sources=list(dict.fromkeys(src for m in milestones for src in m.sources)),
        confidence=min((m.confidence.value for m in milestones), key=["confirmed", "reported", "rumour"].index),
        verified=min(m.verified for m in milestones),
        kind="milestone",
        item_id=(about or milestones[0]).id,
        intent=intent,
    )


def _named(kb: KnowledgeBase, ref: str, lang: str) -> str:
    """The name of a "person:…" or "contender:…" reference, in the answer's language."""
    kind, _, item = ref.partition(":")
    if kind == "person" and item in kb.people:
        return field_in(kb.people[item], "name", lang)
    return contender_name(kb, item, lang)


def character_answer(
    kb: KnowledgeBase, question: str, person: Person, role: PersonRole, intent: str, lang: str = DEFAULT
) -> Answer:
    """ "Yulia Peresild plays surgeon Zhenya in The Challenge." — the part first, the role after."""
    film, name = contender_name(kb, role.contender, lang), field_in(person, "name", lang)
    character = local(person, f"character:{role.contender}", role.character, lang)
    text = tr("answer.plays", lang, name=name, character=character, film=film)
    text += f"\n• {name}: {local(person, f'role:{role.contender}', role.role, lang)}."
    return answered(question, text, "person", person, intent)


def crew_answer(
    kb: KnowledgeBase, question: str, flight: Milestone, crew: list[Person], intent: str, lang: str = DEFAULT
) -> Answer:
    """The size of a flight's crew, then who they were."""
    names = ", ".join(field_in(p, "name", lang) for p in crew)
    vehicle = flight.title.removesuffix(" launch") if lang == DEFAULT else flight.vehicle or flight.title
    text = tr_n("answer.crew", len(crew), lang, flight=vehicle, names=names)
    return answered(question, text, "milestone", flight, intent, sources=(u for p in crew for u in p.sources))


YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)[\s-]*"
    r"(and a half\s+)?(minutes?|min|hours?|days?|weeks?|months?|years?)\b"
    r"|\d+\s*(мин|час|дн|день|недел|месяц|год|лет)",
    re.IGNORECASE,
)
# Numbers that count nothing: dates, years and the numbers in names ("Soyuz MS-19", "ISS-66").
NOT_A_COUNT = re.compile(
    r"\bchannel one\b|\bпервый канал\w*|\bпервого канала\b"
    r"|\b\d{4}-\d\d(-\d\d)?(/\d\d)?\b|\b(1[89]|20)\d\d\b|\b[A-Za-zА-Яа-я]+[-\s]\d+[a-z]?\b"
    r"|\b\d{1,2}(st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*",
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
        return bool(NUMBER.search(NOT_A_COUNT.sub(" ", text)))
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
