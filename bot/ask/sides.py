"""The two sides of a comparison, read from the knowledge: what each names, and what it is compared by.

"Which came first, the Polaris Dawn spacewalk or Langley's BBC comments" names two events, not two
projects; "the russian one" names a project by its country; "who's older" compares birth years and
"which lasted longer" stays in orbit, worked out from the flights the typed roles and landings record.
Each is plain reading of the knowledge base, testable on its own; the engine picks which applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.ask.flights import prime_crew
from bot.ask.understand import GENERIC, SCAFFOLD, key
from bot.core.kb import KnowledgeBase
from bot.core.models import ContenderRole, Milestone, MilestoneKind, MilestoneStatus, Person

AGE = re.compile(r"\b(older|younger|age|born)\b|(?<![а-яё])(старше|младше|моложе|возраст\w*|родил\w*)")
NEVER = datetime.max.replace(tzinfo=UTC)
YOUNGER = re.compile(r"\byounger\b|(?<![а-яё])(младше|моложе)")
LONGER = re.compile(r"\b(longer|shorter|more time|less time)\b|(?<![а-яё])(дольше|короче|больше времени)")
# A side naming a project by its country: "the russian one", "hollywood", "русские".
_NATIONS = (
    ("Russia", re.compile(r"\brussian?s?\b|(?<![а-яё])(русск\w*|российск\w*|россия|россии)")),
    ("United States", re.compile(r"\b(hollywood|american?s?|us|usa|nasa)\b|(?<![а-яё])(голливуд\w*|американ\w*|сша)")),
)
_BORN = re.compile(
    r"\bborn\b[^.;]*?\b(1[89]\d\d|20\d\d)\b|\b(1[89]\d\d|20\d\d) года рождения|родил\w*[^.;]*?(1[89]\d\d|20\d\d)"
)


def by_nation(kb: KnowledgeBase, side: str) -> str | None:
    """The one contender (not a precedent) of the country a side names, if it names nothing else."""
    rest = [w for w in key(side).split() if w not in GENERIC and w not in ("crew", "film", "movi", "peopl", "guy")]
    for country, pattern in _NATIONS:
        if pattern.search(side.casefold()) and len(rest) <= 1:
            ids = [c.id for c in kb.contenders.values() if c.country == country and c.role is ContenderRole.CONTENDER]
            if len(ids) == 1:
                return ids[0]
    return None


def event(kb: KnowledgeBase, side: str, subjects: set[str], skip: set[str]) -> Milestone | None:
    """The dated milestone a side names by its own words ("bridenstine's tweet", "трейлер вызова").

    The side's words other than the names it holds (``skip``) must be in the milestone's title or
    aliases, in English or Russian — half of them when the milestone is about what the side names
    (``subjects``), all of them when it names nothing ("the weather in moscow" is no Moscow premiere)."""
    wanted = {
        w
        for w in key(side).split()
        if w not in skip and w not in GENERIC and w not in SCAFFOLD and (len(w) > 2 or w.isdigit())  # not "by"
    }
    if not wanted:
        return None
    scored: list[tuple[float, Milestone]] = []
    for m in kb.milestones.values():
        if m.when is None or (subjects and not subjects & _about(m)):
            continue
        named = " ".join([m.title, *m.aliases, m.texts.get("ru", {}).get("title", "")])
        have = set(key(named).split())
        share = len(wanted & have) / len(wanted)
        if share >= (0.5 if subjects else 1.0):  # naming nothing it is about, a side must be the title's words
            scored.append((share, m))
    if not scored:
        return None
    best = max(s for s, _ in scored)
    top = [m for s, m in scored if s == best]
    return top[0] if len(top) == 1 else None


def _about(m: Milestone) -> set[str]:
    return {*m.subjects, f"contender:{m.contender}"}


def birth_year(person: Person) -> int | None:
    """The year a person was born, as their summary (or its Russian text) says it."""
    for text in (person.summary, person.texts.get("ru", {}).get("summary", "")):
        m = _BORN.search(text)
        if m:
            return int(next(g for g in m.groups() if g))
    return None


@dataclass(frozen=True)
class Stay:
    """A stay in orbit: from a launch to the landing that brought the people back."""

    launch: Milestone
    landing: Milestone

    @property
    def days(self) -> float:
        up, down = self.launch.when, self.landing.when
        assert up is not None and down is not None
        return (down - up).total_seconds() / 86400


def stay_of_person(kb: KnowledgeBase, person: Person) -> Stay | None:
    """From the launch a person flew up on (their prime role's flight) to the first landing they came back on."""
    for role in person.roles:
        launch = kb.milestones.get(role.flight.removeprefix("milestone:")) if role.flight else None
        if launch is None or launch.when is None or launch.status is not MilestoneStatus.DONE:
            continue
        if person.id not in prime_crew(kb, launch):
            continue
        landing = _first_landing(kb, {person.id}, launch.when)
        if landing is not None:
            return Stay(launch, landing)
    return None


def stay_of_contender(kb: KnowledgeBase, contender: str) -> Stay | None:
    """A project's stay: its crewed launch that flew (the race's winning one, for the winner), to the
    landing most of that crew came back on ("the film crew": 12 days, though its commander stayed on)."""
    won = kb.milestones.get(kb.race.winning_milestone) if contender == kb.race.winner else None
    launches = (
        [won]
        if won is not None
        else sorted(
            (
                m
                for m in kb.milestones_of(contender)
                if m.crewed and m.when and m.kind is MilestoneKind.LAUNCH and m.status is MilestoneStatus.DONE
            ),
            key=lambda m: m.when or NEVER,
        )
    )
    for launch in launches:
        if launch.when is None:
            continue
        crew = prime_crew(kb, launch)
        landings = [x for p in sorted(crew) if (x := _first_landing(kb, {p}, launch.when)) is not None]
        if landings:
            return Stay(launch, max(landings, key=landings.count))
    return None


def _first_landing(kb: KnowledgeBase, people: set[str], after: datetime) -> Milestone | None:
    ids = {f"person:{p}" for p in people}
    landed = [
        m
        for m in kb.milestones.values()
        if m.kind is MilestoneKind.LANDING and m.when and m.when > after and ids <= set(m.subjects)
    ]
    return min(landed, key=lambda m: m.when or after, default=None)
