"""The knowledge-base model: contenders, people, milestones, facts and contradictions.

Plain dataclasses that round-trip through JSON-compatible dicts, because the store
(TinyDB) keeps dicts and the seed ships as JSON. Nothing here is tied to one race:
every field is generic, and the race itself lives only in the seed data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar


class Confidence(StrEnum):
    """How sure we are of an item: see the dossier's definitions."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    RUMOUR = "rumour"


class Precision(StrEnum):
    """How precisely a date is known. A month-precise date must never show a day."""

    TIME = "time"
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    UNKNOWN = "unknown"


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    DONE = "done"
    SLIPPED = "slipped"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


# Milestones still to come: what reminders are for and what "next" means.
OPEN_STATUSES = frozenset(
    {MilestoneStatus.PLANNED, MilestoneStatus.CONFIRMED, MilestoneStatus.SLIPPED, MilestoneStatus.UNKNOWN}
)


class MilestoneKind(StrEnum):
    ANNOUNCEMENT = "announcement"
    CASTING = "casting"
    TRAINING = "training"
    LAUNCH = "launch"
    DOCKING = "docking"
    FILMING = "filming"
    LANDING = "landing"
    PREMIERE = "premiere"
    RELEASE = "release"
    OTHER = "other"


class ContenderStatus(StrEnum):
    """Where a contender stands in the race."""

    WON = "won"  # reached the goal first
    ACTIVE = "active"  # still trying
    STALLED = "stalled"  # no visible progress
    SHELVED = "shelved"  # reportedly stopped, not officially
    CANCELLED = "cancelled"
    COMPLETED = "completed"  # a precedent or related effort that finished
    UNKNOWN = "unknown"


class ContenderRole(StrEnum):
    """Why an entry is in the race at all."""

    CONTENDER = "contender"
    PRECEDENT = "precedent"
    RELATED = "related"


@dataclass
class Sourced:
    """Fields every knowledge item carries: where it comes from and how sure we are."""

    sources: list[str] = field(default_factory=list)
    confidence: Confidence = Confidence.REPORTED
    verified: str = ""  # ISO date (YYYY-MM-DD) the item was last checked against its sources
    questions: dict[str, list[str]] = field(default_factory=dict)  # language → questions this item answers
    # language → field → text in that language ("ru" → {"summary": …}); see TRANSLATED and text_in()
    texts: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Contender(Sourced):
    id: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    role: ContenderRole = ContenderRole.CONTENDER
    country: str = ""
    organisations: list[str] = field(default_factory=list)
    status: ContenderStatus = ContenderStatus.UNKNOWN
    summary: str = ""
    news_keywords: list[str] = field(default_factory=list)  # what the news feed searches for this contender


class Standing(StrEnum):
    """How a person holds a role: what "who was the lead" may answer with, and what it may not."""

    PRIME = "prime"  # held or holds the role
    BACKUP = "backup"  # an understudy for someone who held it
    CANDIDATE = "candidate"  # shortlisted, considered, reported in talks; not chosen
    FORMER = "former"  # held it once, then left or was replaced


# What a person does in a role: the one vocabulary of PersonRole.functions, which /ask reads
# ("who directed …" → director) and /facts role validates against.
ROLE_FUNCTIONS: frozenset[str] = frozenset(
    {
        "director",
        "writer",
        "cinematographer",
        "camera-operator",
        "producer",
        "actor",
        "commander",
        "flight-engineer",
        "pilot",
        "crew-member",
        "spaceflight-participant",
        "official",
        "executive",
        "founder",
        "financier",
        "host",
        "trainer",
        "doctor",
        "journalist",
        "spokesperson",
        "composer",
        "editor",
        "other",
    }
)

# What kind of answer a fact gives: the one vocabulary of Fact.answer_kind, which /ask composes
# by ("yesno" answers yes or no) and /facts about validates against. In the order Discord lists them.
ANSWER_KINDS: tuple[str, ...] = ("person", "date", "duration", "count", "money", "place", "reason", "yesno", "text")


@dataclass
class PersonRole:
    contender: str  # contender id
    role: str  # the role in words, as shown
    functions: list[str] = field(default_factory=list)  # names from ROLE_FUNCTIONS: director, actor, …
    standing: Standing = Standing.PRIME
    lead: bool = False  # the lead actor or actress of a film
    character: str = ""  # the character played, if any
    flight: str = ""  # "milestone:<id>" of the flight this role is about, if any


@dataclass
class Person(Sourced):
    id: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    nationality: str = ""
    roles: list[PersonRole] = field(default_factory=list)
    summary: str = ""


@dataclass
class DateChange:
    """One earlier value of a milestone's date, precision or status."""

    date: str | None
    precision: Precision
    status: MilestoneStatus
    changed_at: str  # ISO 8601 UTC instant of the change
    by: str = ""
    source: str = ""
    reason: str = ""


@dataclass
class Milestone(Sourced):
    id: str = ""
    contender: str = ""  # contender id
    kind: MilestoneKind = MilestoneKind.OTHER
    title: str = ""
    date: str | None = None  # ISO 8601 UTC instant; the start of the period for coarse precision
    precision: Precision = Precision.UNKNOWN
    status: MilestoneStatus = MilestoneStatus.UNKNOWN
    history: list[DateChange] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    vehicle: str = ""
    location: str = ""
    note: str = ""
    ll2_id: str = ""
    pinned: bool = False
    subjects: list[str] = field(default_factory=list)  # "kind:id" refs of what it is principally about
    crewed: bool = False  # a launch with people on board

    @property
    def when(self) -> datetime | None:
        return parse_instant(self.date) if self.date else None


@dataclass
class Fact(Sourced):
    id: str = ""
    contender: str = ""  # contender id, or "" for race-wide facts
    topics: list[str] = field(default_factory=list)
    text: str = ""
    date: str = ""  # free text date of the statement, e.g. "2021-10-05" or "2023 (date not given)"
    subjects: list[str] = field(default_factory=list)  # "kind:id" refs of what the fact is about, primary first
    attribute: str = ""  # what it tells about them: stay-duration, budget, applicants, box-office, …
    answer_kind: str = ""  # person, date, duration, count, money, place, reason, yesno, text
    value: str = ""  # the short answer itself ("12 days"), when there is one
    answer: str = ""  # one sentence answering the question the fact exists for


# What the sources together make of one claim of a contradiction: the better-sourced account, an error
# that better sources contradict, or "" (open: neither is settled, or the claims are different stages).
CLAIM_VERDICTS = ("better", "wrong", "")


@dataclass
class Claim:
    text: str
    sources: list[str] = field(default_factory=list)
    verdict: str = ""  # one of CLAIM_VERDICTS: "wrong" lets /ask answer "X said …, is that right?" with No


@dataclass
class Contradiction(Sourced):
    """Two or more reports that disagree, shown side by side: the bot never picks one silently."""

    id: str = ""
    contender: str = ""
    topics: list[str] = field(default_factory=list)
    title: str = ""
    claims: list[Claim] = field(default_factory=list)
    note: str = ""
    subjects: list[str] = field(default_factory=list)
    attribute: str = ""
    answer_kind: str = ""


def parse_instant(text: str) -> datetime:
    """Parse a stored ISO 8601 UTC instant (``...Z`` or ``+00:00``) into an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---- dict <-> dataclass -------------------------------------------------------------

T = TypeVar("T")

_NESTED: dict[tuple[type, str], type] = {
    (Person, "roles"): PersonRole,
    (Milestone, "history"): DateChange,
    (Contradiction, "claims"): Claim,
}


def to_dict(item: Any) -> dict[str, Any]:
    """A JSON-ready dict (enums become their string values)."""
    return _plain(asdict(item))


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from a dict, converting enums and nested records; unknown keys are an error."""
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    unknown = set(data) - set(known)
    if unknown:
        raise ValueError(f"{cls.__name__}: unknown field(s) {sorted(unknown)}")
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        nested = _NESTED.get((cls, name))
        if nested is not None:
            value = [from_dict(nested, v) for v in value]
        kwargs[name] = value
    item = cls(**kwargs)
    _coerce_enums(item)
    return item


_ENUMS: dict[type, dict[str, type[StrEnum]]] = {
    Contender: {"confidence": Confidence, "status": ContenderStatus, "role": ContenderRole},
    Person: {"confidence": Confidence},
    PersonRole: {"standing": Standing},
    Milestone: {
        "confidence": Confidence,
        "precision": Precision,
        "status": MilestoneStatus,
        "kind": MilestoneKind,
    },
    DateChange: {"precision": Precision, "status": MilestoneStatus},
    Fact: {"confidence": Confidence},
    Contradiction: {"confidence": Confidence},
}


def _coerce_enums(item: Any) -> None:
    """Turn stored strings back into enums; an unknown value raises ValueError naming it."""
    for name, enum in _ENUMS.get(type(item), {}).items():
        setattr(item, name, enum(getattr(item, name)))


# The fields of each kind of item that are written in a language (the rest, such as dates, vehicles
# and sources, are shared). A person's role and character are keyed by contender ("role:challenge"),
# a contradiction's claims by position ("claim:0").
TRANSLATED: dict[str, tuple[str, ...]] = {
    "contender": ("name", "summary"),
    "person": ("name", "summary"),  # plus role:<contender> and character:<contender> for each role
    "milestone": ("title", "note"),
    "fact": ("text", "answer", "value"),
    "contradiction": ("title", "note"),  # plus claim:<n> for each claim
}


def text_in(item: Sourced, name: str, language: str) -> str | None:
    """The item's ``name`` field in ``language``, or None when it has no such translation."""
    return item.texts.get(language, {}).get(name) or None
