"""The documents /ask ranks: one per item of the knowledge base, with weighted, stemmed fields.

A title counts more than a note; facts, milestones and contradictions are tied to the people
they name, so that a question naming Peresild prefers the texts that name her.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.ask.vocabulary import STOPWORDS, stem
from bot.core.kb import KnowledgeBase
from bot.core.models import Contender, Contradiction, Fact, Milestone, Person
from bot.core.text import tokens


@dataclass
class Doc:
    kind: str
    id: str
    contenders: tuple[str, ...]
    fields: dict[str, float]  # term -> weighted frequency
    length: float
    people: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()  # unstemmed words, for correcting misspellings


def _doc(
    kind: str, item_id: str, contenders: Iterable[str], parts: Iterable[tuple[str, float]], people: tuple[str, ...] = ()
) -> Doc:
    """A document from weighted text parts (a title counts more than a note)."""
    tf: dict[str, float] = defaultdict(float)
    words: set[str] = set()
    length = 0.0
    for text, weight in parts:
        for word in tokens(text):
            if word in STOPWORDS:
                continue
            words.add(word)
            tf[stem(word)] += weight
            length += 1
    owners = tuple(c for c in contenders if c)
    return Doc(kind, item_id, owners, dict(tf), max(length, 1.0), people, frozenset(words))


def _milestone_doc(kb: KnowledgeBase, m: Milestone) -> Doc:
    c = kb.contenders.get(m.contender)
    owner = " ".join([c.name, *c.aliases]) if c else ""
    parts = [
        (m.title, 3.0),
        (" ".join(m.aliases), 2.0),
        (m.kind.value, 1.5),
        (m.vehicle, 1.5),
        (m.location, 1.0),
        (m.note, 0.7),
        (owner, 0.3),
    ]
    return _doc("milestone", m.id, [m.contender], parts)


def _fact_doc(f: Fact) -> Doc:
    return _doc("fact", f.id, [f.contender], [(" ".join(f.topics), 2.5), (f.text, 1.0)])


def _person_doc(p: Person) -> Doc:
    roles = " ".join(r.role for r in p.roles)
    parts = [(p.name, 3.0), (" ".join(p.aliases), 2.0), (roles, 1.5), (p.summary, 0.7)]
    return _doc("person", p.id, [r.contender for r in p.roles], parts, people=(p.id,))


def _contender_doc(c: Contender) -> Doc:
    parts = [
        (c.name, 3.0),
        (" ".join(c.aliases), 2.0),
        (c.status.value + " status", 1.5),
        (c.summary, 0.8),
        (" ".join(c.organisations), 1.0),
        (c.country, 1.0),
    ]
    return _doc("contender", c.id, [c.id], parts)


def _contradiction_doc(d: Contradiction) -> Doc:
    claims = " ".join(c.text for c in d.claims)
    parts = [(d.title, 2.5), (" ".join(d.topics), 2.0), (claims, 0.6), (d.note, 0.4)]
    return _doc("contradiction", d.id, [d.contender], parts)


def _race_doc(kb: KnowledgeBase) -> Doc:
    race = kb.race
    parts = [("who won winner first race beat win", 2.0), (race.name, 1.5), (race.goal, 1.0), (race.summary, 0.5)]
    return _doc("race", "race", [race.winner], parts)


def _mention_keys(p: Person) -> set[str]:
    """The words that name a person in running text: the surname and one-word aliases."""
    keys = {tokens(p.name)[-1]} if tokens(p.name) else set()
    keys |= {t[0] for t in map(tokens, p.aliases) if len(t) == 1}
    return {k for k in keys if len(k) >= 4 and k not in STOPWORDS}


def _mark_mentions(docs: list[Doc], kb: KnowledgeBase) -> None:
    """Tie facts, milestones and contradictions to the people they name, so that a question naming
    Peresild prefers the texts that name her over those of her project that name only others."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for p in kb.people.values():
        for key in _mention_keys(p):
            by_key[key].append(p.id)
    for d in docs:
        named = {pid for word in d.words for pid in by_key.get(word, ())}
        d.people = tuple(sorted(named))


def build_docs(kb: KnowledgeBase) -> list[Doc]:
    """Every item as a document, people's mentions marked."""
    docs = [_milestone_doc(kb, m) for m in kb.milestones.values()]
    docs += [_fact_doc(f) for f in kb.facts.values()]
    docs += [_contradiction_doc(d) for d in kb.contradictions.values()]
    _mark_mentions(docs, kb)
    docs += [_person_doc(p) for p in kb.people.values()]
    docs += [_contender_doc(c) for c in kb.contenders.values()]
    if kb.race.name:
        docs.append(_race_doc(kb))
    return docs
