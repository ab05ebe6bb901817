"""Finding items by name: exact, alias, prefix, partial and misspelled.

RapidFuzz does the fuzzy scoring: it is a maintained C++ implementation of the Levenshtein
family with token-aware scorers (``WRatio``) that are far faster and better tested than a
hand-rolled edit distance, which matters for autocomplete on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.errors import NotFound
from bot.core.kb import KnowledgeBase
from bot.core.models import Contradiction, Fact
from bot.core.text import normalize

AUTOCOMPLETE_LIMIT = 25
RESOLVE_CUTOFF = 88.0


@dataclass(frozen=True)
class Entry:
    kind: str  # "contender", "person", "milestone", ...
    id: str
    label: str  # what a user sees
    names: tuple[str, ...]  # normalised name and aliases


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


class NameIndex:
    """Names and aliases of one kind of item, searchable by exact, prefix and fuzzy match."""

    def __init__(self, kind: str, entries: Iterable[Entry]) -> None:
        self.kind = kind
        self.entries = list(entries)
        self._choices: list[str] = []
        self._owner: list[int] = []
        for index, entry in enumerate(self.entries):
            for name in entry.names:
                self._choices.append(name)
                self._owner.append(index)
        self._exact: dict[str, int] = {}
        for name, index in zip(self._choices, self._owner, strict=True):
            self._exact.setdefault(name, index)
        for index, entry in enumerate(self.entries):
            self._exact.setdefault(entry.id, index)

    def search(self, query: str, limit: int = AUTOCOMPLETE_LIMIT, cutoff: float = 50.0) -> list[Hit]:
        """Best entries first: exact, then prefix, then fuzzy; each entry once."""
        q = normalize(query)
        if not q:
            return [Hit(e, 0.0) for e in self.entries[:limit]]
        scores: dict[int, float] = {}
        if q in self._exact:
            scores[self._exact[q]] = 200.0
        for name, owner in zip(self._choices, self._owner, strict=True):
            if name.startswith(q) or f" {q}" in f" {name}":
                scores[owner] = max(scores.get(owner, 0.0), 150.0 - len(name) / 100)
        found = process.extract(q, self._choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=cutoff)
        for name, score, pos in found:
            if len(name) * 2 < len(q):  # "eva" inside "zhenya belyaeva" is not the spacewalk
                continue
            owner = self._owner[pos]
            scores[owner] = max(scores.get(owner, 0.0), float(score))
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self.entries[kv[0]].label))
        return [Hit(self.entries[i], s) for i, s in ranked[:limit]]

    def resolve(self, query: str) -> Entry:
        """The one entry meant by ``query``, or :class:`NotFound` with suggestions."""
        hits = self.search(query, limit=5)
        if hits and hits[0].score >= RESOLVE_CUTOFF and normalize(query):
            clear = len(hits) == 1 or hits[0].score - hits[1].score >= 3 or hits[0].score >= 150
            if clear:
                return hits[0].entry
        raise NotFound(self.kind, query, [h.entry.label for h in hits[:3] if h.score >= 50])


def _names(*values: str | Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for text in [value] if isinstance(value, str) else value:
            norm = normalize(text)
            if norm and norm not in out:
                out.append(norm)
    return tuple(out)


@dataclass
class Indexes:
    contenders: NameIndex
    people: NameIndex
    milestones: NameIndex
    topics: NameIndex
    revision: int


def build_indexes(kb: KnowledgeBase) -> Indexes:
    contenders = NameIndex(
        "contender",
        (Entry("contender", c.id, c.name, _names(c.name, c.aliases, c.id)) for c in kb.contenders.values()),
    )
    people = NameIndex(
        "person",
        (
            Entry("person", p.id, p.name, _names(p.name, p.aliases, p.name.split()[-1:], p.id))
            for p in kb.people.values()
        ),
    )
    milestones = NameIndex(
        "milestone",
        (
            Entry(
                "milestone",
                m.id,
                f"{m.title} ({kb.contender_name(m.contender)})",
                _names(m.title, m.aliases, m.id),
            )
            for m in kb.milestones_of()
        ),
    )
    return Indexes(contenders, people, milestones, _topic_index(kb), kb.revision)


def _topic_index(kb: KnowledgeBase) -> NameIndex:
    """Topics from facts and contradictions, plus contender names, for ``/sources TOPIC``."""
    topics: dict[str, set[str]] = {}
    items: list[Fact | Contradiction] = [*kb.facts.values(), *kb.contradictions.values()]
    for item in items:
        for topic in item.topics:
            topics.setdefault(normalize(topic), set()).add(topic)
    entries = [Entry("topic", t, sorted(labels)[0], (t,)) for t, labels in sorted(topics.items())]
    entries += [Entry("topic", c.id, c.name, _names(c.name, c.aliases)) for c in kb.contenders.values()]
    return NameIndex("topic", entries)
