"""The knowledge base in memory: every read is served from here, never from disk.

It is built from the store at startup and replaced item by item as edits commit. The
``revision`` counter lets caches (rendered images, search indexes) know when to rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.core.dates import period_end
from bot.core.models import (
    OPEN_STATUSES,
    Contender,
    ContenderRole,
    Contradiction,
    Fact,
    Milestone,
    MilestoneStatus,
    Person,
    Precision,
    from_dict,
    to_dict,
)

COLLECTIONS: dict[str, type] = {
    "contenders": Contender,
    "people": Person,
    "milestones": Milestone,
    "facts": Fact,
    "contradictions": Contradiction,
}
RACE_TABLE = "race"


@dataclass
class Race:
    """What the race is about and who got there first (if anyone yet)."""

    name: str = ""
    goal: str = ""
    winner: str = ""
    winning_milestone: str = ""
    summary: str = ""
    sources: list[str] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # language → name/goal/summary


@dataclass
class KnowledgeBase:
    race: Race = field(default_factory=Race)
    contenders: dict[str, Contender] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    contradictions: dict[str, Contradiction] = field(default_factory=dict)
    revision: int = 0

    # ---- loading and saving -------------------------------------------------------

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> KnowledgeBase:
        """Build from a seed or export document (validating every item)."""
        kb = cls(race=Race(**data.get("race", {})))
        for name, model in COLLECTIONS.items():
            items: list[Any] = [from_dict(model, doc) for doc in data.get(name, [])]
            getattr(kb, name).update({item.id: item for item in items})
        return kb

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"race": dict(self.race.__dict__)}
        for name in COLLECTIONS:
            data[name] = [to_dict(item) for item in getattr(self, name).values()]
        return data

    def touch(self) -> None:
        self.revision += 1

    def replace_with(self, other: KnowledgeBase) -> None:
        """Take ``other``'s items in place (services hold this object), as a new revision."""
        self.race = other.race
        for name in COLLECTIONS:
            items = getattr(self, name)
            items.clear()
            items.update(getattr(other, name))
        self.touch()

    # ---- queries -------------------------------------------------------------------

    def milestones_of(self, contender_id: str | None = None) -> list[Milestone]:
        items: Iterable[Milestone] = self.milestones.values()
        if contender_id:
            items = (m for m in items if m.contender == contender_id)
        return sorted(items, key=milestone_sort_key)

    def people_of(self, contender_id: str) -> list[Person]:
        return [p for p in self.people.values() if any(r.contender == contender_id for r in p.roles)]

    def facts_of(self, contender_id: str) -> list[Fact]:
        return [f for f in self.facts.values() if f.contender == contender_id]

    def contradictions_of(self, contender_id: str) -> list[Contradiction]:
        return [c for c in self.contradictions.values() if c.contender == contender_id]

    def contenders_in_order(self) -> list[Contender]:
        """Contenders first, then precedents and related efforts; each by first milestone."""
        rank = {ContenderRole.CONTENDER: 0, ContenderRole.PRECEDENT: 1, ContenderRole.RELATED: 2}
        first = {cid: self.milestones_of(cid)[:1] for cid in self.contenders}

        def key(c: Contender) -> tuple[int, str, str]:
            head = first[c.id]
            return (rank[c.role], head[0].date or "9999" if head else "9999", c.name)

        return sorted(self.contenders.values(), key=key)

    def next_milestone(self, contender_id: str, now: datetime) -> Milestone | None:
        """The earliest open milestone whose period has not ended yet."""
        for m in self.milestones_of(contender_id):
            when = m.when
            if m.status in OPEN_STATUSES and when is not None and period_end(when, m.precision) > now:
                return m
        return None

    def last_done(self, contender_id: str) -> Milestone | None:
        done = [m for m in self.milestones_of(contender_id) if m.status is MilestoneStatus.DONE and m.date]
        return done[-1] if done else None

    def contender_name(self, contender_id: str) -> str:
        c = self.contenders.get(contender_id)
        return c.name if c else contender_id


def milestone_sort_key(m: Milestone) -> tuple[str, int, str]:
    """Chronological; undated milestones last; coarser precision after finer on ties."""
    order = list(Precision).index(m.precision)
    return (m.date or "9999-12-31T23:59:59Z", order, m.title)
