"""Answering free-text questions from the knowledge base.

Every item (milestone, fact, person, contender, contradiction, and the race itself) becomes a
small document. A question is normalised, its words stemmed (Snowball), misspellings mapped to
known words (RapidFuzz), names of people and contenders recognised, and the kind of question
detected (when, who, where, how many, how long, status, who won). Documents are ranked with
BM25 — weighted by field, boosted by the recognised entities and by how well the document's
kind suits the question — and the best one is answered with its sources and confidence.

When too little of the question is covered by the best document, the engine declines and
suggests commands instead of guessing: a confident wrong answer is worse than none.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.ask.understand import MATCH_CUTOFF, QuestionBank, Reading, RoleHit, read, role_holders
from bot.core.dates import DateStyle
from bot.core.kb import KnowledgeBase
from bot.core.models import Contender, Contradiction, Fact, Milestone, Person, Standing
from bot.core.text import tokens
from bot.core.wording import contradiction_text, last_and_next, provenance, slip_text, sources_text, when_text

K1 = 1.2
B = 0.75
MIN_COVERAGE = 0.6
UNKNOWN_WEIGHT = 1.0
CANDIDATES = 40
MIN_SCORE = 2.0
RUNNER_UP_RATIO = 0.8
MENTION_BOOST = 1.3
NAME_BY_PROJECT_CREDIT = 0.5

_STOPWORDS_TEXT = """
a an the of in on at to for from by with and or is was were are be been being do did does done it
its it's this that these those there their they them he she his her hers him i me my we our you
your what which whom whose how why when where who whos whats wheres whens hows about as into than
then so any some can could would should will shall may might has have had get got tell know please
hey hi bot pls plz thanks thx ok okay just also ever yet still much many long exactly actually
really anyone somebody someone give show find out up me whats' s supposed doing going meant take took
taken come came
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

# Words that only say what kind of answer is wanted; removed from the content terms.
INTENT_WORDS: dict[str, tuple[str, ...]] = {
    "when": ("when", "date", "day", "time", "year", "month", "whn", "wen"),
    "who": ("who", "whom", "whose", "name"),
    "where": ("where", "location", "place"),
    "how_many": ("how many", "how much", "number", "amount", "figure", "total"),
    "how_long": ("how long", "duration", "length"),
    "status": ("status", "cancelled", "canceled", "scrapped", "shelved", "dead", "happening", "still"),
    "winner": ("who won", "won", "winner", "first", "beat", "win", "race"),
}

INTENT_TERMS = frozenset(w for phrases in INTENT_WORDS.values() for phrase in phrases for w in phrase.split())

# Domain synonyms (stems): a question word on the left also searches the words on the right.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "shoot": ("shot", "film"),
    "shot": ("shoot", "film"),
    "paid": ("payday", "pay"),
    "pay": ("payday", "paid"),
    "salari": ("payday",),
    "about": ("plot", "stori"),
    "plot": ("stori", "synopsi"),
    "tall": ("height",),
    "weigh": ("weight",),
    "old": ("age", "born"),
    "fli": ("launch",),
    "flew": ("launch",),
    "lift": ("launch",),
    "liftoff": ("launch",),
    "takeoff": ("launch",),
    "blast": ("launch",),
    "went": ("launch",),
    "go": ("launch",),
    "return": ("land", "undock"),
    "stay": ("spent", "spend"),
    "build": ("built",),
    "built": ("build",),
    "big": ("size", "across", "larg"),
    "larg": ("size", "across", "big"),
    "size": ("across", "big", "larg"),
    "sick": ("ill", "ail", "injur", "patient"),
    "ill": ("sick", "ail", "injur", "patient"),
    "injur": ("ill", "ail", "patient"),
    "spent": ("stay", "spend"),
    "spend": ("stay", "spent"),
    "back": ("land",),
    "touchdown": ("land",),
    "earth": ("land",),
    "director": ("direct",),
    "direct": ("director",),
    "movi": ("film",),
    "film": ("movi",),
    "cost": ("budget",),
    "budget": ("cost",),
    "earn": ("box", "offic", "gross"),
    "made": ("box", "offic", "gross"),
    "make": ("box", "offic", "gross"),
    "gross": ("box", "offic"),
    "revenu": ("box", "offic", "gross"),
    "money": ("budget", "box", "offic"),
    "actor": ("actress",),
    "actress": ("actor",),
    "star": ("actress", "actor", "lead"),
    "iss": ("station",),
    "station": ("iss",),
    "crew": ("crew",),
    "cancel": ("shelv", "scrap"),
    "scrap": ("shelv", "cancel"),
    "shelv": ("scrap", "cancel"),
}

# Terms a kind of question quietly looks for, e.g. "how long" → durations.
INTENT_HINTS: dict[str, tuple[str, ...]] = {
    "how_long": ("day", "hour", "minut", "durat", "length", "runtim", "month"),
    "how_many": ("number", "total", "million", "billion"),
    "where": ("locat", "site", "modul", "place", "where"),
    "when": ("date",),
    "what": (),
}

KIND_WEIGHTS: dict[str, dict[str, float]] = {
    "when": {"milestone": 1.6, "fact": 1.0, "contradiction": 0.8, "person": 0.4, "contender": 0.5, "race": 0.6},
    "who": {"person": 1.6, "fact": 1.1, "milestone": 0.8, "contender": 0.6, "contradiction": 0.8, "race": 0.8},
    "where": {"milestone": 1.3, "fact": 1.3, "contender": 0.6, "person": 0.6, "contradiction": 0.8, "race": 0.5},
    "how_many": {"fact": 1.5, "contradiction": 1.1, "milestone": 0.8, "person": 0.5, "contender": 0.6, "race": 0.5},
    "how_long": {"fact": 1.5, "milestone": 1.0, "contradiction": 1.1, "person": 0.5, "contender": 0.6, "race": 0.5},
    "status": {"contender": 2.0, "milestone": 1.1, "fact": 1.0, "person": 0.5, "contradiction": 0.8, "race": 0.8},
    "winner": {"race": 2.5, "contender": 1.0, "fact": 1.0, "milestone": 0.8, "person": 0.6, "contradiction": 0.8},
    "what": {"fact": 1.2, "milestone": 1.0, "contender": 1.0, "person": 1.0, "contradiction": 0.9, "race": 1.0},
}

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    return _stemmer.stemWord(word) if word.isascii() and word.isalpha() else word


def terms(text: str) -> list[str]:
    return [stem(t) for t in tokens(text) if t not in STOPWORDS]


@dataclass
class Doc:
    kind: str
    id: str
    contenders: tuple[str, ...]
    fields: dict[str, float]  # term -> weighted frequency
    length: float
    people: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()  # unstemmed words, for correcting misspellings


@dataclass
class Query:
    terms: Counter[str] = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    known: dict[int, str | None] = field(default_factory=dict)
    weight: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Ranked:
    index: int
    score: float
    bm25: float
    coverage: float


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


# ---- indexing ------------------------------------------------------------------------


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


class Engine:
    """An index over one revision of the knowledge base; rebuild when ``kb.revision`` moves."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.revision = kb.revision
        docs = [_milestone_doc(kb, m) for m in kb.milestones.values()]
        docs += [_fact_doc(f) for f in kb.facts.values()]
        docs += [_contradiction_doc(d) for d in kb.contradictions.values()]
        _mark_mentions(docs, kb)
        docs += [_person_doc(p) for p in kb.people.values()]
        docs += [_contender_doc(c) for c in kb.contenders.values()]
        if kb.race.name:
            docs.append(_race_doc(kb))
        self.docs = docs
        self.avg_len = sum(d.length for d in docs) / max(len(docs), 1)
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, d in enumerate(docs):
            for term, freq in d.fields.items():
                self.postings[term].append((i, freq))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self.raw_vocab = {w: stem(w) for d in docs for w in d.words if len(w) >= 3}
        self.raw_vocab.update({t: t for t in self.postings if len(t) >= 3 and t.isalpha()})
        self.raw_words = list(self.raw_vocab)
        self._names = self._name_table()
        self._projects = {p.id: frozenset(r.contender for r in p.roles) for p in kb.people.values()}
        self._by_item = {(d.kind, d.id): i for i, d in enumerate(docs)}
        self.bank = QuestionBank(kb)

    def _name_table(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Normalised names of people and contenders, for recognising them in a question."""
        names: list[str] = []
        owners: list[tuple[str, str]] = []
        for p in self.kb.people.values():
            for n in {p.name, *p.aliases, p.name.split()[-1]}:
                names.append(" ".join(tokens(n)))
                owners.append(("person", p.id))
        for c in self.kb.contenders.values():
            for n in {c.name, *c.aliases}:
                names.append(" ".join(tokens(n)))
                owners.append(("contender", c.id))
        return names, owners

    # ---- query understanding --------------------------------------------------------

    def _correct(self, word: str) -> str | None:
        """The known term a (possibly misspelled) query word stands for, or None."""
        term = stem(word)
        if term in self.postings:
            return term
        if len(word) < 4 or not self.raw_vocab:
            return None
        edits = 1 if len(word) <= 6 else 2  # typos, not other words: "paris" must not become "polaris"
        hit = process.extractOne(word, self.raw_words, scorer=OSA.distance, score_cutoff=edits)
        if hit is None or (hit[0][0] != word[0] and hit[0][:2] != word[1::-1]):
            return None
        return self.raw_vocab[hit[0]]

    def _via_synonym(self, word: str) -> str | None:
        """The rarest indexed synonym of a word the index does not know, if any."""
        known = [syn for syn in SYNONYMS.get(stem(word), ()) if syn in self.postings]
        return max(known, key=self.idf.__getitem__, default=None)

    def _recognise(self, words: list[str]) -> tuple[set[str], set[str], dict[int, tuple[str, str]]]:
        """People and contenders named in the question (fuzzy), and which word positions named whom."""
        names, owners = self._names
        people: set[str] = set()
        contenders: set[str] = set()
        used: dict[int, tuple[str, str]] = {}
        for size in (3, 2, 1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if used.keys() & set(span):
                    continue
                gram = " ".join(words[start : start + size])
                if len(gram) < 4 or words[start] in STOPWORDS or words[start + size - 1] in STOPWORDS:
                    continue
                hit = process.extractOne(gram, names, scorer=fuzz.ratio, score_cutoff=86)
                if hit:
                    kind, item = owners[hit[2]]
                    (people if kind == "person" else contenders).add(item)
                    used.update(dict.fromkeys(span, (kind, item)))
        for pid in people:
            contenders.update(self._projects[pid])
        return people, contenders, used

    # ---- answering ------------------------------------------------------------------

    def ask(self, question: str, style: DateStyle, now: datetime) -> Answer:
        question = question.strip()
        words = fix_question_words(tokens(question))
        intent = detect_intent(" ".join(words))
        people, contenders, used = self._recognise(words)
        named_contenders = {item for kind, item in used.values() if kind == "contender"}
        reading = read(question, people, named_contenders)
        if reading.instruction:
            return self._decline(question, intent)
        understood = self._understood(question, reading, intent, style, now)
        if understood is not None:
            return understood
        query = self._query(words, intent, used)
        if not query.terms and not people and not contenders and intent != "winner":
            return self._decline(question, intent)
        ranked = self._rank(query, intent, people, contenders, used)
        if not ranked:
            return self._decline(question, intent)
        best = ranked[0]
        if best.bm25 < MIN_SCORE or best.coverage < MIN_COVERAGE:
            answer = self._decline(question, intent)
            answer.score, answer.coverage = best.score, best.coverage
            return answer
        if not self._agrees(self.docs[best.index], reading):
            return self._decline(question, intent)  # about someone else: better "I don't know" than a wrong answer
        answer = self._compose(question, self.docs[best.index], intent, style, now)
        answer.score, answer.coverage = best.score, best.coverage
        runner = next(
            (
                r
                for r in ranked[1:4]
                if r.score >= best.score * RUNNER_UP_RATIO
                and r.coverage >= MIN_COVERAGE
                and self.docs[r.index].kind != "race"
                and self._same_subject(self.docs[best.index], self.docs[r.index])
            ),
            None,
        )
        if runner is not None:
            extra = self._compose(question, self.docs[runner.index], intent, style, now)
            answer.text += f"\n\n**Related:** {extra.text}"
            answer.sources += [s for s in extra.sources if s not in answer.sources]
        return answer

    def _query(self, words: list[str], intent: str = "what", names: Collection[int] = ()) -> Query:
        """Content terms of the question, corrected to known terms, weighted by rarity."""
        query = Query()
        for i, word in enumerate(words):
            if word in STOPWORDS or word in INTENT_TERMS:
                continue
            known = self._correct(word)
            query.positions.append(i)
            query.known[i] = known
            query.weight[i] = self.idf.get(known, self.max_idf) if known else self.max_idf * UNKNOWN_WEIGHT
            if known is None and (via := self._via_synonym(word)):
                # "building" is not in the index but "built" is: search for it as that word
                query.known[i] = stem(word)  # keeps the weight of a word the index lacks
                query.terms[via] += 1
                continue
            if known:
                query.terms[known] += 2 if i in names else 1
                for syn in SYNONYMS.get(known, ()):
                    if syn in self.postings and syn != known:
                        query.terms[syn] += 0.5
        for hint in INTENT_HINTS.get(intent, ()):
            if hint in self.postings:
                query.terms[hint] += 0.3
        return query

    def _bm25(self, terms_: Counter[str]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        for term, qf in terms_.items():
            idf = self.idf.get(term, 0.0)
            for index, freq in self.postings.get(term, ()):
                d = self.docs[index]
                norm = freq * (K1 + 1) / (freq + K1 * (1 - B + B * d.length / self.avg_len))
                scores[index] += idf * norm * qf
        return scores

    def _rank(
        self, query: Query, intent: str, people: set[str], contenders: set[str], used: dict[int, tuple[str, str]]
    ) -> list[Ranked]:
        """BM25 candidates re-ranked by kind, named entities and coverage of the question."""
        scores = self._bm25(query.terms)
        candidates = sorted(scores, key=scores.__getitem__, reverse=True)[:CANDIDATES]
        if people or contenders:
            related = [i for i, d in enumerate(self.docs) if people & set(d.people) or contenders & set(d.contenders)]
            related.sort(key=lambda i: scores.get(i, 0.0), reverse=True)
            candidates += [i for i in related[:CANDIDATES] if i not in candidates]
        if intent == "winner":
            candidates += [i for i, d in enumerate(self.docs) if d.kind == "race" and i not in candidates]
            scores = {**scores, **{i: scores.get(i, 0.0) + 5.0 for i in candidates if self.docs[i].kind == "race"}}
        names_only = all(i in used for i in query.positions)
        kinds = KIND_WEIGHTS[intent]
        out = []
        for index in candidates:
            d = self.docs[index]
            base = scores.get(index, 0.0)
            boost = kinds.get(d.kind, 1.0)
            if contenders & set(d.contenders):
                boost *= 1.3
            if people & set(d.people):
                if d.kind == "person":  # a biography answers "who is X", less so "when did X land"
                    boost *= 2.0 if names_only else 0.8
                else:
                    boost *= MENTION_BOOST
            coverage = self._coverage(d, query, used)
            bonus = 2.0 if (people & set(d.people) or contenders & set(d.contenders)) else 0.0
            out.append(Ranked(index, (base + bonus) * boost * coverage**2, base + bonus, coverage))
        out.sort(key=lambda r: -r.score)
        return out

    def _coverage(self, doc: Doc, query: Query, used: dict[int, tuple[str, str]]) -> float:
        """The rarity-weighted share of the question's content words this document accounts for.

        A name counts as covered by documents about that very person or contender; a person's
        name half-counts for another document of their project, which may not name them."""
        total = matched = 0.0
        for i in query.positions:
            weight = query.weight[i]
            total += weight
            known = query.known[i]
            forms = {known, *SYNONYMS.get(known or "", ())}
            if known and forms & doc.fields.keys():
                matched += weight
            elif i in used:
                matched += weight * self._name_credit(doc, *used[i])
        return matched / total if total else 1.0

    def _name_credit(self, doc: Doc, kind: str, item: str) -> float:
        if kind == "contender":
            return 1.0 if item in doc.contenders else 0.0
        if item in doc.people:
            return 1.0
        if not self._projects.get(item, frozenset()) & set(doc.contenders):
            return 0.0
        # same project: "the film crew" may include them; a text naming only others is about others
        return NAME_BY_PROJECT_CREDIT / (2 if doc.people else 1)

    # ---- composing ------------------------------------------------------------------

    def _decline(self, question: str, intent: str) -> Answer:
        return Answer(
            question=question,
            answered=False,
            intent=intent,
            text="I don't know that one from the sources I have, and I'd rather not guess. "
            "Try /race for the overview, /timeline for dates, /contender or /person for details, "
            "or /sources TOPIC for the evidence.",
            suggestions=["/race", "/timeline", "/contender", "/person", "/sources"],
        )

    def _compose(self, question: str, doc: Doc, intent: str, style: DateStyle, now: datetime) -> Answer:
        kb = self.kb
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
            return self._race_answer(question, style, intent)
        text += self._dispute_note(doc)
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

    def _race_answer(self, question: str, style: DateStyle, intent: str) -> Answer:
        kb = self.kb
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

    def _dispute_note(self, doc: Doc) -> str:
        """A contradiction about the very detail answered (same attribute, same subject), never a neighbour's."""
        if doc.kind not in ("fact", "milestone"):
            return ""
        ref = f"{doc.kind}:{doc.id}"
        item = self.kb.facts.get(doc.id) if doc.kind == "fact" else None
        for d in self.kb.contradictions.values():
            if item is not None and item.attribute:
                if d.attribute == item.attribute and set(d.subjects) & set(item.subjects):
                    break
            elif ref in d.subjects and d.attribute in ("date", "launch", "landing", "docking", "undocking"):
                break
        else:
            return ""
        topic = d.topics[0] if d.topics else d.title
        return f"\n⚖️ Sources disagree on this: {d.title} (see /sources {topic})."

    def _subjects(self, doc: Doc) -> set[str]:
        if doc.kind == "fact":
            return set(self.kb.facts[doc.id].subjects) or {f"contender:{c}" for c in doc.contenders}
        if doc.kind == "milestone":
            return {f"milestone:{doc.id}", *self.kb.milestones[doc.id].subjects}
        return {f"{doc.kind}:{doc.id}"}

    def _same_subject(self, a: Doc, b: Doc) -> bool:
        return bool(self._subjects(a) & self._subjects(b))

    # ---- understood questions: roles, and the questions items answer ---------------

    def _understood(
        self, question: str, reading: Reading, intent: str, style: DateStyle, now: datetime
    ) -> Answer | None:
        if reading.asks_role:
            hits = role_holders(self.kb, reading, self.kb.race.winner)
            if hits:
                return self._role_answer(question, reading, hits, intent)
        by_kind = self._by_answer_kind(question, reading, intent, style, now)
        if by_kind is not None:
            return by_kind
        for entry, score in self.bank.match(question):
            if score < MATCH_CUTOFF:
                break
            doc_index = self._by_item.get((entry.kind, entry.item_id))
            if doc_index is None or not self._agrees(self.docs[doc_index], reading):
                continue
            answer = self._compose(question, self.docs[doc_index], intent, style, now)
            answer.score, answer.coverage = score, 1.0
            return answer
        return None

    def _by_answer_kind(
        self, question: str, reading: Reading, intent: str, style: DateStyle, now: datetime
    ) -> Answer | None:
        """ "How long/how many/how much" about a subject: only facts giving that kind of answer about it compete."""
        if not reading.answer_kind:
            return None
        if not reading.people and not reading.contenders:  # no subject named: the race's own film
            reading = replace(reading, contenders={self.kb.race.winner})
        words = fix_question_words(tokens(question))
        scores = self._bm25(self._query(words, intent).terms)
        best, best_score = None, 0.0
        for index, score in scores.items():
            doc = self.docs[index]
            if doc.kind != "fact" or self.kb.facts[doc.id].answer_kind != reading.answer_kind:
                continue
            if self._agrees(doc, reading) and score > best_score:
                best, best_score = doc, score
        if best is None or best_score < MIN_SCORE:
            return None
        answer = self._compose(question, best, intent, style, now)
        answer.score, answer.coverage = best_score, 1.0
        return answer

    def _agrees(self, doc: Doc, reading: Reading) -> bool:
        """An item answers a question naming people or contenders only if it is about one of them."""
        subjects = self._subjects(doc) | {f"person:{p}" for p in doc.people}
        if reading.people:  # a person is the most specific subject a question can name
            return bool({f"person:{p}" for p in reading.people} & subjects)
        if reading.contenders:
            subjects |= {f"contender:{c}" for c in doc.contenders}
            return bool({f"contender:{c}" for c in reading.contenders} & subjects)
        return True

    def _role_answer(self, question: str, reading: Reading, hits: list[RoleHit], intent: str) -> Answer:
        kb = self.kb
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


_HOW = re.compile(r"\bhow (many|much|long)\b")


# Question words as members mistype them.
QUESTION_TYPOS = {
    "wat": "what", "wht": "what", "whta": "what", "waht": "what", "wut": "what",
    "wher": "where", "whre": "where", "wehre": "where",
    "hw": "how", "hwo": "how", "whos": "who", "wich": "which", "whcih": "which",
}  # fmt: skip
_LEADING = {"who": "who", "whom": "who", "whose": "who", "when": "when", "where": "where"}


def fix_question_words(words: list[str]) -> list[str]:
    return [QUESTION_TYPOS.get(w, w) for w in words]


def detect_intent(text: str) -> str:
    """The kind of answer a normalised question asks for.

    "How many/long" decide first; then the question word that comes first, so "who called
    her when she arrived" asks who, not when."""
    how = _HOW.search(text)
    if how:
        return "how_long" if how.group(1) == "long" else "how_many"
    words = set(text.split())
    if {"won", "winner", "win", "beat"} & words or re.search(r"\b(who|which).*\bfirst\b", text):
        return "winner"
    leading = next((_LEADING[w] for w in text.split()[:2] if w in _LEADING), None)
    if leading:
        return leading
    if words & {"when", "whn", "wen", "date"} or re.search(r"\bwhat (time|day|year|month)\b", text):
        return "when"
    if words & {"where"}:
        return "where"
    if words & {"who", "whom", "whose"}:
        return "who"
    if words & {"status", "cancelled", "canceled", "scrapped", "shelved", "dead", "happening", "still"}:
        return "status"
    return "what"


def answer_sources_text(answer: Answer, style: DateStyle) -> str:
    if not answer.answered:
        return ""
    prov = f"{answer.confidence}, verified {answer.verified}" if answer.verified else answer.confidence
    return f"{sources_text(answer.sources, style)}\n({prov})"


__all__ = ["Answer", "Engine", "answer_sources_text", "detect_intent", "provenance"]
