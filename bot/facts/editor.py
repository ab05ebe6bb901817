"""Editing the knowledge base: validated proposals, built against the current state, never written here.

An edit is first a :class:`Proposal` — pure, nothing written — listing the item operations it
would perform (before → after) and the alerts it would cause. Every validator a command needs is
in this module, so the console, Discord and the feed refuse the same input with the same words.
Applying, history and undo are :mod:`bot.facts.history`'s (the :class:`~bot.facts.history.Ledger`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from typing import Any, NotRequired, TypedDict, TypeVar, Unpack
from urllib.parse import urlsplit

from bot.core.changes import Actor, Change, Op, Proposal
from bot.core.dateparse import ParsedDate, parse_date
from bot.core.dates import iso_instant
from bot.core.errors import DateParseError, EditError, Message, words_of
from bot.core.i18n import DEFAULT
from bot.core.kb import COLLECTIONS, KnowledgeBase
from bot.core.models import (
    ANSWER_KINDS,
    ROLE_FUNCTIONS,
    Claim,
    Confidence,
    Contender,
    ContenderRole,
    ContenderStatus,
    Contradiction,
    DateChange,
    Fact,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Person,
    PersonRole,
    Precision,
    Standing,
    from_dict,
    to_dict,
)
from bot.core.text import NAME_MAX, neutralize_mentions, normalize, shorten
from bot.facts.history import HISTORY_TABLE, ApplyHook, Ledger
from bot.facts.strings import field_name, kind_name, kinds_name, status_name
from bot.facts.translations import MAIN_TEXT, NAMES, ONE_LINE, base_of, english_text, fields_of, set_english
from bot.infra.store import Store

__all__ = ["HISTORY_TABLE", "SINGULAR", "AboutFields", "EditError", "Editor", "Report", "RoleFields"]


TEXT_MAX = 1000
SOURCE_MAX = 500
ROLE_TEXT_MAX = 200
QUESTION_MIN, QUESTION_MAX = 3, 200
QUESTION_LANGUAGES = ("en", "ru")
ATTRIBUTE_MIN, ATTRIBUTE_MAX = 2, 40
VALUE_MAX = 200  # a fact's short answer ("12 days")
ANSWER_MAX = 300  # a fact's one-sentence answer
SUBJECTS_MAX = 10  # the seed's most-described fact has 9
KEYWORD_MIN, KEYWORD_MAX = 2, 60  # one news keyword ("tom cruise")
KEYWORDS_MAX = 10  # per contender: each is one search the news feed runs
# What a fact may be about, as its "kind:id" subject refs spell it → the collection holding it.
SUBJECT_COLLECTIONS = {"contender": "contenders", "person": "people", "milestone": "milestones"}
VERDICT_CHOICES = ("better", "wrong", "open")  # what /facts verdict offers; "open" is stored as ""
# The fields /facts about corrects, in the order its summary lists them.
ABOUT_FIELDS = ("subjects", "attribute", "answer_kind", "value", "answer")
# One item of each collection, in words ("people"[:-1] once read "peopl").
SINGULAR = {
    "contenders": "contender",
    "people": "person",
    "milestones": "milestone",
    "facts": "fact",
    "contradictions": "contradiction",
}
# The longest text of each translatable field, by its name before any ":" (bot.facts.translations).
TRANSLATION_LIMITS = {
    "name": NAME_MAX,
    "title": NAME_MAX,
    "character": NAME_MAX,
    "role": ROLE_TEXT_MAX,
    "value": VALUE_MAX,
    "answer": ANSWER_MAX,
    "summary": TEXT_MAX,
    "text": TEXT_MAX,
    "note": TEXT_MAX,
    "claim": TEXT_MAX,
}
E = TypeVar("E", bound=StrEnum)


class Report(TypedDict):
    """Two reports that disagree, as /facts contradiction takes them (the contender aside)."""

    title: str
    claim_a: str
    source_a: str
    claim_b: str
    source_b: str
    topics: NotRequired[str]


class RoleFields(TypedDict):
    """A typed role as /facts role set takes it (the person, contender and flight aside)."""

    functions: str  # comma list from ROLE_FUNCTIONS
    standing: str  # a Standing value
    lead: NotRequired[bool]
    character: NotRequired[str]
    role_text: NotRequired[str]  # the role in words; kept (or composed) when not given


class AboutFields(TypedDict, total=False):
    """What /facts about corrects besides the subjects (resolved from names by the service).

    Every field is text, and a left-out or blank one keeps the fact's value: an admin fixing a
    wrong value must not have to retype the attribute, and cannot wipe one by accident.
    """

    attribute: str  # a kebab-case slug: stay-duration, budget, …
    answer_kind: str  # one of ANSWER_KINDS
    value: str  # the short answer, at most VALUE_MAX characters
    answer: str  # one sentence, at most ANSWER_MAX characters


# ---- validation ----------------------------------------------------------------------


def _bounded(text: str, what: str, maximum: int, minimum: int = 1) -> str:
    """One rule for every length limit, so each refusal names the field and both numbers."""
    if not text:
        raise EditError(Message("facts.err.empty", what=field_name(what)))
    if len(text) < minimum:
        raise EditError(Message("facts.err.too_short", len(text), what=field_name(what), minimum=minimum))
    if len(text) > maximum:
        raise EditError(Message("facts.err.too_long", len(text), what=field_name(what), maximum=maximum))
    return text


def clean_name(value: str, what: str = "name") -> str:
    return neutralize_mentions(_bounded(" ".join((value or "").split()), what, NAME_MAX))


def clean_text(value: str, what: str = "text", *, required: bool = True) -> str:
    text = (value or "").strip()
    if not text and not required:
        return ""
    return neutralize_mentions(_bounded(text, what, TEXT_MAX))


def clean_question(value: str) -> str:
    """A question an item answers: one line, 3–200 characters, with words in it, unable to ping."""
    text = _bounded(" ".join((value or "").split()), "question", QUESTION_MAX, QUESTION_MIN)
    if not normalize(text):
        raise EditError(Message("facts.err.question_no_words"))
    return neutralize_mentions(text)


def clean_language(value: str) -> str:
    language = (value or "en").strip().lower()
    if language not in QUESTION_LANGUAGES:
        raise EditError(
            Message(
                "facts.err.language",
                value=shorten(neutralize_mentions(value or ""), 20),
                options=", ".join(QUESTION_LANGUAGES),
            )
        )
    return language


def clean_functions(value: str) -> list[str]:
    """A comma list of role functions, each from the one vocabulary (``camera operator`` = ``camera-operator``)."""
    names = [re.sub(r"[\s_]+", "-", f.strip().lower()) for f in (value or "").split(",") if f.strip()]
    if not names:
        raise EditError(Message("facts.err.no_functions"))
    unknown = [f"“{shorten(n, 30)}”" for n in names if n not in ROLE_FUNCTIONS]
    if unknown:
        raise EditError(
            Message("facts.err.functions", names=", ".join(unknown), options=", ".join(sorted(ROLE_FUNCTIONS)))
        )
    return list(dict.fromkeys(names))


def clean_line(value: str, what: str, maximum: int) -> str:
    """A short text shown as it is (a fact's value or answer): one line, bounded, unable to ping."""
    return neutralize_mentions(_bounded(" ".join((value or "").split()), what, maximum))


def clean_attribute(value: str) -> str:
    """A fact's attribute: a kebab-case slug, as /ask matches it (``Stay duration`` = ``stay-duration``)."""
    slug = re.sub(r"[\s_]+", "-", (value or "").strip().lower())
    if not (ATTRIBUTE_MIN <= len(slug) <= ATTRIBUTE_MAX and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)):
        got = shorten(neutralize_mentions(value or ""), 50)
        raise EditError(Message("facts.err.attribute", minimum=ATTRIBUTE_MIN, maximum=ATTRIBUTE_MAX, got=got))
    return slug


def clean_answer_kind(value: str) -> str:
    kind = (value or "").strip().lower()
    if kind not in ANSWER_KINDS:
        shown = shorten(neutralize_mentions(value or ""), 20)
        raise EditError(Message("facts.err.answer_kind", value=shown, options=", ".join(ANSWER_KINDS)))
    return kind


def split_keywords(text: str) -> list[str]:
    """Keywords as typed in one option: quoted phrases and/or comma-separated words.

    ``"tom cruise" "space"``, ``tom cruise, space`` and ``"tom cruise", space`` are the same two
    keywords; text with neither quotes nor commas is one keyword (``tom cruise``).
    """
    return [" ".join((quoted or bare).split()) for quoted, bare in re.findall(r'"([^"]*)"|([^,"]+)', text or "")]


def clean_keywords(values: list[str]) -> list[str]:
    """A contender's news keywords: 1 to KEYWORDS_MAX, each 2–60 characters with a word in it, each once."""
    words = [" ".join(v.split()) for v in values if v.strip()]
    if not words:
        raise EditError(Message("facts.err.no_keywords"))
    if len(words) > KEYWORDS_MAX:
        raise EditError(Message("facts.err.too_many_keywords", len(words), maximum=KEYWORDS_MAX))
    kept: dict[str, str] = {}
    for word in words:
        _bounded(word, "keyword", KEYWORD_MAX, KEYWORD_MIN)
        if not normalize(word):
            raise EditError(Message("facts.err.keyword_no_letters", word=shorten(neutralize_mentions(word), 40)))
        kept.setdefault(normalize(word), neutralize_mentions(word))  # "Tom Cruise" and "tom cruise" are one search
    return list(kept.values())


def clean_source(value: str, *, required: bool = False) -> str:
    url = (value or "").strip()
    if not url:
        if required:
            raise EditError(Message("facts.err.source_required"))
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url or len(url) > SOURCE_MAX:
        raise EditError(Message("facts.err.source_bad", maximum=SOURCE_MAX, got=neutralize_mentions(url[:80])))
    return url


def slugify(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", normalize(name).encode("ascii", "ignore").decode()).strip("-")
    base = (base or "item")[:40].strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def read_date(text: str) -> ParsedDate:
    try:
        return parse_date(text)
    except DateParseError as exc:
        raise EditError(words_of(exc)) from None


def _enum(enum: type[E], value: str, what: str) -> E:
    try:
        return enum((value or "").strip().lower())
    except ValueError:
        options = ", ".join(e.value for e in enum)
        shown = neutralize_mentions(value or "")
        raise EditError(Message("facts.err.choice", what=field_name(what), value=shown, options=options)) from None


# ---- the editor ----------------------------------------------------------------------


class Editor:
    """Builds proposals against the current knowledge base; its ledger applies them, atomically."""

    def __init__(
        self, kb: KnowledgeBase, store: Store, *, clock: Callable[[], datetime], ledger: Ledger | None = None
    ) -> None:
        self.kb = kb
        self.store = store
        self.clock = clock
        self.ledger = ledger or Ledger(kb, store, clock=clock)

    # -- applying is the ledger's; these keep one handle for callers that build then apply ---

    @property
    def hooks(self) -> list[ApplyHook]:
        return self.ledger.hooks

    def apply(self, proposal: Proposal) -> Change:
        return self.ledger.apply(proposal)

    def undo(self, actor: Actor, change_id: int | None = None) -> Proposal:
        return self.ledger.undo(actor, change_id)

    def history(self, item_id: str | None = None, limit: int = 50) -> list[Change]:
        return self.ledger.history(item_id, limit)

    # -- lookups ------------------------------------------------------------------------

    def _get(self, collection: str, item_id: str) -> Any:
        item = getattr(self.kb, collection).get(item_id)
        if item is None:
            what = kind_name(SINGULAR.get(collection, collection))
            raise EditError(Message("facts.err.no_id", kind=what, id=neutralize_mentions(item_id)))
        return item

    def _op(self, collection: str, before: Any | None, after: Any | None) -> Op:
        item = after if after is not None else before
        if item is None:
            raise ValueError("an operation changes an item: give it a before or an after")
        return Op(collection, item.id, to_dict(before) if before else None, to_dict(after) if after else None)

    def _copy(self, item: Any) -> Any:
        return from_dict(type(item), to_dict(item))

    # -- milestones -----------------------------------------------------------------------

    def set_date(
        self, actor: Actor, milestone_id: str, date_text: str, *, source: str = "", reason: str = ""
    ) -> Proposal:
        m = self._get("milestones", milestone_id)
        parsed = read_date(date_text)
        new = self._copy(m)
        new.date, new.precision = parsed.iso, parsed.precision
        if (new.date, new.precision) == (m.date, m.precision):
            raise EditError(Message("facts.err.same_date", title=m.title))
        if m.status is MilestoneStatus.DONE and new.when and new.when > self.clock():
            raise EditError(Message("facts.err.done_future", title=m.title))
        if new.status is MilestoneStatus.CONFIRMED and m.when and new.when and new.when > m.when:
            new.status = MilestoneStatus.SLIPPED
        self._remember(m, new, actor, source, reason)
        notes: list[str] = [Message("facts.note.utc")] if parsed.assumed_utc else []
        return Proposal(
            "set-date",
            Message("facts.summary.date", title=m.title),
            [self._op("milestones", m, new)],
            actor,
            clean_text(reason, "reason", required=False),
            clean_source(source),
            notes=notes,
        )

    def set_milestone_status(
        self, actor: Actor, milestone_id: str, status: str, *, source: str = "", reason: str = ""
    ) -> Proposal:
        m = self._get("milestones", milestone_id)
        new = self._copy(m)
        new.status = _enum(MilestoneStatus, status, "status")
        if new.status == m.status:
            raise EditError(Message("facts.err.same_status", name=m.title, status=status_name(m.status.value)))
        self._remember(m, new, actor, source, reason)
        return Proposal(
            "set-status",
            Message("facts.summary.status", name=m.title),
            [self._op("milestones", m, new)],
            actor,
            clean_text(reason, "reason", required=False),
            clean_source(source),
        )

    def follow_upstream(
        self,
        milestone_id: str,
        date: str | None,
        precision: Precision,
        status: MilestoneStatus,
        *,
        actor: Actor,
        source: str,
        reason: str,
    ) -> Proposal:
        """An upstream feed's values for a milestone, as a proposal with the old value kept in its history."""
        m = self._get("milestones", milestone_id)
        new = self._copy(m)
        new.date, new.precision, new.status = date, precision, status
        self._remember(m, new, actor, source, reason)
        return Proposal(
            "feed",
            Message("facts.summary.feed", title=m.title, actor=actor.name),
            [self._op("milestones", m, new)],
            actor,
            reason=reason,
            source=source,
        )

    def _remember(self, old: Milestone, new: Milestone, actor: Actor, source: str, reason: str) -> None:
        """Keep the earlier value in the milestone's own history (slips are drawn from it)."""
        new.history.append(
            DateChange(
                old.date,
                old.precision,
                old.status,
                iso_instant(self.clock()),
                actor.label,
                clean_source(source),
                clean_text(reason, "reason", required=False),
            )
        )
        if source:
            url = clean_source(source)
            if url not in new.sources:
                new.sources.append(url)

    def add_milestone(
        self, actor: Actor, contender_id: str, title: str, kind: str, date_text: str, status: str, source: str
    ) -> Proposal:
        self._get("contenders", contender_id)
        parsed = read_date(date_text)
        m = Milestone(
            id=slugify(title, set(self.kb.milestones)),
            contender=contender_id,
            title=clean_name(title, "title"),
            kind=_enum(MilestoneKind, kind, "kind"),
            date=parsed.iso,
            precision=parsed.precision,
            status=_enum(MilestoneStatus, status, "status"),
            sources=[clean_source(source, required=True)],
            verified=self.clock().date().isoformat(),
        )
        return Proposal(
            "add",
            Message("facts.summary.new_milestone", title=m.title),
            [self._op("milestones", None, m)],
            actor,
            source=m.sources[0],
        )

    def track(self, actor: Actor, milestone_id: str, launch_id: str) -> Proposal:
        """Link a milestone to a Launch Library 2 launch, so the feed keeps its date current."""
        m = self._get("milestones", milestone_id)
        launch_id = (launch_id or "").strip().lower()
        if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", launch_id):
            raise EditError(Message("facts.err.ll2_id"))
        for other in self.kb.milestones.values():
            if other.ll2_id == launch_id and other.id != m.id:
                raise EditError(Message("facts.err.launch_taken", title=other.title))
        if m.ll2_id == launch_id:
            raise EditError(Message("facts.err.already_tracking", title=m.title))
        new = self._copy(m)
        new.ll2_id = launch_id
        summary = Message("facts.summary.track", title=m.title)
        return Proposal("track", summary, [self._op("milestones", m, new)], actor)

    def untrack(self, actor: Actor, milestone_id: str) -> Proposal:
        m = self._get("milestones", milestone_id)
        if not m.ll2_id:
            raise EditError(Message("facts.err.not_tracking", title=m.title))
        new = self._copy(m)
        new.ll2_id = ""
        return Proposal(
            "untrack", Message("facts.summary.untrack", title=m.title), [self._op("milestones", m, new)], actor
        )

    def pin(self, actor: Actor, milestone_id: str, pinned: bool) -> Proposal:
        """A pinned milestone keeps its manual date even when the feed disagrees."""
        m = self._get("milestones", milestone_id)
        if m.pinned == pinned:
            raise EditError(
                Message("facts.err.already_pinned" if pinned else "facts.err.already_unpinned", title=m.title)
            )
        new = self._copy(m)
        new.pinned = pinned
        summary = Message("facts.summary.pin" if pinned else "facts.summary.unpin", title=m.title)
        return Proposal("pin", summary, [self._op("milestones", m, new)], actor)

    # -- contenders, people, facts, contradictions ---------------------------------------

    def set_news_keywords(self, actor: Actor, contender_id: str, keywords: list[str]) -> Proposal:
        """What the news feed searches for this contender; an edit like any other, so it has undo."""
        c = self._get("contenders", contender_id)
        words = clean_keywords(keywords)
        if words == c.news_keywords:
            raise EditError(Message("facts.err.same_keywords", name=c.name))
        new = self._copy(c)
        new.news_keywords = words
        summary = Message("facts.summary.keywords", name=c.name, words=", ".join(words), limit=300)
        return Proposal("news-keywords", summary, [self._op("contenders", c, new)], actor)

    def set_contender_status(
        self, actor: Actor, contender_id: str, status: str, *, source: str = "", reason: str = ""
    ) -> Proposal:
        c = self._get("contenders", contender_id)
        new = self._copy(c)
        new.status = _enum(ContenderStatus, status, "status")
        if new.status == c.status:
            raise EditError(Message("facts.err.same_status", name=c.name, status=status_name(c.status.value)))
        self._add_source(new, source)
        return Proposal(
            "set-status",
            Message("facts.summary.status", name=c.name),
            [self._op("contenders", c, new)],
            actor,
            clean_text(reason, "reason", required=False),
            clean_source(source),
        )

    def add_contender(self, actor: Actor, name: str, role: str, country: str, summary: str, source: str) -> Proposal:
        c = Contender(
            id=slugify(name, set(self.kb.contenders)),
            name=clean_name(name),
            role=_enum(ContenderRole, role or "contender", "role"),
            country=clean_name(country, "country") if country else "",
            summary=clean_text(summary, "summary", required=False),
            sources=[clean_source(source, required=True)],
            verified=self.clock().date().isoformat(),
        )
        self._unique_name("contenders", c.name)
        summary = Message("facts.summary.new_contender", name=c.name)
        return Proposal("add", summary, [self._op("contenders", None, c)], actor, source=c.sources[0])

    def add_person(
        self, actor: Actor, name: str, contender_id: str, role: str, nationality: str, source: str
    ) -> Proposal:
        self._get("contenders", contender_id)
        p = Person(
            id=slugify(name, set(self.kb.people)),
            name=clean_name(name),
            roles=[PersonRole(contender_id, clean_name(role, "role"))],
            nationality=clean_name(nationality, "nationality") if nationality else "",
            sources=[clean_source(source, required=True)],
            verified=self.clock().date().isoformat(),
        )
        self._unique_name("people", p.name)
        summary = Message("facts.summary.new_person", name=p.name)
        return Proposal("add", summary, [self._op("people", None, p)], actor, source=p.sources[0])

    def add_fact(
        self, actor: Actor, text: str, topics: str, source: str, *, contender_id: str = "", confidence: str = "reported"
    ) -> Proposal:
        if contender_id:
            self._get("contenders", contender_id)
        topic_list = [clean_name(t, "topic") for t in (topics or "").split(",") if t.strip()]
        if not topic_list:
            raise EditError(Message("facts.err.no_topics"))
        f = Fact(
            id=slugify(" ".join(topic_list[:2]) + " fact", set(self.kb.facts)),
            contender=contender_id,
            topics=topic_list,
            text=clean_text(text, "fact"),
            sources=[clean_source(source, required=True)],
            confidence=_enum(Confidence, confidence, "confidence"),
            verified=self.clock().date().isoformat(),
            date=self.clock().date().isoformat(),
        )
        return Proposal(
            "add",
            Message("facts.summary.new_fact", topics=", ".join(topic_list)),
            [self._op("facts", None, f)],
            actor,
            source=f.sources[0],
        )

    def record_contradiction(self, actor: Actor, *, contender_id: str = "", **report: Unpack[Report]) -> Proposal:
        if contender_id:
            self._get("contenders", contender_id)
        claims = [
            Claim(clean_text(report["claim_a"], "first claim"), [clean_source(report["source_a"], required=True)]),
            Claim(clean_text(report["claim_b"], "second claim"), [clean_source(report["source_b"], required=True)]),
        ]
        d = Contradiction(
            id=slugify(report["title"], set(self.kb.contradictions)),
            contender=contender_id,
            title=clean_name(report["title"], "title"),
            topics=[clean_name(t, "topic") for t in report.get("topics", "").split(",") if t.strip()],
            claims=claims,
            sources=[c.sources[0] for c in claims],
            verified=self.clock().date().isoformat(),
        )
        summary = Message("facts.summary.new_contradiction", title=d.title)
        return Proposal("add", summary, [self._op("contradictions", None, d)], actor)

    def _unique_name(self, collection: str, name: str) -> None:
        key = normalize(name)
        for item in getattr(self.kb, collection).values():
            if normalize(item.name) == key:
                raise EditError(Message("facts.err.exists", name=name, id=item.id))

    # -- what /ask answers with: the questions an item answers, and typed roles ----------

    def add_question(
        self, actor: Actor, collection: str, item_id: str, question: str, language: str = "en"
    ) -> Proposal:
        item = self._get(collection, item_id)
        language, text = clean_language(language), clean_question(question)
        clash = _find_question(item, text)
        if clash is not None:
            raise EditError(Message("facts.err.already_answers", label=_label(item), question=clash[1], lang=clash[0]))
        new = self._copy(item)
        new.questions.setdefault(language, []).append(text)
        notes = [note] if (note := _script_note(text, language)) else []
        summary = Message("facts.summary.question", label=_label(item), lang=language, question=text)
        return Proposal("add-question", summary, [self._op(collection, item, new)], actor, notes=notes)

    def remove_question(self, actor: Actor, collection: str, item_id: str, question: str) -> Proposal:
        item = self._get(collection, item_id)
        found = _find_question(item, question)
        if found is None:
            shown = shorten(neutralize_mentions(question or ""), 80)
            raise EditError(Message("facts.err.not_a_question", question=shown, label=_label(item)))
        language, text = found
        new = self._copy(item)
        new.questions[language].remove(text)
        if not new.questions[language]:
            del new.questions[language]
        summary = Message("facts.summary.remove_question", label=_label(item), lang=language, question=text)
        return Proposal("remove-question", summary, [self._op(collection, item, new)], actor)

    def set_role(
        self, actor: Actor, person_id: str, contender_id: str, *, flight_id: str = "", **fields: Unpack[RoleFields]
    ) -> Proposal:
        """Add or replace the person's one role on the contender (its wording is kept unless given)."""
        person, contender = self._get("people", person_id), self._get("contenders", contender_id)
        flight = f"milestone:{self._get('milestones', flight_id).id}" if flight_id else ""
        old = next((r for r in person.roles if r.contender == contender_id), None)
        role = PersonRole(
            contender=contender_id,
            role="",
            functions=clean_functions(fields["functions"]),
            standing=_enum(Standing, fields["standing"], "standing"),
            lead=bool(fields.get("lead", False)),
            character=clean_name(fields.get("character", ""), "character") if fields.get("character") else "",
            flight=flight,
        )
        role.role, notes = _role_words(role, fields.get("role_text", ""), old)
        if old == role:
            raise EditError(Message("facts.err.same_role", person=person.name, contender=contender.name))
        new = self._copy(person)
        new.roles = [role if r.contender == contender_id else r for r in new.roles] if old else [*new.roles, role]
        summary = Message("facts.summary.role", person=person.name, contender=contender.name, role=_role_summary(role))
        return Proposal("set-role", summary, [self._op("people", person, new)], actor, notes=notes)

    def remove_role(self, actor: Actor, person_id: str, contender_id: str) -> Proposal:
        person = self._get("people", person_id)
        contender = self.kb.contenders.get(contender_id)
        where = contender.name if contender else contender_id
        if not any(r.contender == contender_id for r in person.roles):
            raise EditError(Message("facts.err.no_role", person=person.name, contender=where))
        if len(person.roles) == 1:
            raise EditError(Message("facts.err.only_role", person=person.name))
        new = self._copy(person)
        new.roles = [r for r in new.roles if r.contender != contender_id]
        summary = Message("facts.summary.remove_role", person=person.name, contender=where)
        return Proposal("remove-role", summary, [self._op("people", person, new)], actor)

    def set_about(
        self, actor: Actor, fact_id: str, *, subjects: list[str] | None = None, **fields: Unpack[AboutFields]
    ) -> Proposal:
        """Correct what a fact is about, which /ask answers "how long / how much / what is X about" from.

        Only what is given changes (``subjects=None`` and blank fields keep theirs); everything given
        is validated before anything is compared, so a refusal always names the bad field.
        """
        fact = self._get("facts", fact_id)
        given = {name: text for name, text in fields.items() if isinstance(text, str) and text.strip()}
        if subjects is None and not given:
            raise EditError(Message("facts.err.about_nothing"))
        new = self._copy(fact)
        if subjects is not None:
            new.subjects = self._subject_refs(subjects)
        if "attribute" in given:
            new.attribute = clean_attribute(given["attribute"])
        if "answer_kind" in given:
            new.answer_kind = clean_answer_kind(given["answer_kind"])
        if "value" in given:
            new.value = clean_line(given["value"], "value", VALUE_MAX)
        if "answer" in given:
            new.answer = clean_line(given["answer"], "answer", ANSWER_MAX)
        changed = [name for name in ABOUT_FIELDS if getattr(new, name) != getattr(fact, name)]
        if not changed:
            raise EditError(Message("facts.err.about_same", id=fact.id))
        notes: list[str] = []
        if "attribute" in changed and not any(
            f.attribute == new.attribute for f in self.kb.facts.values() if f.id != fact.id
        ):
            notes.append(Message("facts.note.new_attribute", attribute=new.attribute))
        parts = Message.listing((self._about_part(new, name) for name in changed), "; ")
        summary = Message("facts.summary.about", id=fact.id, parts=parts, limit=300)
        return Proposal("set-about", summary, [self._op("facts", fact, new)], actor, notes=notes)

    def _subject_refs(self, refs: list[str]) -> list[str]:
        """Subject refs as stored: "kind:id" of an existing contender, person or milestone, primary first, once each."""
        unique = list(dict.fromkeys(r.strip() for r in refs if r.strip()))
        if not unique:
            raise EditError(Message("facts.err.no_subjects"))
        if len(unique) > SUBJECTS_MAX:
            raise EditError(Message("facts.err.too_many_subjects", len(unique), maximum=SUBJECTS_MAX))
        for ref in unique:
            kind, _, item_id = ref.partition(":")
            if kind not in SUBJECT_COLLECTIONS:
                raise EditError(Message("facts.err.bad_subject", got=shorten(neutralize_mentions(ref), 60)))
            self._get(SUBJECT_COLLECTIONS[kind], item_id)
        return unique

    def _about_part(self, fact: Fact, name: str) -> str:
        """One corrected field as the history line reads it: subjects by their names, texts quoted."""
        if name == "subjects":
            labels = [
                _label(self._get(SUBJECT_COLLECTIONS[r.partition(":")[0]], r.partition(":")[2])) for r in fact.subjects
            ]
            return Message("facts.about.subjects", labels=", ".join(labels))
        if name in ("value", "answer"):
            return Message("facts.about.quoted", name=field_name(name), value=shorten(getattr(fact, name), 80))
        return Message("facts.about.plain", name=field_name(name.replace("_", " ")), value=getattr(fact, name))

    # -- texts in a language ----------------------------------------------------------------

    def translate(
        self, actor: Actor, collection: str, item_id: str, language: str, text: str, field: str = ""
    ) -> Proposal:
        """Set or correct one text of an item in a language: ``ru`` fills ``texts``, ``en`` the field itself.

        The field defaults to the kind's main text (a summary, a title, a fact's text). An English
        name or title changed this way keeps the old one as an alias, as /facts rename does.
        """
        item, kind = self._get(collection, item_id), SINGULAR[collection]
        language = clean_language(language)
        name = _translatable(kind, item, field)
        value = clean_translation(name, text)
        new = self._copy(item)
        old = english_text(item, name) if language == DEFAULT else item.texts.get(language, {}).get(name, "")
        if value == old:
            raise EditError(Message("facts.err.same_text", label=_label(item), lang=language, field=field_name(name)))
        notes: list[str] = []
        if language == DEFAULT:
            set_english(new, name, value)
            if name in NAMES and old and hasattr(new, "aliases") and old not in new.aliases:
                new.aliases.append(old)  # the old name still finds it
                notes.append(Message("facts.note.kept_alias", old=old))
        else:
            new.texts.setdefault(language, {})[name] = value
        if note := _script_note(value, language, key="facts.note.translate_script"):
            notes.append(note)
        summary = Message(
            "facts.summary.translate",
            label=_label(item),
            lang=language,
            field=field_name(name),
            text=shorten(value, 80),
            limit=300,
        )
        return Proposal("translate", summary, [self._op(collection, item, new)], actor, notes=notes)

    def with_translations(self, proposal: Proposal, language: str, texts: dict[str, str]) -> Proposal:
        """A new item's proposal, with some of its texts in another language too (/facts add's Russian options).

        A text in another language is added to the English one, never instead of it: every field
        given must have its English text in the proposal already.
        """
        language = clean_language(language)
        [op] = proposal.ops
        if op.after is None or op.before is not None:
            raise ValueError("only a new item takes its translations with it")
        item: Any = from_dict(COLLECTIONS[op.collection], op.after)
        for name, text in texts.items():
            if not (text or "").strip():
                continue
            if not english_text(item, name):
                raise EditError(Message("facts.err.russian_without_english", what=field_name(name)))
            item.texts.setdefault(language, {})[name] = clean_translation(name, text)
        return replace(proposal, ops=[self._op(op.collection, None, item)])

    # -- sources --------------------------------------------------------------------------

    def _add_source(self, item: Any, source: str) -> None:
        url = clean_source(source)
        if url and url not in item.sources:
            item.sources.append(url)

    def add_source(self, actor: Actor, collection: str, item_id: str, url: str) -> Proposal:
        item = self._get(collection, item_id)
        new = self._copy(item)
        url = clean_source(url, required=True)
        if url in item.sources:
            raise EditError(Message("facts.err.source_listed"))
        new.sources.append(url)
        new.verified = self.clock().date().isoformat()
        summary = Message("facts.summary.add_source", label=_label(item))
        return Proposal("add-source", summary, [self._op(collection, item, new)], actor, source=url)

    def verify(self, actor: Actor, collection: str, item_id: str, source: str = "") -> Proposal:
        """Mark an item checked today (``verified``), with the source it was checked against if given."""
        item = self._get(collection, item_id)
        url = clean_source(source)
        new = self._copy(item)
        new.verified = self.clock().date().isoformat()
        if url and url not in new.sources:
            new.sources.append(url)
        if to_dict(new) == to_dict(item):
            key = "facts.err.checked_today_with_source" if url else "facts.err.checked_today"
            raise EditError(Message(key, label=_label(item)))
        if url:
            summary = Message("facts.summary.checked_against", label=_label(item), url=url, limit=300)
        else:
            summary = Message("facts.summary.checked", label=_label(item), limit=300)
        return Proposal("verify", summary, [self._op(collection, item, new)], actor, source=url)

    def set_verdict(self, actor: Actor, contradiction_id: str, number: int, verdict: str) -> Proposal:
        """Say what the sources make of one claim of a dispute (1 is the first, as /sources lists them):
        ``better`` sourced, ``wrong`` (an error better sources contradict), or ``open``. /ask answers
        "X said …, is that right?" with "No" only for a claim marked wrong."""
        item: Contradiction = self._get("contradictions", contradiction_id)
        if not 1 <= number <= len(item.claims):
            raise EditError(
                Message("facts.err.no_such_claim", label=_label(item), number=number, last=len(item.claims))
            )
        if verdict not in VERDICT_CHOICES:
            raise EditError(Message("facts.err.bad_verdict", got=shorten(neutralize_mentions(verdict), 40)))
        stored = "" if verdict == "open" else verdict
        if item.claims[number - 1].verdict == stored:
            raise EditError(Message("facts.err.same_verdict", label=_label(item), number=number, verdict=verdict))
        new = self._copy(item)
        new.claims[number - 1].verdict = stored
        summary = Message("facts.summary.verdict", label=_label(item), number=number, verdict=verdict, limit=300)
        return Proposal("verdict", summary, [self._op("contradictions", item, new)], actor)

    def remove_source(self, actor: Actor, collection: str, item_id: str, url: str) -> Proposal:
        item = self._get(collection, item_id)
        url = (url or "").strip()
        if url not in item.sources:
            raise EditError(Message("facts.err.not_a_source"))
        if len(item.sources) == 1:
            raise EditError(Message("facts.err.only_source"))
        new = self._copy(item)
        new.sources.remove(url)
        summary = Message("facts.summary.remove_source", label=_label(item))
        return Proposal("remove-source", summary, [self._op(collection, item, new)], actor)

    # -- rename, remove, merge ------------------------------------------------------------

    def rename(self, actor: Actor, collection: str, item_id: str, new_name: str) -> Proposal:
        item = self._get(collection, item_id)
        attr = "title" if collection in ("milestones", "contradictions") else "name"
        if attr not in to_dict(item):
            raise EditError(Message("facts.err.cannot_rename", kinds=kinds_name(collection)))
        name = clean_name(new_name)
        old = getattr(item, attr)
        if name == old:
            raise EditError(Message("facts.err.same_name"))
        new = self._copy(item)
        setattr(new, attr, name)
        if hasattr(new, "aliases") and old not in new.aliases:
            new.aliases.append(old)  # the old name still finds it
        return Proposal(
            "rename", Message("facts.summary.rename", old=old, new=name), [self._op(collection, item, new)], actor
        )

    def remove(self, actor: Actor, collection: str, item_id: str, *, reason: str = "") -> Proposal:
        item = self._get(collection, item_id)
        if collection == "contenders":
            used = self._references(item_id)
            if used:
                raise EditError(Message("facts.err.still_used", name=item.name, used=used))
            if self.kb.race.winner == item_id:
                raise EditError(Message("facts.err.winner", name=item.name))
        if collection == "milestones" and self.kb.race.winning_milestone == item_id:
            raise EditError(Message("facts.err.winning_moment"))
        return Proposal(
            "remove",
            Message("facts.summary.remove", label=_label(item)),
            [self._op(collection, item, None)],
            actor,
            clean_text(reason, "reason", required=False),
        )

    def _references(self, contender_id: str) -> str:
        counts = {
            "milestones": sum(m.contender == contender_id for m in self.kb.milestones.values()),
            "people": sum(any(r.contender == contender_id for r in p.roles) for p in self.kb.people.values()),
            "facts": sum(f.contender == contender_id for f in self.kb.facts.values()),
            "contradictions": sum(c.contender == contender_id for c in self.kb.contradictions.values()),
        }
        return (
            Message.listing(Message(f"facts.count.{k}", n) for k, n in counts.items() if n)
            if any(counts.values())
            else ""
        )

    def merge(self, actor: Actor, collection: str, keep_id: str, drop_id: str) -> Proposal:
        """Fold a duplicate into the item kept: names become aliases, sources are united,
        and everything that pointed at the duplicate points at the kept item."""
        if keep_id == drop_id:
            raise EditError(Message("facts.err.merge_same"))
        keep, drop = self._get(collection, keep_id), self._get(collection, drop_id)
        if collection not in ("contenders", "people", "milestones"):
            raise EditError(Message("facts.err.merge_kinds"))
        merged = self._copy(keep)
        attr = "title" if collection == "milestones" else "name"
        for alias in [getattr(drop, attr), *drop.aliases]:
            if alias not in merged.aliases and alias != getattr(merged, attr):
                merged.aliases.append(alias)
        merged.sources += [s for s in drop.sources if s not in merged.sources]
        if collection == "people":
            merged.roles += [r for r in drop.roles if r not in merged.roles]
        ops = [self._op(collection, keep, merged), self._op(collection, drop, None)]
        if collection == "contenders":
            ops += self._repoint(drop_id, keep_id)
        return Proposal("merge", Message("facts.summary.merge", drop=_label(drop), keep=_label(keep)), ops, actor)

    def _repoint(self, old: str, new: str) -> list[Op]:
        ops: list[Op] = []
        for name in ("milestones", "facts", "contradictions"):
            for item in getattr(self.kb, name).values():
                if item.contender == old:
                    changed = self._copy(item)
                    changed.contender = new
                    ops.append(self._op(name, item, changed))
        for p in self.kb.people.values():
            if any(r.contender == old for r in p.roles):
                changed = self._copy(p)
                changed.roles = [replace(r, contender=new) if r.contender == old else r for r in changed.roles]
                ops.append(self._op("people", p, changed))
        return ops


def _label(item: Any) -> str:
    return getattr(item, "name", "") or getattr(item, "title", "") or item.id


def _find_question(item: Any, question: str) -> tuple[str, str] | None:
    """The (language, stored text) of the item's question that reads as ``question``, if any."""
    key = normalize(neutralize_mentions(" ".join((question or "").split())))
    for language, questions in item.questions.items():
        for stored in questions:
            if normalize(stored) == key:
                return language, stored
    return None


def _script_note(text: str, language: str, *, key: str = "facts.note.script") -> str:
    """A hint when the text's alphabet and its language disagree (Cyrillic filed as en, or none as ru)."""
    cyrillic = bool(re.search(r"[\u0400-\u04ff]", text))
    if cyrillic == (language == "ru"):
        return ""
    other = "ru" if cyrillic else "en"
    return Message(key, lang=language, other=other)


def _translatable(kind: str, item: Any, field: str) -> str:
    """The field /facts translate names (the kind's main text when none is given), if this item has it."""
    name = (field or "").strip().lower() or MAIN_TEXT[kind]
    options = fields_of(kind, item)
    if name not in options:
        shown = shorten(neutralize_mentions(field or ""), 40)
        raise EditError(
            Message("facts.err.translate_field", kind=kind_name(kind), field=shown, options=", ".join(options))
        )
    return name


def clean_translation(field: str, text: str) -> str:
    """A text for a translatable field: its length limit, on one line where the field is a line, unable to ping."""
    base = base_of(field)
    if base in ONE_LINE:
        return clean_line(text, base, TRANSLATION_LIMITS[base])
    return neutralize_mentions(_bounded((text or "").strip(), base, TRANSLATION_LIMITS[base]))


def _role_words(role: PersonRole, given: str, old: PersonRole | None) -> tuple[str, list[str]]:
    """The role in words: as given, else the old role's wording (curated text is precious), else composed."""
    text = " ".join((given or "").split())
    if text:
        return neutralize_mentions(_bounded(text, "role text", ROLE_TEXT_MAX)), []
    if old is not None and old.role:
        return old.role, [Message("facts.note.kept_wording", role=old.role)]
    words = ", ".join(f.replace("-", " ") for f in role.functions)
    return (words if role.standing is Standing.PRIME else f"{role.standing.value} {words}"), []


def _role_summary(role: PersonRole) -> str:
    extras = [
        Message(f"facts.standing.{role.standing.value}"),
        *([Message("facts.role.lead")] if role.lead else []),
        *([Message("facts.role.as", character=role.character)] if role.character else []),
    ]
    return Message("facts.role.summary", functions=", ".join(role.functions), extras=Message.listing(extras))
