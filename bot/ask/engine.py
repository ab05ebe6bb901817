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
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.ask.acceptor import Accepting, Candidate, default_acceptor, measures
from bot.ask.claims import ClaimIndex, DisputeIndex, asks_if_settled, asks_if_true, asks_why_versions_differ
from bot.ask.compose import (
    Answer,
    Side,
    age_at_launch_answer,
    character_answer,
    claim_denied,
    compare_answer,
    compose,
    crew_answer,
    decline,
    dispute_explained,
    gives_kind,
    key_milestone,
    longer_answer,
    older_answer,
    only_one_flew,
    role_answer,
    stay_answer,
)
from bot.ask.flights import (
    FLIGHT_NUMBER,
    THE_CREW,
    WHOSE_BACKUP,
    aboard,
    backed_up,
    film_crew,
    flight_event,
    journey,
    only_the_journey,
    prime_crew,
    same_craft,
    together,
)
from bot.ask.index import Doc, build_docs
from bot.ask.sides import (
    AGE,
    LONGER,
    NEVER,
    YOUNGER,
    Stay,
    birth_year,
    by_nation,
    event,
    stay_of_contender,
    stay_of_person,
)
from bot.ask.understand import (
    GENERIC,
    MATCH_CUTOFF,
    MORE_TIME,
    BankEntry,
    QuestionBank,
    Reading,
    RoleHit,
    answer_kind,
    asked_attribute,
    asks_beyond_the_record,
    asks_character,
    asks_for_several_people,
    asks_future_release,
    asks_who_won,
    asks_yes_or_no,
    duration_about_something_else,
    gives_money,
    gives_no_reason,
    is_form_word,
    is_russian,
    key,
    lacks_personal_detail,
    milestone_kind,
    misses_the_category,
    misses_the_country,
    misses_the_expansion,
    misses_the_year,
    named_flights,
    names_no_new_place,
    numbers,
    part_asked,
    plain_russian,
    question_class,
    read,
    role_holders,
    says_yes_or_no,
    time_of_another_event,
)
from bot.ask.vocabulary import (
    CANDIDATES,
    DID_YOU_MEAN,
    INTENT_HINTS,
    INTENT_TERMS,
    K1,
    KIND_WEIGHTS,
    MENTION_BOOST,
    MIN_COVERAGE,
    MIN_COVERAGE_TRANSLATED,
    MIN_SCORE,
    NAME_BY_PROJECT_CREDIT,
    QUESTION_TYPOS,
    RUNNER_UP_RATIO,
    STOPWORDS,
    SYNONYMS,
    UNKNOWN_WEIGHT,
    B,
    detect_intent,
    fix_question_words,
    from_russian,
    in_english,
    stem,
    transliterate,
)
from bot.core.dates import DateStyle, in_language
from bot.core.i18n import DEFAULT, tr
from bot.core.kb import KnowledgeBase
from bot.core.models import (
    ContenderStatus,
    Contradiction,
    Fact,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    Person,
    Standing,
)
from bot.core.text import split_said, tokens
from bot.core.wording import field_in, local

Recognised = tuple[set[str], set[str], dict[int, tuple[str, str]]]  # people, contenders, position → named


@dataclass
class Query:
    terms: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    positions: list[int] = field(default_factory=list)
    known: dict[int, str | None] = field(default_factory=dict)
    weight: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Asked:
    """One question as the answering steps share it: its text, how it was read, and the names in it."""

    question: str
    reading: Reading
    intent: str
    style: DateStyle
    now: datetime
    words: list[str]  # the question's words, Russian ones mapped to the English index
    used: dict[int, tuple[str, str]]  # word position → the (kind, id) it names

    def __iter__(self) -> Iterator[Any]:
        return iter((self.question, self.reading, self.intent, self.style, self.now, self.words, self.used))


@dataclass(frozen=True)
class Ranked:
    index: int
    score: float
    bm25: float
    coverage: float


class Engine:
    """An index over one revision of the knowledge base; rebuild when ``kb.revision`` moves."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.revision = kb.revision
        docs = build_docs(kb)
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
        self.claims = ClaimIndex(kb)
        self.disputes = DisputeIndex(kb)
        self.acceptor: Accepting = default_acceptor()
        self._vocabularies: dict[int, frozenset[str]] = {}
        self.outlets = outlets(kb)
        self._milestone_names = _milestone_table(kb)
        self._designators = known_designators(kb)
        self.ru_index = [_russian_stems(kb, d) for d in docs]
        self.ru_words = sorted(frozenset().union(*self.ru_index))  # every Russian stem the items use
        n_docs = max(len(docs), 1)
        frequency: dict[str, int] = defaultdict(int)
        for stems in self.ru_index:
            for w in stems:
                frequency[w] += 1
        self.ru_idf = {w: math.log(1 + n_docs / f) for w, f in frequency.items()}
        self._russian_known: dict[str, bool] = {}  # word → whether an item's Russian text has it (see _known_russian)
        self._flown: dict[str, frozenset[str]] = {}  # question → contenders of the flights it names

    def _name_table(self) -> tuple[list[str], list[tuple[str, str]]]:
        """Normalised names of people and contenders, for recognising them in a question."""
        names: list[str] = []
        owners: list[tuple[str, str]] = []
        for p in self.kb.people.values():
            russian = p.texts.get("ru", {}).get("name", "")  # "Донна Лэнгли": her Russian name, and "Лэнгли"
            surnames = {a.split()[-1] for a in (*p.aliases, russian) if len(a.split()) > 1 and is_russian(a)}
            surnames |= {russian} if russian else set()
            stems = {key(n) for n in surnames}
            for n in {p.name, *p.aliases, p.name.split()[-1], *surnames, *stems}:  # "Пересильд" as well as "Peresild"
                names.append(" ".join(tokens(n)))
                owners.append(("person", p.id))
        for c in self.kb.contenders.values():
            # and its Russian title, where the translation quotes one: «Апогей страха», «Обратный отсчёт»
            titles = [t for t in re.findall(r"«([^»]+)»", c.texts.get("ru", {}).get("name", "")) if len(t) >= 6]
            in_russian = [*titles, *(a for a in c.aliases if is_russian(a))]
            for n in {c.name, *c.aliases, *titles, *(key(a) for a in in_russian)}:
                names.append(" ".join(tokens(n)))
                owners.append(("contender", c.id))
        return names, owners

    # ---- query understanding --------------------------------------------------------

    def _question_words_fixed(self, question: str) -> str:
        """The question with its misspelt question words put right ("whn did …" → "when did …"), so that every
        step reads the question word meant."""
        return QUESTION_WORD_TYPO.sub(lambda m: QUESTION_TYPOS[m.group(0).casefold()], question)

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

    def _recognise(self, words: list[str]) -> Recognised:
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
                if hit is not None and size > 1 and not _word_by_word(gram, hit[0]):
                    hit = None  # "peresild fly" is not "peresild film": one slip per word, not one word for another
                if hit is None and size == 1 and is_russian(gram):  # "круза": inflected; "лиман": spelled out
                    hit = process.extractOne(key(gram), names, scorer=fuzz.ratio, score_cutoff=86)
                    hit = hit or process.extractOne(transliterate(gram), names, scorer=fuzz.ratio, score_cutoff=86)
                if hit:
                    kind, item = owners[hit[2]]
                    (people if kind == "person" else contenders).add(item)
                    used.update(dict.fromkeys(span, (kind, item)))
        self._films_named_by_people(words, people, contenders, used)
        for pid in people:
            contenders.update(self._projects[pid])
        return people, contenders, used

    def _films_named_by_people(
        self, words: list[str], people: set[str], contenders: set[str], used: dict[int, tuple[str, str]]
    ) -> None:
        """ "The cruise movie", "фильм круза": a person's name used as the name of their one project."""
        for pid in list(people):
            spans = [i for i, owner in used.items() if owner == ("person", pid)]
            projects = self._projects.get(pid, frozenset())
            if len(projects) != 1:
                continue
            if not _names_a_film(words, min(spans), max(spans)):
                continue
            project = next(iter(projects))
            people.discard(pid)
            contenders.add(project)
            used.update(dict.fromkeys(spans, ("contender", project)))

    # ---- answering ------------------------------------------------------------------

    def ask(self, question: str, style: DateStyle, now: datetime) -> Answer:
        question = self._question_words_fixed(plain_russian(question.strip()))
        original = fix_question_words(tokens(question))
        recognised = self._recognise(original)
        if asks_why_versions_differ(question) and (dispute := self.disputes.explaining(question)) is not None:
            lang = answer_language(question)  # "why do some sites say … and others …": the dispute's reading
            return dispute_explained(question, dispute, detect_intent(question), in_language(style, lang))
        answer = self._answer(question, style, now, original, recognised)
        if not (answer.answered or answer.item_id or answer_language(question) != "ru"):
            # Declined through the English index (which a Russian question reaches word by word, through a
            # lexicon): try the items' own Russian texts before saying "I don't know".
            answer = self._by_russian_text(question, style, now, original, recognised) or answer
        if not answer.answered and answer.unmatched:
            answer = self._bank_fallback(question, style, now, original, recognised) or answer
        answer = self._settled(question, self._claim_checked(question, answer, style))
        answer = self._released(question, self._yes_or_no_said(question, answer, recognised[0]))
        if answer.answered and answer_kind(question.casefold()) == "money" and not gives_money(answer.text):
            return self._decline(question, answer.intent)  # "how much did he pay": an answer without a sum is none
        if answer.answered and answer.kind == "person" and question_class(question) == "why":
            return self._decline(question, answer.intent)  # who someone is does not say why something happened
        if answer.answered and answer.card and answer.kind == "person" and asks_for_several_people(question):
            return self._decline(question, answer.intent)  # one of several people asked for is a wrong answer
        if answer.answered and answer.card and answer.kind == "contender" and asks_who_won(question):
            return self._decline(question, answer.intent)  # its status is not who won it
        if answer.answered and misses_the_year(question, answer.text):
            return self._decline(question, answer.intent)  # about another year than the one asked
        if answer.answered and lacks_personal_detail(question, answer.text):
            return self._decline(question, answer.intent)  # "how tall is shipenko": his card says nothing of it
        if answer.answered and duration_about_something_else(question, answer.text):
            return self._decline(question, answer.intent)  # "how long did the training last": "a four-hour simulation"
        if answer.answered and answer.kind == "milestone" and KIND_OR_MANNER.search(question.casefold()):
            return self._decline(question, answer.intent)  # "what kind of spacewalk", "how was she picked": a date card
        if answer.answered and OUTLET_ASKED.search(question.casefold()) and not self._names_an_outlet(answer.text):
            return self._decline(question, answer.intent)  # "which outlets called it year-long": none named
        if answer.answered and misses_the_expansion(question, answer.text):
            return self._decline(question, answer.intent)  # "what does see stand for": the plot, no expansion
        if answer.answered and misses_the_country(question, answer.text):
            return self._decline(question, answer.intent)  # "how much did it make in china": its total elsewhere
        if answer.answered and asks_who_won(question) and not WON.search(answer.text) and answer.kind != "race":
            return self._decline(question, answer.intent)  # "who won space hero": an item naming no winner
        if answer.answered and CHARACTER_NAME.search(question.casefold()) and not self._names_a_character(answer):
            return self._decline(question, answer.intent)  # "tom cruise's character's name": no part is recorded
        if answer.answered and misses_the_category(question, answer.text):
            return self._decline(question, answer.intent)  # "which studio …" answered without a studio
        if answer.answered and names_no_new_place(question, answer.text):
            return self._decline(question, answer.intent)  # "where was the moscow premiere": "in Moscow"
        if (
            answer.answered
            and answer.kind == "person"
            and self._holds_no_such_role(question, answer.item_id, recognised)
        ):
            return self._decline(question, answer.intent)  # "who commanded the soyuz": its backup commander's card
        if (
            answer.answered
            and answer.kind == "person"
            and not recognised[0]
            and THING_ASKED.search(question.casefold())
        ):
            return self._decline(question, answer.intent)  # "на какой станции снимали …": its director's card
        if answer.answered and self._another_attribute(question, answer):
            return self._decline(question, answer.intent)  # "what is the film about": its stated aims
        if answer.answered and self._says_what_not_why(answer) and gives_no_reason(question, answer.text):
            return self._decline(question, answer.intent)  # "why was krikalev demoted": the card of his demotion
        if (
            answer.answered
            and answer.kind == "person"
            and ASKS_WHEN.match(question.casefold())
            and not BIRTH.search(question.casefold())
        ):
            return self._decline(question, answer.intent)  # "when did langley talk about a spacewalk": her card
        if answer.answered and self._someones_pay_unasked(question, answer):
            return self._decline(question, answer.intent)  # "cruise space film: how much $$": its budget, not his fee
        if answer.answered and self._outlet_unquoted(question, answer.text):
            return self._decline(question, answer.intent)  # "what did celebmezzo say it cost": the budget, not theirs
        if answer.answered and answer.kind == "person" and self._left_out(question, answer.item_id):
            return self._decline(question, answer.intent)  # "кто кроме актрисы полетел": the actress's own card
        if answer.answered and self._someone_elses_words(question, answer, recognised[0]):
            return self._decline(question, answer.intent)  # "what did liman say in 2023": cruise's words
        if answer.answered and designators(question) - self._designators:
            return self._decline(question, answer.intent)  # "скока стоит билет на ax-2": a flight never recorded
        if answer.answered and time_of_another_event(question, answer.text):
            return self._decline(question, answer.intent)  # "во сколько был старт": the time of the docking
        return answer

    def _settled(self, question: str, answer: Answer) -> Answer:
        """ "Do all sources agree on dudin's role?" answered by that dispute (its card, or the note that points
        to it): No, they disagree, whatever the answer's first words said."""
        if not answer.answered or not asks_if_settled(question):
            return answer
        disputed = answer.kind == "contradiction" or DISPUTE_MARK in answer.text
        if not disputed:
            return answer
        text = re.sub(r"^\*\*(yes|no|да|нет)\*\* — ", "", answer.text, flags=re.IGNORECASE)
        answer.text = tr("answer.no", answer_language(question), text=text)
        return answer

    def _names_an_outlet(self, text: str) -> bool:
        """Whether a text names an outlet the sources come from (by its host name: "tass", "variety", …)."""
        folded = text.casefold()
        joined = folded.replace(" ", "")  # "page six" as its host name spells it
        return bool(set(re.findall(r"\w+", folded)) & SHORT_OUTLETS) or any(label in joined for label in self.outlets)

    def _names_a_character(self, answer: Answer) -> bool:
        """Whether an answer gives a part someone plays: a recorded character is in its text."""
        parts = {r.character.casefold() for p in self.kb.people.values() for r in p.roles if r.character}
        text = answer.text.casefold()
        return any(part in text for part in parts) or "plays" in text or "играет" in text

    def _role_held(self, asked: Asked) -> Answer | None:
        """ "Was eduard iloyan one of the producers?": Yes, when the one person named holds that role (on the
        project named, if any, and as backup only when backup is asked). A role not held is left to the other
        steps: the typed roles say what someone was, not everything they were not."""
        question, reading, intent, *_ = asked
        if not asks_yes_or_no(question) or len(reading.people) != 1 or not reading.functions:
            return None
        folded = question.casefold()
        if "*" in reading.functions or NEGATED.search(folded) or NOT_JUST_THE_ROLE.search(folded):
            return None  # "was shipenko the first director in orbit": more than the role is asked
        person = self.kb.people.get(next(iter(reading.people)))
        if person is None:
            return None
        wanted = reading.standing or Standing.PRIME
        hits = [
            RoleHit(person, r)
            for r in person.roles
            if set(r.functions) & set(reading.functions)
            and r.standing is wanted
            and (not reading.contenders or r.contender in reading.contenders)
            and (not reading.lead or r.lead)
        ]
        if not hits:
            return None
        lang = answer_language(question)
        answer = role_answer(self.kb, question, reading, hits[:1], intent, lang)
        answer.text = tr("answer.yes", lang, text=answer.text)
        return answer

    def _claim_checked(self, question: str, answer: Answer, style: DateStyle) -> Answer:
        """ "Aero-news said the gear flew on ms-17, is that right?": a claim the sources show to be an error
        is answered "No —" (see claims.py), unless the answer already says yes or no by itself."""
        if answer.answered and says_yes_or_no(answer.text):
            return answer
        if not asks_if_true(question) or (checked := self.claims.check(question)) is None:
            return answer
        lang = answer_language(question)
        return claim_denied(question, checked.contradiction, answer.intent, in_language(style, lang))

    def _part_unplayed(self, question: str, hits: list[RoleHit]) -> bool:
        """A "who plays the X" question whose part none of the actors found is recorded as playing."""
        part = {PART_SAME.get(w, w) for w in key(part_asked(question)).split()}
        if not part:
            return False
        for hit in hits:
            played = f"{hit.role.character} {local(hit.person, f'character:{hit.role.contender}', '', 'ru')}"
            if part & set(key(played).split()):
                return False
        return True

    def _someone_elses_words(self, question: str, answer: Answer, people: set[str]) -> bool:
        """ "What did X say about …" answered by an item about what someone else said ("what did liman say in
        2023": Cruise's "working on it diligently"): an item naming people, none of them X."""
        if not SAYS_WHAT.search(question.casefold()) or len(people) != 1 or answer.kind not in ("fact", "milestone"):
            return False
        item = self.kb.facts.get(answer.item_id) if answer.kind == "fact" else self.kb.milestones.get(answer.item_id)
        about = {s.removeprefix("person:") for s in getattr(item, "subjects", ()) if s.startswith("person:")}
        return bool(about) and not about & people

    def _left_out(self, question: str, person_id: str) -> bool:
        """The person answered is the one the question sets aside ("who besides the actress …", "кроме шипенко")."""
        person, besides = self.kb.people.get(person_id), BESIDES.search(question.casefold())
        if person is None or besides is None:
            return False
        named = besides.group(1)
        if person_id in self._recognise(fix_question_words(tokens(named)))[0]:
            return True
        functions = set(read(named, (), ()).functions) - {"*"}
        return any(set(role.functions) & functions for role in person.roles)

    def _someones_pay_unasked(self, question: str, answer: Answer) -> bool:
        """A person's fee answering a question that never asks what anyone was paid."""
        item = self._fact_or_contradiction(answer)
        return item is not None and item.attribute == "fee" and not PAY_WORDS.search(question.casefold())

    def _outlet_unquoted(self, question: str, text: str) -> bool:
        """The question asks what an outlet said, and the answer does not say what that outlet said."""
        named = {w for w in tokens(question.casefold()) if w in self.outlets}
        return bool(named) and not any(self.outlets[w] in text.casefold() for w in named)

    def _says_what_not_why(self, answer: Answer) -> bool:
        """An item that gives a date, a place, a person, a number: a card, or a fact or contradiction of that kind."""
        if answer.kind in CARD_KINDS:
            return True
        return getattr(self._fact_or_contradiction(answer), "answer_kind", "") in NOT_REASONS

    def _fact_or_contradiction(self, answer: Answer) -> Fact | Contradiction | None:
        if answer.kind == "fact":
            return self.kb.facts.get(answer.item_id)
        return self.kb.contradictions.get(answer.item_id) if answer.kind == "contradiction" else None

    def _another_attribute(self, question: str, answer: Answer) -> bool:
        """The question names the detail it asks for (plot, budget, box office…) and the answering fact
        or contradiction is about another one."""
        asked = asked_attribute(question.casefold())
        item = self._fact_or_contradiction(answer)
        given = item.attribute if item is not None else ""
        return asked in PLAIN_ATTRIBUTES and bool(given) and given != asked

    def _holds_no_such_role(self, question: str, person_id: str, recognised: Recognised) -> bool:
        """A person's card answering a question about a role they never held ("name someone who acted in
        apogee of fear" → its screenwriter), or held only as a backup or a candidate when the question
        asked for neither ("who commanded ms-19" → its backup commander)."""
        person = self.kb.people.get(person_id)
        people, _contenders, used = recognised
        reading = read(question, people, {item for kind, item in used.values() if kind == "contender"})
        if person is None or person_id in reading.people or not reading.functions or "*" in reading.functions:
            return False
        held = [r for r in person.roles if set(r.functions) & set(reading.functions)]
        if not held:  # unless the role's own words say it ("director general", "pilot")
            asked = set(key(question).split())
            return not any(asked & set(key(r.role).split()) for r in person.roles)
        wanted = {reading.standing or Standing.PRIME}
        if CANDIDATE_WORDS.search(question.casefold()):
            wanted.add(Standing.CANDIDATE)
        return not any(r.standing in wanted for r in held)

    def _released(self, question: str, answer: Answer) -> Answer:
        """ "When will the cruise film come out" is answered by a release or premiere, or not at all.

        A news item about the film has a date too; it is not the date the film comes out."""
        if not answer.answered or not asks_future_release(question):
            return answer
        m = self.kb.milestones.get(answer.item_id) if answer.kind == "milestone" else None
        if m is not None and m.kind in (MilestoneKind.RELEASE, MilestoneKind.PREMIERE):
            return answer
        return self._decline(question, answer.intent)

    def _yes_or_no_said(self, question: str, answer: Answer, people: set[str]) -> Answer:
        """A yes/no question is answered with yes or no about the one it names, or not at all.

        Whether the item says yes or no is judged from its own words (see compose.yes_or_no); when
        it cannot tell, the item is about the question's subject but does not settle the question
        ("was apollo 13 filmed in space" → a card about its zero-g filming): "I don't know" instead.
        A fact's recorded yes or no is about the people it is about: "does shkaplerov appear in the
        film" is not answered by "Yes, Pyotr Dubrov appears in the film", which merely names him."""
        if not answer.answered or not asks_yes_or_no(question):
            return answer
        if says_yes_or_no(answer.text) and not self._someone_elses_yes_no(answer, people):
            return answer
        if answer.confidence == "rumour" and IS_IT_TRUE.search(question.casefold()):
            return answer  # "is it true that …": that it is a rumour is the honest answer
        return self._decline(question, answer.intent)

    def _someone_elses_yes_no(self, answer: Answer, people: set[str]) -> bool:
        fact = self.kb.facts.get(answer.item_id) if answer.kind == "fact" else None
        if fact is None or fact.answer_kind != "yesno":
            return False
        if not people:  # "была ли среди финалисток летчица": not "was khodchenkova among the finalists" → yes
            return bool(fact.subjects) and fact.subjects[0].startswith("person:")
        about = {s.removeprefix("person:") for s in fact.subjects if s.startswith("person:")}
        return bool(about) and not about & people

    def _by_russian_text(
        self, question: str, style: DateStyle, now: datetime, original: list[str], recognised: Recognised
    ) -> Answer | None:
        """A Russian question matched against the Russian texts and questions of the items themselves.

        Strict, like the word ranking it stands in for: the item must be about the subject named,
        hold nearly all of the question's words (by Russian stem) and list a question like it."""
        people, _contenders, used = recognised
        reading = read(question, people, {item for kind, item in used.values() if kind == "contender"})
        if reading.instruction or asks_beyond_the_record(question):
            return None
        intent = detect_intent(" ".join(from_russian(original)))
        wanted = [k for i, w in enumerate(original) if i not in used and is_russian(w) and (k := key(w))]
        if not wanted:
            return None
        weights = [(w, self.ru_idf.get(w, 0.0)) for w in wanted]
        total = sum(wt for _, wt in weights) or 1.0
        # Nearly all of the words; or, for a question naming its subject that is not yes/no, at least half of
        # them when the question bank's closest question about the subject is that same item's (two readings
        # agreeing, as _consensus does for the English index).
        consensus = bool(reading.people or reading.contenders) and not asks_yes_or_no(question)
        lowest = RU_CONSENSUS_COVERAGE if consensus else RU_COVERAGE
        candidates: list[tuple[float, float, Doc]] = []  # (coverage, score, item)
        for doc, words in zip(self.docs, self.ru_index, strict=True):
            covered = sum(wt for w, wt in weights if w in words) / total
            if covered < lowest or not self._agrees(doc, reading) or not gives_kind(self.kb, doc, intent):
                continue
            candidates.append((covered, covered + 0.01 * sum(1 for w in wanted if w in words), doc))
        most = [c for c in candidates if c[0] >= RU_COVERAGE]
        chosen = max(most or candidates, key=lambda c: c[1], default=None)
        if chosen is None:
            return None
        _covered, best_score, best = chosen
        rivals = [c for c in most if c[2] is not best and c[1] >= best_score - RU_RIVAL_MARGIN]
        if not most or rivals:  # a reading with an equal rival is a guess unless the bank's closest agrees
            if self._bank_choice(question, reading) != (best.kind, best.id):
                return None
        elif self.bank.closeness(question, best.kind, best.id) < FALLBACK_CLOSENESS:
            return None
        if self._unknown_russian(original, used):
            return None  # "сколько стоит айфон": a word no Russian text has is about something else
        answer = compose(self.kb, question, best, intent, in_language(style, "ru"), now)
        answer.score, answer.coverage = best_score, best_score
        return answer

    def _bank_choice(self, question: str, reading: Reading) -> tuple[str, str] | None:
        """The item of the question bank's closest question about the subject named, if close enough to count."""
        for entry, score in self.bank.match(question):
            if score < CONSENSUS_BANK:
                return None
            i = self._by_item.get((entry.kind, entry.item_id))
            if i is not None and self._agrees(self.docs[i], reading):
                return entry.kind, entry.item_id
        return None

    def _answer(
        self, question: str, style: DateStyle, now: datetime, original: list[str], recognised: Recognised
    ) -> Answer:
        people, contenders, used = recognised
        words = [w if i in used else t for i, (w, t) in enumerate(zip(original, _translated(original), strict=True))]
        intent = detect_intent(" ".join(from_russian(original)))
        named_contenders = {item for kind, item in used.values() if kind == "contender"}
        reading = read(question, people, named_contenders)
        style = in_language(style, answer_language(question))  # answered in the language it was asked in
        if reading.instruction or asks_beyond_the_record(question):
            return decline(question, intent, answer_language(question))  # aimed at the bot, or past the record
        understood = self._understood(Asked(question, reading, intent, style, now, words, used))
        if understood is not None:
            return understood
        query = self._query(words, intent, used)
        if not query.terms and not people and not contenders and intent != "winner":
            return self._unmatched(question, intent)
        ranked = self._rank(query, intent, people, contenders, used)
        if not ranked:
            return self._unmatched(question, intent)
        agreed = self._consensus(Asked(question, reading, intent, style, now, words, used), ranked)
        if agreed is not None:
            return agreed
        best = ranked[0]
        # A Russian question reaches the English index word by word, through a lexicon: lossy, so it must cover more.
        wanted = MIN_COVERAGE_TRANSLATED if reading.language == "ru" else MIN_COVERAGE
        if best.bm25 < MIN_SCORE or best.coverage < wanted:
            answer = self._unmatched(question, intent)
            answer.score, answer.coverage = best.score, best.coverage
            return answer
        if self._unknown(words, used):
            return self._unmatched(question, intent)  # it asks about something no item mentions
        if not self._agrees(self.docs[best.index], reading):
            return self._unmatched(question, intent)  # about someone else: better "I don't know" than a wrong answer
        if not gives_kind(self.kb, self.docs[best.index], intent):
            return self._unmatched(question, intent)  # "when" answered without a date is not an answer
        doc = self.docs[best.index]
        if doc.kind != "race" and self.bank.closeness(question, doc.kind, doc.id) < FALLBACK_CLOSENESS:
            return self._unmatched(question, intent)  # shares words with the item, asks nothing it says it answers
        affirm = best.coverage >= AFFIRM_COVERAGE and self._affirms(doc, words, used)
        answer = compose(self.kb, question, self.docs[best.index], intent, style, now, affirm=affirm)
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
            extra = compose(self.kb, question, self.docs[runner.index], intent, style, now)
            answer.text += "\n\n" + tr("answer.related", style.lang, text=extra.text)
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

    def _bm25(self, terms_: dict[str, float]) -> dict[int, float]:
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

    def _affirms(self, doc: Doc, words: list[str], used: dict[int, tuple[str, str]]) -> bool:
        """Whether the item says, in its own words, everything a yes/no question asks — the only "Yes".

        Every content word of the question, names aside, must be in the item itself, not a synonym
        of one and not only in the question the item lists: "did shkaplerov come back with the film
        crew" is one of the questions of "Shkaplerov stayed aboard …", and the answer is no."""
        content = [
            w for i, w in enumerate(words) if i not in used and w not in STOPWORDS and w not in INTENT_TERMS
        ]  # a role word is the point here: "was rogozin a producer" needs "producer" in the item
        content = [w for w in content if w not in AFFIRM_FILLER]
        return bool(content) and all(stem(w) in doc.fields for w in content)

    def _name_credit(self, doc: Doc, kind: str, item: str) -> float:
        if kind == "contender":
            return 1.0 if item in doc.contenders else 0.0
        if item in doc.people:
            return 1.0
        if not self._projects.get(item, frozenset()) & set(doc.contenders):
            return 0.0
        # same project: "the film crew" may include them; a text naming only others is about others
        return NAME_BY_PROJECT_CREDIT / (2 if doc.people else 1)

    def _subjects(self, doc: Doc) -> set[str]:
        if doc.kind == "fact":
            return set(self.kb.facts[doc.id].subjects) or {f"contender:{c}" for c in doc.contenders}
        if doc.kind == "milestone":
            return {f"milestone:{doc.id}", *self.kb.milestones[doc.id].subjects}
        return {f"{doc.kind}:{doc.id}"}

    def _same_subject(self, a: Doc, b: Doc) -> bool:
        return bool(self._subjects(a) & self._subjects(b))

    # ---- understood questions: roles, and the questions items answer ---------------

    def _understood(self, asked: Asked) -> Answer | None:
        """Roles, comparisons, answer kinds and the question bank: each answers only what it understands."""
        question, reading, intent, style, _now, words, used = asked
        if reading.compare is not None:  # compared, or not answered: one side alone would be the wrong answer
            compared = self._compare(question, reading.compare, intent, style, claims_first=reading.claims_first)
            if compared is not None or not reading.claims_first:
                return compared or self._decline(question, intent)
            # "was shipenko's seat announced before peresild's": a fact may say so in as many words
        flown = self._flown_on(asked) or self._journey_date(asked) or self._flights_event(asked)
        flown = flown or self._own_stay(asked) or self._whose_backup(asked)
        flown = flown or self._nationality(asked) or self._age_at_launch(asked)
        if flown is not None:
            return flown
        # Without a named subject, a role question is about the race's own film — unless it names
        # something the bot did not recognise ("who directed apollo 13"): then it is not ours to answer.
        default = self.kb.race.winner if not self._unexplained(words, used) else ""
        # An item that lists this very question (an admin may just have attached it) answers it first,
        # unless the typed roles answer it: "who was peresild's backup" is the backup's card, not the
        # casting news that also names her.
        held = self._role_held(asked)
        if held is not None:
            return held
        hits = role_holders(self.kb, reading, default) if self._asks_role(reading, words, used) else []
        exact = None if hits else self._from_bank(asked, EXACT_MATCH)
        if exact is not None:
            return exact
        if reading.people and asks_character(question) and not self._unknown(words, used):  # not "played chess"
            played = [
                (self.kb.people[p], r) for p in sorted(reading.people) for r in self.kb.people[p].roles if r.character
            ]
            if len(played) == 1:
                return character_answer(self.kb, question, *played[0], intent, answer_language(question))
        if hits and self._part_unplayed(question, hits):
            return self._decline(question, intent)  # "who plays the villain in the cruise film": no one is recorded
        if hits:
            return role_answer(self.kb, question, reading, hits, intent, answer_language(question))
        crew = self._crew_count(question, reading, intent) or self._crew_named(asked)
        if crew is not None:
            return crew
        by_event = self._by_event(asked)
        if by_event is not None:
            return by_event
        by_attribute = self._by_attribute(asked)
        if by_attribute is not None:
            return by_attribute
        by_kind = self._by_answer_kind(asked)
        if by_kind is not None:
            return by_kind
        return self._from_bank(asked, MATCH_CUTOFF)

    def _flown_on(self, asked: Asked) -> Answer | None:
        """ "Did Peresild go up on MS-18", "did mordovina fly to the station": yes or no from who was aboard."""
        question, reading, _intent, style, now, _words, _used = asked
        named = set(reading.people) or (  # "did the film crew go up on ms-18", not "… approve the crew before launch"
            self._meant_crew(question, reading) if only_the_journey(question) else set()
        )
        if not asks_yes_or_no(question) or not 0 < len(named) <= 2:
            return None
        people = sorted(named, key=lambda p: question.casefold().find(self.kb.people[p].name.split()[-1].casefold()))
        if len(people) == 1 and WITH_THEM.search(question.casefold()):  # "did shkaplerov come back with them"
            people += sorted(film_crew(self.kb) - named)[:1]  # after the one named: their flight is the evidence
        if len(people) == 1:
            verdict = same_craft(self.kb, question, people[0]) or aboard(self.kb, question, people[0])
        else:
            verdict = together(self.kb, question, *people)
        if verdict is None:
            return None
        answer = self._card_under(verdict.evidence, question, "what", style, now)
        answer.text = tr("answer.yes" if verdict.yes else "answer.no", style.lang, text=answer.text)
        return answer

    def _card_under(
        self, item: tuple[str, str], question: str, intent: str, style: DateStyle, now: datetime, *, lead: str = ""
    ) -> Answer:
        """An item's own words as the evidence under an answer a step worked out itself (a yes or no, a
        nationality, whom a backup stood in for): composed without the question, so with no yes or no of its own."""
        answer = compose(self.kb, "", self.docs[self._by_item[item]], intent, style, now)
        if lead:
            answer.text = f"{lead}\n{answer.text}"
            answer.coverage = 1.0
        answer.question, answer.card = question, False
        return answer

    def _age_at_launch(self, asked: Asked) -> Answer | None:
        """ "How old was peresild when she flew", "сколько лет было шипенко во время полета": birth year to launch."""
        question, reading, intent, style, _now, _words, _used = asked
        text = question.casefold()
        if len(reading.people) != 1 or not HOW_OLD.search(text) or not IN_SPACE_OR_FLEW.search(text):
            return None
        person = self.kb.people[next(iter(reading.people))]
        stay, born = stay_of_person(self.kb, person), birth_year(person)
        if stay is None or born is None or stay.launch.when is None:
            return None
        return age_at_launch_answer(self.kb, question, person, born, stay.launch, intent, style)

    def _nationality(self, asked: Asked) -> Answer | None:
        """ "What nationality is mark vande hei", "какое гражданство у пересильд": the person's recorded nationality."""
        question, reading, _intent, style, now, _words, _used = asked
        if len(reading.people) != 1 or not NATIONALITY_ASKED.search(question.casefold()):
            return None
        person = self.kb.people[next(iter(reading.people))]
        if not person.nationality:
            return None  # not recorded: the card says nothing of it either (see lacks_personal_detail)
        nationality = (
            person.nationality if style.lang != "ru" else RU_NATIONALITY.get(person.nationality, person.nationality)
        )
        lead = tr("answer.nationality", style.lang, name=field_in(person, "name", style.lang), nationality=nationality)
        return self._card_under(("person", person.id), question, "what", style, now, lead=lead)

    def _whose_backup(self, asked: Asked) -> Answer | None:
        """ "Who was mordovina the backup for", "кого дублировал артемьев": whom they stood in for, then their card."""
        question, reading, _intent, style, now, _words, _used = asked
        if len(reading.people) != 1 or not WHOSE_BACKUP.search(question.casefold()):
            return None
        backup = next(iter(reading.people))
        primes = backed_up(self.kb, backup)
        if not primes:
            return None
        names = tr("answer.and", style.lang).join(f"**{field_in(p, 'name', style.lang)}**" for p in primes)
        backup_name = field_in(self.kb.people[backup], "name", style.lang)
        lead = tr("answer.backup_for", style.lang, backup=backup_name, primes=names)
        return self._card_under(("person", backup), question, "who", style, now, lead=lead)

    def _own_stay(self, asked: Asked) -> Answer | None:
        """ "How long was peresild in space", "сколько длился полет пересильд от старта до посадки": their own
        launch to their own landing, in days, rather than any item that has a duration in it."""
        question, reading, intent, style, _now, _words, _used = asked
        text = question.casefold()
        if len(reading.people) != 1 or reading.answer_kind != "duration" or not IN_SPACE.search(text):
            return None
        if NOT_THE_STAY.search(text):
            return None  # "in total", "before this mission", "how long did she train": not this one stay
        person = self.kb.people.get(next(iter(reading.people)))
        stay = stay_of_person(self.kb, person) if person else None
        if person is None or stay is None:
            return None
        return stay_answer(self.kb, question, f"person:{person.id}", stay, intent, style)

    def _journey_date(self, asked: Asked) -> Answer | None:
        """ "When did shipenko come back", "where did peresild and shipenko land", "which soyuz did vande hei
        ride home in", "когда пересильд полетела в космос": those people's own landing or launch."""
        question, reading, intent, style, now, _words, _used = asked
        text = question.casefold()
        asks = ASKS_WHEN.match(text) or WHEN_FRAGMENT.search(text) or WHICH_CRAFT.match(text) or WITH_WHOM.match(text)
        if not (asks or intent == "where"):
            return None
        # "they" with no flight named ("when did progress ms-17 launch" is that flight's own date)
        meant = only_the_journey(question) and not FLIGHT_NUMBER.search(text)
        people = set(reading.people) or (self._meant_crew(question, reading) if meant else set())
        found = journey(self.kb, question, people) if people else None
        if found is None or found not in self._by_item:
            return None
        answer = compose(self.kb, question, self.docs[self._by_item[found]], intent, style, now)
        answer.coverage = 1.0
        return answer

    def _asks_role(self, reading: Reading, words: list[str], used: dict[int, tuple[str, str]]) -> bool:
        """A role question: "who …", or Russian with "кто" after only names and the question's form
        ("а шипенко кто дублировал", "режиссер вызова кто") — not after a word naming something else
        ("богданов в вызове кто сыграл" asks who played a part, not who the actors were)."""
        if not reading.asks_role:
            return False
        at = next((i for i, w in enumerate(words) if w in ("who", "кто")), 0)
        return all(i in used or w in STOPWORDS or is_form_word(w) for i, w in enumerate(words[:at]))

    def _meant_crew(self, question: str, reading: Reading) -> set[str]:
        """ "When did they come back", "на чём летели киношники": the race's film crew, when the question
        names no one else, no other project and no backup."""
        others = reading.contenders - {self.kb.race.winner}
        if others or reading.standing is not None:
            return set()
        if THE_CREW.search(question.casefold()) or not reading.contenders:  # or no one at all: "во сколько посадка"
            return film_crew(self.kb)
        return set()

    def _flights_event(self, asked: Asked) -> Answer | None:
        """ "When did ms-19 come back", "кто вернулся домой на мс-19": that flight's own landing (or docking,
        undocking), when the question names no one (a person's own journey is _journey_date's) — or names them
        only as the company asked about: "who flew home with shkaplerov on ms-19"."""
        question, reading, intent, style, now, _words, _used = asked
        text = question.casefold()
        company = intent == "who" and bool(WITH_SOMEONE.search(text))
        if (reading.people and not company) or not (
            ASKS_WHEN.match(text) or intent in ("where", "who") or WHICH_CRAFT.match(text)
        ):
            return None
        found = flight_event(self.kb, question)
        if found is None or found not in self._by_item:
            return None
        answer = compose(self.kb, question, self.docs[self._by_item[found]], intent, style, now)
        answer.coverage = 1.0
        return answer

    def _from_bank(self, asked: Asked, cutoff: float) -> Answer | None:
        """The item whose own questions include this one (near enough), if it is about the subject named."""
        question, reading, intent, style, now, _words, _used = asked
        for entry, score in self.bank.match(question):
            if score < cutoff:
                break
            doc_index = self._by_item.get((entry.kind, entry.item_id))
            if doc_index is None or not self._agrees(self.docs[doc_index], reading):
                continue
            kind = answer_kind(entry.question.casefold())
            if reading.answer_kind and kind and kind != reading.answer_kind:
                continue  # "how much was he paid" is not "how old is he", however alike the words
            if cutoff < EXACT_MATCH and self._unknown_to(entry, asked):
                continue  # "did they play chess on the station": near "when were they on the station", not about it
            if entry.kind in CARDS and cutoff < EXACT_MATCH and self._unasked(asked, entry, self.docs[doc_index]):
                continue  # "how tall is tom cruise" is near "who is tom cruise"; his card says nothing of height
            affirm = score >= AFFIRM_BANK or self._affirms(self.docs[doc_index], asked.words, asked.used)
            said = recorded_answer(question, entry, score)
            answer = compose(self.kb, question, self.docs[doc_index], intent, style, now, affirm=affirm, said=said)
            if misfits(question, answer.text):
                continue  # "which studio is behind the cruise film": near "what is the story behind it"; the next
            answer.score, answer.coverage = score, 1.0
            return answer
        return None

    def _consensus(self, asked: Asked, ranked: list[Ranked]) -> Answer | None:
        """Two independent readings that point at the same item: the question bank and the word ranking.

        Either alone is too loose below its own threshold ("dock by hand" is not "dock manually" to
        the bank; a biography outranks the fact about a phone call). When the bank's closest
        question about the subject and the best-ranked item about the subject are the same item,
        the question is about that item: both would have to be wrong in the same way.
        """
        question, reading, intent, style, now, words, used = asked
        if any(is_russian(w) for w in self._unknown(words, used)):
            return None  # "какая любимая еда у пересильд": near "кто такая пересильд", but no text knows "любимая"
        bank = next(
            (
                (entry, score)
                for entry, score in self.bank.match(question)
                if score >= CONSENSUS_BANK
                and (i := self._by_item.get((entry.kind, entry.item_id))) is not None
                and self._agrees(self.docs[i], reading)
            ),
            None,
        )
        if bank is None:
            return None
        about = [r for r in ranked[:CONSENSUS_RANKS] if self._agrees(self.docs[r.index], reading)]
        if not about or about[0].coverage < CONSENSUS_COVERAGE:
            return None
        doc = self.docs[about[0].index]
        if (doc.kind, doc.id) != (bank[0].kind, bank[0].item_id) or not gives_kind(self.kb, doc, intent):
            return None
        affirm = about[0].coverage >= AFFIRM_COVERAGE and self._affirms(doc, asked.words, asked.used)
        said = recorded_answer(question, bank[0], bank[1])
        answer = compose(self.kb, question, doc, intent, style, now, affirm=affirm, said=said)
        answer.score, answer.coverage = bank[1], about[0].coverage
        return answer

    def _unknown_to(self, entry: BankEntry, asked: Asked) -> bool:
        """The question has a word no item knows (not even misspelled) that the bank question lacks."""
        said = set(entry.key.split())
        if asked.reading.language != "en":  # the English index does not know Russian words: the Russian texts do
            original = fix_question_words(tokens(asked.question))
            return any(key(w) not in said for w in self._unknown_russian(original, asked.used))
        return any(stem(w) not in said for w in self._unknown(asked.words, asked.used))

    def _unknown_russian(self, words: list[str], used: dict[int, tuple[str, str]]) -> list[str]:
        """Russian words no item's Russian text or question has, even misspelled ("шахматы")."""
        return [
            w
            for i, w in enumerate(words)
            if i not in used
            and is_russian(w)
            and len(w) >= 5
            and key(w)
            and process.extractOne(key(w), self.ru_words, scorer=OSA.distance, score_cutoff=1) is None
        ]

    def _unasked(self, asked: Asked, entry: BankEntry, doc: Doc) -> list[str]:
        """Content words of the member's question that neither the bank question nor its item contains.

        A near match on the rest is then a question about some other detail of the same subject."""
        said = set(entry.key.split())
        russian = self.ru_index[self._by_item[(doc.kind, doc.id)]]
        return [
            w
            for w in self._unexplained(asked.words, asked.used)
            if (
                key(w) and key(w) not in said and key(w) not in russian  # by Russian stem; a particle is no detail
                if is_russian(w)
                else stem(w) not in said and (self._correct(w) or stem(w)) not in doc.fields
            )
        ]

    def _by_answer_kind(self, asked: Asked) -> Answer | None:
        """ "How long/how many/how much" about a subject: only facts giving that kind of answer about it compete.

        The fact's own subjects must include the subject named (the race's film when none is), and
        it must cover the question's words as well as any answer does."""
        question, reading, intent, style, now, words, used = asked
        if not reading.answer_kind:
            return None
        named = {f"person:{p}" for p in reading.people} or {f"contender:{c}" for c in reading.contenders}
        # A subject the question names narrows the facts enough; the race's film by default must match more words.
        needed = MIN_COVERAGE if not named else MIN_COVERAGE / 2
        if not named and self._unknown(words, used):
            return None  # "how much did interstellar make": about something the bot has never heard of
        named = named or {f"contender:{self.kb.race.winner}"}
        query = self._query(words, intent, used)
        scores = self._bm25(query.terms)
        best, best_score = None, 0.0
        for index, score in scores.items():
            doc = self.docs[index]
            fact = self.kb.facts.get(doc.id) if doc.kind == "fact" else None
            if fact is None or fact.answer_kind != reading.answer_kind or not named & set(fact.subjects):
                continue
            # a fact mainly about the subject named may match fewer of the words; one mentioning it, more
            primary = named & set(fact.subjects[:1])
            if reading.people and not primary and reading.answer_kind == "money":
                continue  # someone's pay is a fact about them, not a figure of their film
            enough = needed if primary else MIN_COVERAGE
            if score > best_score and self._coverage(doc, query, used) >= enough:
                best, best_score = doc, score
        if best is None or best_score < MIN_SCORE:
            return None
        answer = compose(self.kb, question, best, intent, style, now)
        answer.score, answer.coverage = best_score, 1.0
        return answer

    def _crew_count(self, question: str, reading: Reading, intent: str) -> Answer | None:
        """ "How many people were on the Ax-1 crew": counted from the typed roles of that flight's prime crew."""
        if reading.answer_kind != "count" or not CREW_WORDS.search(question.casefold()):
            return None
        flight = self._one_flight(question, reading)
        crew = sorted(prime_crew(self.kb, flight), key=lambda p: self.kb.people[p].name) if flight else []
        people = [self.kb.people[p] for p in crew]
        return (
            crew_answer(self.kb, question, flight, people, intent, answer_language(question))
            if flight and people
            else None
        )

    def _crew_named(self, asked: Asked) -> Answer | None:
        """ "Who flew on ax-1", "кто летал на мс-19": the flight's card, which lists its prime crew as aboard."""
        question, reading, _intent, style, now, _words, _used = asked
        if reading.asks_role or not WHO_FLEW.match(question.casefold()) or reading.people:
            return None
        flight = self._one_flight(question, reading)
        if flight is None or not prime_crew(self.kb, flight):
            return None
        answer = compose(self.kb, question, self.docs[self._by_item[("milestone", flight.id)]], "who", style, now)
        answer.coverage = 1.0
        return answer

    def _one_flight(self, question: str, reading: Reading) -> Milestone | None:
        """The one crewed launch a question is about: named ("ms-19"), or its project's only one."""
        if ALREADY_THERE.search(question.casefold()):
            return None  # "how many were already aboard the iss when ms-19 arrived": the station's crew
        flights = named_flights(self.kb, question) or {
            m.id
            for c in reading.contenders
            for m in self.kb.milestones_of(c)
            if m.crewed and m.kind is MilestoneKind.LAUNCH
        }
        return self.kb.milestones[next(iter(flights))] if len(flights) == 1 else None

    def _by_event(self, asked: Asked) -> Answer | None:
        """ "When did Peresild land": the milestone of that kind of event that is about the one named."""
        question, reading, intent, style, now, words, used = asked
        kind = milestone_kind(question)
        if intent not in ("when", "where") or kind is None or not (reading.people or reading.contenders):
            return None
        if ASKS_SOMEONE.match(question.casefold()):
            return None  # "which nasa astronauts were on the iss when the crew docked": people, not a date
        if kind is MilestoneKind.LAUNCH and FOR_THE_FLIGHT.search(question.casefold()):
            return None  # "where was peresild trained for the flight", "when were they cleared to fly"
        named = {f"person:{p}" for p in reading.people} or {f"contender:{c}" for c in reading.contenders}
        events = [m for m in self.kb.milestones.values() if m.kind is kind and named <= set(m.subjects)]
        if not events:
            return None
        scores = self._bm25(self._query(words, intent, used).terms)
        best = max(events, key=lambda m: (scores.get(self._by_item[("milestone", m.id)], 0.0), -len(m.subjects)))
        if len(events) > 1 and not scores.get(self._by_item[("milestone", best.id)]):
            return None  # several such events and nothing in the question tells them apart
        answer = compose(self.kb, question, self.docs[self._by_item[("milestone", best.id)]], intent, style, now)
        answer.coverage = 1.0
        return answer

    def _by_attribute(self, asked: Asked) -> Answer | None:
        """ "What is the challenge about", "the cruise film's budget": the fact giving that detail of that subject."""
        question, reading, intent, style, now, words, used = asked
        if not reading.attribute or intent in ("when", "where", "who"):
            return None  # "when was the premiere" is a date; "where" a place: not the detail itself
        named = {f"person:{p}" for p in reading.people} | {f"contender:{c}" for c in reading.contenders}
        if not named and self._unexplained(words, used):
            return None  # a subject the bot did not recognise: not ours to answer
        named = named or {f"contender:{self.kb.race.winner}"}
        facts = [f for f in self.kb.facts.values() if f.attribute == reading.attribute and named & set(f.subjects[:1])]
        if not facts:
            return None
        scores = self._bm25(self._query(words, intent, used).terms)
        best = max(facts, key=lambda f: scores.get(self._by_item[("fact", f.id)], 0.0))
        answer = compose(self.kb, question, self.docs[self._by_item[("fact", best.id)]], intent, style, now)
        answer.coverage = 1.0
        return answer

    def _unknown(self, words: list[str], used: dict[int, tuple[str, str]]) -> list[str]:
        """Content words the knowledge base has never seen, even misspelled ("shoe", "interstellar")."""
        return [
            w
            for i, w in enumerate(words)
            if i not in used
            and w not in STOPWORDS
            and w not in INTENT_TERMS
            and len(w) >= 4
            and not w.isdigit()
            and self._correct(w) is None
            and self._via_synonym(w) is None
            and not self._known_russian(w)
        ]

    def _known_russian(self, word: str) -> bool:
        """A Russian word the lexicon did not translate is still known if an item's Russian text has it."""
        if not is_russian(word):
            return False
        known = self._russian_known.get(word)
        if known is None:
            known = not key(word) or not self._unknown_russian([word], {})
            if len(self._russian_known) < RUSSIAN_KNOWN_KEPT:
                self._russian_known[word] = known
        return known

    def _unexplained(self, words: list[str], used: dict[int, tuple[str, str]]) -> list[str]:
        """Content words that are neither a recognised name nor words of the question's form."""
        return [
            w
            for i, w in enumerate(words)
            if i not in used and w not in STOPWORDS and w not in INTENT_TERMS and not is_form_word(w)
        ]

    def _agrees(self, doc: Doc, reading: Reading) -> bool:
        """An item answers a question naming people or contenders only if it is about one of them."""
        subjects = self._subjects(doc) | {f"person:{p}" for p in doc.people}
        if reading.people:  # a person is the most specific subject a question can name
            return bool({f"person:{p}" for p in reading.people} & subjects)
        if reading.contenders:
            subjects |= {f"contender:{c}" for c in doc.contenders}
            return bool({f"contender:{c}" for c in reading.contenders} & subjects)
        if flown := self._flights_contenders(reading.text):  # "на какой ракете полетел ms-19": not Cruise's plan
            return bool(flown & ({c.removeprefix("contender:") for c in subjects} | set(doc.contenders)))
        return True

    def _flights_contenders(self, question: str) -> frozenset[str]:
        """The contenders of the crewed flights a question names by number ("ms-19", "ax-1")."""
        cached = self._flown.get(question)
        if cached is None:
            cached = frozenset(self.kb.milestones[m].contender for m in named_flights(self.kb, question))
            if len(self._flown) >= 256:
                self._flown.clear()
            self._flown[question] = cached
        return cached

    def closest(self, question: str, limit: int = 3) -> list[tuple[str, str]]:
        """The items most about a question's words, for an admin to attach a missed question to."""
        original = fix_question_words(tokens(question))
        people, contenders, used = self._recognise(original)
        query = self._query(_translated(original), "what", used)
        ranked = self._rank(query, "what", people, contenders, used)
        out: list[tuple[str, str]] = []
        for r in ranked:
            doc = self.docs[r.index]
            if doc.kind != "race" and (doc.kind, doc.id) not in out:
                out.append((doc.kind, doc.id))
            if len(out) == limit:
                break
        return out

    # ---- comparisons, "did you mean" ----------------------------------------------

    def _compare(
        self, question: str, sides: tuple[str, str], intent: str, style: DateStyle, *, claims_first: bool = False
    ) -> Answer | None:
        """ "Which came first, A or B": the two subjects' dates for the same kind of event, compared.

        Without a kind named, two contenders are compared by the race's goal: a flight that happened.
        One that never flew did not come first, whatever it announced earlier."""
        people = [self._one_person(side) for side in sides] if AGE.search(question.casefold()) else []
        person_a, person_b = people or (None, None)
        if person_a is not None and person_b is not None:
            aged = self._compare_ages(question, (person_a, person_b), intent, style)
            if aged is not None and claims_first:  # "is peresild older than mordovina": is the first named older
                said = aged.item_id == person_a.id  # the one the answer names first
                aged.text = tr("answer.yes" if said else "answer.no", style.lang, text=aged.text)
            return aged  # two films ("which is older, return from orbit or apogee of fear"): which came first, below
        if LONGER.search(question.casefold()) or MORE_TIME.search(question.casefold()):
            return self._compare_stays(question, sides, intent, style)
        kind = milestone_kind(question)
        # each side may name its own kind of event: "the casting or the crew announcement"
        left, right = (self._side(side, milestone_kind(side) or kind) for side in sides)
        if left is None or right is None:
            return None
        if kind is None and (left.milestone is None) != (right.milestone is None):
            left, right = self._bounded(left, right), self._bounded(right, left)
        if left.milestone is not None and right.milestone is not None:
            a_m, b_m = left.milestone, right.milestone
            if a_m is b_m or a_m.when is None or b_m.when is None:
                return None
            first, second = sorted((left, right), key=_side_when)
            answer = compare_answer(self.kb, question, first, second, intent, style)
            if claims_first:  # "did a beat b": yes or no, then both dates
                answer.text = tr("answer.yes" if first is left else "answer.no", style.lang, text=answer.text)
            elif BEFORE_OR_AFTER.search(question.casefold()):  # "was polaris dawn before or after …": say which
                answer.text = tr("answer.before" if first is left else "answer.after", style.lang, text=answer.text)
            return answer
        flown, other = (left, right) if left.milestone is not None else (right, left)
        flew = kind is None or (kind is MilestoneKind.LAUNCH and flown.milestone is not None and flown.milestone.crewed)
        if flown.milestone is None or not flew or not other.contender:
            return None
        if self.kb.contenders[other.contender].status in FINISHED:
            return None  # a finished precedent without a recorded flight may still have flown: don't say it did not
        answer = only_one_flew(self.kb, question, flown, other, intent, style)
        if claims_first:
            answer.text = tr("answer.yes" if flown is left else "answer.no", style.lang, text=answer.text)
        return answer

    def _bounded(self, side: Side, other: Side) -> Side:
        """A finished precedent with no recorded flight, compared by its earliest recorded event when that is
        already before the other side's: "Return from Orbit" was released in 1984, so it was shot before a
        2008 flight — whatever its own flight date, which the knowledge does not hold."""
        if side.milestone is not None or other.milestone is None or other.milestone.when is None:
            return side
        if self.kb.contenders[side.contender].status not in FINISHED:
            return side
        dated = [m for m in self.kb.milestones_of(side.contender) if m.when and m.status is MilestoneStatus.DONE]
        first = min(dated, key=lambda m: m.when or NEVER, default=None)
        if first is None or first.when is None or first.when >= other.milestone.when:
            return side
        return Side(side.contender, first, side.person)

    def _compare_ages(
        self, question: str, people: tuple[Person, Person], intent: str, style: DateStyle
    ) -> Answer | None:
        """ "Who's older, Shipenko or Peresild": two people's birth years, as their summaries give them."""
        years = [birth_year(p) for p in people]
        if None in years or years[0] == years[1]:
            return None
        (older, y1), (younger, y2) = sorted(zip(people, years, strict=True), key=lambda py: py[1] or 0)
        young = bool(YOUNGER.search(question.casefold()))  # "who's younger": the younger one named first
        return older_answer(self.kb, question, (older, y1 or 0), (younger, y2 or 0), intent, style.lang, young=young)

    def _compare_stays(self, question: str, sides: tuple[str, str], intent: str, style: DateStyle) -> Answer | None:
        """ "Which lasted longer, Ax-1 or the film crew's trip": each side's launch to its landing."""
        stays = [self._stay(side) for side in sides]
        if stays[0] is None or stays[1] is None or stays[0][1] == stays[1][1]:
            return None
        (a_ref, a), (b_ref, b) = sorted((s for s in stays if s), key=lambda s: -s[1].days)
        if round(a.days) == round(b.days):
            return None
        return longer_answer(self.kb, question, (a_ref, a), (b_ref, b), intent, style)

    def _one_person(self, side: str) -> Person | None:
        """The one person a side names, by name or by the role they hold ("the director", "her understudy")."""
        _people, _contenders, used = self._recognise(_translated(fix_question_words(tokens(side))))
        named = {item for k, item in used.values() if k == "person"}
        if len(named) == 1:
            return self.kb.people[named.pop()]
        if named:
            return None
        contenders = {item for k, item in used.values() if k == "contender"}
        reading = read(f"who {side}", set(), contenders)
        hits = role_holders(self.kb, reading, self.kb.race.winner) if reading.functions else []
        leads = {h.person.id for h in hits if h.role.lead}  # "the actress": the lead, not each cosmonaut in a scene
        holders = {h.person.id for h in hits}
        one = holders if len(holders) == 1 else leads if len(leads) == 1 else set()
        return self.kb.people[one.pop()] if one else None

    def _stay(self, side: str) -> tuple[str, Stay] | None:
        """Who or what a side names ("person:…" or "contender:…"), and their stay in orbit: a person's own,
        or a project's crew's.

        "The film crew's trip" names no project: it is the race's own film's crew."""
        person = self._one_person(side)
        if person is not None:
            found = stay_of_person(self.kb, person)
            return (f"person:{person.id}", found) if found else None
        resolved = self._side(side, MilestoneKind.LAUNCH)
        contender = resolved.contender if resolved is not None else ""
        if not contender and set(key(side).split()) <= GENERIC | TRIP_WORDS:
            contender = self.kb.race.winner
        found = stay_of_contender(self.kb, contender) if contender else None
        return (f"contender:{contender}", found) if found else None

    def _side(self, side: str, kind: MilestoneKind | None) -> Side | None:
        """What one side of a comparison names: (its contender, the milestone it is compared by), or None."""
        side = " ".join(transliterate(w) if w.startswith(("мс", "ms")) else w for w in side.split())  # "мс-19"
        nation = by_nation(self.kb, side)
        if nation is not None:
            return self._contender_side(nation, kind)
        asked = numbers(side)
        if asked:  # "ms-19", "ax-1": a flight named by number; its launch unless the side says otherwise
            said = set(key(side).split())
            named = [
                m
                for m in self.kb.milestones.values()
                if m.when and numbers(m.title) == asked and said & set(key(m.title).split()) - asked
            ]
            if named:
                m = min(named, key=lambda m: (m.kind is not (kind or MilestoneKind.LAUNCH), m.when))
                return Side(m.contender, m)
        words = [w for w in _translated(fix_question_words(tokens(side))) if milestone_kind(w) is None]
        _people, _contenders, used = self._recognise(words)
        contenders = {item for k, item in used.values() if k == "contender"}
        people = {item for k, item in used.values() if k == "person"}
        if not people and contenders <= {self.kb.race.winner} and self._names_only_the_crew(side):
            crew = self._crew_side(side, kind)  # "the film crew", "the soyuz with the russian film crew"
            if crew is not None:
                return crew
        if self._unexplained(words, used) or (not contenders and not people):
            # "bridenstine's tweet", "the crew approval by the interdepartmental commission": an event by its words
            refs = {f"{k}:{item}" for k, item in used.values()}
            skip = {key(w) for i, w in enumerate(words) if i in used}
            found = event(self.kb, side, refs, skip)
            return Side(found.contender, found) if found is not None else None
        if not contenders and len(people) == 1:
            return self._person_side(people.pop(), kind)
        if len(contenders) != 1:
            return None  # compare only what is understood
        return self._contender_side(contenders.pop(), kind)

    def _names_only_the_crew(self, side: str) -> bool:
        """ "The film crew", "the soyuz with the russian film crew" — not "they start shooting", whose
        other words say what they did (which no flight's date answers)."""
        text = side.casefold()
        if not THE_CREW.search(text):
            return False
        rest = set(key(THE_CREW.sub(" ", text)).split()) - GENERIC - TRIP_WORDS - CREW_SIDE_WORDS
        return not {w for w in rest if milestone_kind(w) is None}

    def _crew_side(self, side: str, kind: MilestoneKind | None) -> Side | None:
        """The race's film crew as one side: their own launch, docking or landing (journey()'s reading of the
        side's words, or of the kind of event asked), else the flight that won the race."""
        words = {MilestoneKind.LANDING: "came back", MilestoneKind.DOCKING: "docked"}.get(kind or MilestoneKind.LAUNCH)
        found = journey(self.kb, f"{side} {words or 'launched'}", film_crew(self.kb))
        m = self.kb.milestones.get(found[1]) if found else self.kb.milestones.get(self.kb.race.winning_milestone)
        return Side(self.kb.race.winner, m) if m is not None else None

    def _contender_side(self, contender: str, kind: MilestoneKind | None) -> Side:
        """A project compared: by its first event of the kind asked, or by the race's goal (the winner by
        the flight that won it, not an earlier flight of someone else it also records)."""
        won = self.kb.milestones.get(self.kb.race.winning_milestone)
        if contender == self.kb.race.winner and won is not None and kind in (None, won.kind):
            return Side(contender, won)  # "the russian film crew launched": on MS-19, not on the MS-18 it records
        return Side(contender, key_milestone(self.kb, contender, kind, flown_only=kind is None))

    def _person_side(self, person: str, kind: MilestoneKind | None) -> Side | None:
        """A person compared: by their own event of the kind asked (their flight when none is named).

        Someone who never flew is compared as their project, which then has not flown either."""
        wanted = kind or MilestoneKind.LAUNCH
        projects = self._projects.get(person, frozenset())
        if wanted is MilestoneKind.ANNOUNCEMENT and len(projects) == 1:  # "cruise's announcement": his film's
            project = next(iter(projects))
            return Side(project, key_milestone(self.kb, project, wanted), self.kb.people[person].name)
        own = [
            m
            for m in self.kb.milestones.values()
            if m.when
            and m.kind is wanted
            and m.status is MilestoneStatus.DONE  # a planned flight has not come first or second
            and f"person:{person}" in m.subjects
            and (m.crewed or kind not in (None, MilestoneKind.LAUNCH))
        ]
        if own:
            surname = self.kb.people[person].name.split()[-1].casefold()
            # her own casting ("Peresild cast"), before a shortlist she was one of
            m = min(
                own,
                key=lambda m: (wanted is MilestoneKind.CASTING and surname not in m.title.casefold(), m.when or NEVER),
            )
            return Side(m.contender, m, self.kb.people[person].name)
        if len(projects) != 1 or kind not in (None, MilestoneKind.LAUNCH):
            return None
        contender = next(iter(projects))
        return Side(contender, key_milestone(self.kb, contender, None, flown_only=True), self.kb.people[person].name)

    def _unmatched(self, question: str, intent: str) -> Answer:
        """Declined because no item's words fit the question well enough; the question bank may still
        know it (see _bank_fallback)."""
        answer = self._decline(question, intent)
        answer.unmatched = True
        return answer

    def _bank_fallback(
        self, question: str, style: DateStyle, now: datetime, original: list[str], recognised: Recognised
    ) -> Answer | None:
        """The item of the bank's closest question about the subject, when the acceptor judges the fit
        very likely right (taken alone, that item was right for 62 % of the questions declined here)."""
        people, contenders, used = recognised
        reading = read(question, people, {item for kind, item in used.values() if kind == "contender"})
        if reading.instruction:
            return None
        intent = detect_intent(" ".join(from_russian(original)))
        words = [w if i in used else t for i, (w, t) in enumerate(zip(original, _translated(original), strict=True))]
        ranking = self._rank(self._query(words, intent, used), intent, people, contenders, used)[:3]
        # A Russian question is matched as written (against the items' Russian questions), then in the English
        # words the lexicon and its names give (against the English ones, three times as many).
        phrasings = [question] + ([self._in_english(original, used)] if reading.language == "ru" else [])
        for phrasing in phrasings:
            matches = self.bank.match(phrasing, limit=5)
            for rank, (entry, score) in enumerate(matches):
                i = self._by_item.get((entry.kind, entry.item_id))
                if i is None or not self._agrees(self.docs[i], reading):
                    continue
                if not gives_kind(self.kb, self.docs[i], intent):
                    continue
                fit = measures(
                    self.bank,
                    phrasing,
                    self.bank.wanted(phrasing),
                    Candidate(entry, score, rank),
                    matches,
                    self._item_words(i),
                    russian=reading.language == "ru",
                    named=bool(reading.people or reading.contenders),
                    ranked=next(((n, r.coverage) for n, r in enumerate(ranking) if r.index == i), None),
                    translated=phrasing is not question,
                )
                if not self.acceptor.accepts(fit):
                    break  # the closest fitting candidate of this phrasing is not good enough: none is
                style = in_language(style, answer_language(question))
                return compose(self.kb, question, self.docs[i], intent, style, now)
        return None

    def _in_english(self, original: list[str], used: dict[int, tuple[str, str]]) -> str:
        """A Russian question in the English words the lexicon knows, its names in their English form
        ("кто глава аксиома" → "who head axiom"), for the bank's English questions."""
        out: list[str] = []
        for i, word in enumerate(original):
            named = used.get(i)
            if named is None:
                out.append(in_english(word))
            elif used.get(i - 1) != named:
                out.append(self._english_name(*named))
        return " ".join(out)

    def _english_name(self, kind: str, item_id: str) -> str:
        if kind == "person" and item_id in self.kb.people:
            return self.kb.people[item_id].name.split()[-1].casefold()
        if kind == "contender" and item_id in self.kb.contenders:
            c = self.kb.contenders[item_id]
            return next((a for a in c.aliases if a.isascii()), c.name).casefold()
        return item_id.replace("-", " ")

    def _item_words(self, index: int) -> frozenset[str]:
        """The stems of an item's texts (English and Russian) and of all its own questions, worked out when first
        needed."""
        words = self._vocabularies.get(index)
        if words is None:
            doc = self.docs[index]
            stems = set(key(" ".join(sorted(doc.words))).split()) | self.ru_index[index]
            for entry_key in self.bank.by_item.get((doc.kind, doc.id), ()):
                stems.update(entry_key.split())
            words = self._vocabularies[index] = frozenset(stems)
        return words

    def _decline(self, question: str, intent: str) -> Answer:
        """I don't know — and, when one is close, the nearest question the bot can answer."""
        lang = answer_language(question)
        answer = decline(question, intent, lang)
        near = self.bank.match(question, limit=1)
        if near and near[0][1] >= DID_YOU_MEAN:
            answer.text += "\n" + tr("answer.did_you_mean", lang, question=near[0][0].question)
            answer.suggestions.insert(0, near[0][0].question)
        return answer


PART_SAME = {"doctor": "surgeon", "medic": "surgeon", "врач": "хирург", "доктор": "хирург"}  # the parts' own words
# "What did X say / think of …": X's own words are asked for.
SAYS_WHAT = re.compile(
    r"\bwhat did\s+(\w+\s+){1,3}(say|said|tell|think|write|post|tweet|reply|answer)\b"
    r"|(?<![а-яё])(что|чё|че)\s+(\w+\s+){0,3}(сказал|говорил|рассказывал|написал|думал|ответил|заявил)\w*"
)
# "whn did peresild launch": a misspelt question word, read as the word itself by every step.
QUESTION_WORD_TYPO = re.compile(r"\b(" + "|".join(sorted(QUESTION_TYPOS, key=len, reverse=True)) + r")\b", re.I)
BESIDES = re.compile(r"\b(?:besides|apart from|other than|except|aside from|кроме|помимо)\s+(\w+(?:[\s-]+\w+){0,2})")
IS_IT_TRUE = re.compile(r"\b(is it true|is that true|true that|правда ли|это правда)\b")
# Details whose words name nothing else: a "cost" may be a budget or a seat's price, a "plot" is a plot.
PLAIN_ATTRIBUTES = frozenset({"plot", "runtime", "trailer"})
# A question asking for a thing by its kind (a station, a rocket, a film's name): a person's card is no answer.
THING_ASKED = re.compile(
    r"\b(which|what) (station|module|rocket|ship|spacecraft|capsule|studio|film|movie|company|channel|network"
    r"|title|name of the (film|movie))\b|\bwhat was (it|the (film|movie)) called\b"
    r"|(?<![а-яё])(на|в|с) как(ой|ом|ую|их) (станци|ракет|корабл|модул|студи|город|стран|канал)"
    r"|как(ой|ая|ие) (станци|ракет|корабл|модул|студи|компани|фильм)|как назыв\w*|назван\w*"
)
# "Who made the final four": a question about those considered, not those chosen.
CANDIDATE_WORDS = re.compile(
    r"shortlist|short-list|short list|finalist|final (four|stage|round)|candidate|considered|шорт|финал|кандидат"
)
# Items whose text says what and when, not why: a "why" answered by one must give the reason in so many words.
CARD_KINDS = frozenset({"milestone", "contender", "person"})
NOT_REASONS = frozenset({"date", "place", "person", "duration", "count", "money"})  # a fact's kinds of answer
ASKS_WHEN = re.compile(
    r"\W*(when|what (date|day|year|month|time)|(at )?what time|когда|в каком году|какого числа"
    # "во сколько" asks at what time, unless it asks what something cost ("во сколько обошлось")
    r"|во сколько(?!\s+(обош|стои|стал|оцен|выш))|в котором часу|в какое время)(?![а-яё\w])"
)
# "Launch time in utc?", "landing date?", "время посадки?": a fragment asking when an event was.
WHEN_FRAGMENT = re.compile(
    r"^\W*(the\s+)?(launch|landing|docking|undocking|lift-?off|touchdown)\s+(time|date|day)\b"
    r"|^\W*(время|дата|день)\s+(старта|запуска|посадки|приземления|стыковки|расстыковки|отстыковки)(?![а-яё])"
)
WITH_SOMEONE = re.compile(r"\b(with|alongside)\s+\w+|(?<![а-яё])(с|вместе с)\s+[а-яё]+")
WITH_THEM = re.compile(r"\bwith (them|the (film )?crew)\b|(?<![а-яё])(с ними|со съ[её]мочной группой)(?![а-яё])")
# "С кем шкаплеров возвращался", "who did peresild fly up with": the others on that person's own flight.
WITH_WHOM = re.compile(r"\W*(с кем|with whom|who\b.*\bwith\W*$)")
BIRTH = re.compile(r"\bborn\b|\bbirth|\bage\b|\bold\b|родил|рождени|возраст|лет\b")  # what a person's card dates
CONSENSUS_BANK = 75.0  # the bank's match may be this loose when the word ranking agrees with it
CONSENSUS_RANKS = 3  # how far down the ranking the first item about the subject may be
CONSENSUS_COVERAGE = 0.3
AFFIRM_COVERAGE = 0.5  # an item accounting for this much of a yes/no question's words answers it "Yes"
FILM_WORDS = frozenset(
    {"film", "movie", "flick", "project", "фильм", "фильма", "фильме", "фильмом", "кино", "проект", "проекта"}
)
BEFORE_OR_AFTER = re.compile(r"\bbefore or after\b|\bafter or before\b|раньше или позже|до или после")
CREW_SIDE_WORDS = frozenset({"soyuz", "союз", "with", "the", "russian", "русск", "росси"})
TRIP_WORDS = frozenset({"trip", "stay", "guy", "peopl", "team", "group", "визит", "экипаж", "групп", "съемочн"})
NAME_WORD_RATIO = 75.0  # how near each word of a several-word name must be spelt ("peresild film", not "… fly")
RU_RIVAL_MARGIN = 0.05  # another item this close to the best Russian-text match makes the match a guess
# A yes/no about a role that asks more than whether it was held ("the first director to fly"), or a word
# that only looks like a role word ("start" is no "star", "production" no "producer").
NOT_JUST_THE_ROLE = re.compile(
    r"\b(first|only|ever|before|after|earlier|start\w*|production)\b"
    r"|(?<![а-яё])(перв\w*|единствен\w*|раньше|до этого|производств\w*)(?![а-яё])"
)
# "What kind of spacewalk was it", "how was the lead actress picked": a description or a way, which an
# event's card (its date, status and place) does not give.
KIND_OR_MANNER = re.compile(
    r"\bwhat (kind|type|sort) of\b|\bhow (was|were|did|would)\b.*\b(pick|chos|select|pitch)\w*"
    r"|(?<![а-яё])(какого (рода|типа)|как (выбирали|выбрали|отбирали|отобрали))(?![а-яё])"
)
# "Which outlets called the training year-long", "какое издание писало": an outlet is asked for.
OUTLET_ASKED = re.compile(
    r"\b(which|what) (outlets?|websites?|publications?|papers?|newspapers?|media|news ?outlets?)\b"
    r"|(?<![а-яё])(как(ое|ие|ой) (издани|сайт|газет|сми))"
)
# Outlets an answer names that its sources' host names do not give (a mirror's page was the source, or the
# name is too short to be told from a host's labels: "bbc.co.uk", "tass.com").
SHORT_OUTLETS = frozenset(
    "bbc tass ap cnbc nbc cbs et ria afp dpa aif variety deadline reuters guardian spacenews uproxx pajiba syfy "
    "lenta seradata atalayar opindia tundra celebmezzo dixinews kinotv icity filmweb tvn24 collider almanac".split()
)
# "Who won": an answer naming a winner says "won" or "winner" (or its Russian).
WON = re.compile(r"\b(won|wins|winner|winning)\b|(?<![а-яё])(победил\w*|выиграл\w*|победител\w*)", re.IGNORECASE)
# "What's the name of cruise's character", "как зовут героиню": the name of a part, which a character answer gives.
CHARACTER_NAME = re.compile(
    r"\bname of (the )?(\w+('s)? ){0,3}character|\bcharacter'?s name|\bcharacter (called|named)\b"
    r"|как зовут (его |её |ее )?(героя|героиню|персонажа)|имя (героя|героини|персонажа)"
)
DISPUTE_MARK = "⚖️"  # how a dispute's card and the note pointing to one begin (answer.disagree, answer.disagree_note)
FALLBACK_CLOSENESS = 65.0  # a word-ranked answer's item must list a question at least this like the member's
RU_COVERAGE = 0.8  # a Russian question's words an item's Russian texts must hold to answer it
RUSSIAN_KNOWN_KEPT = 50_000  # Russian words remembered as known or not, per index
RU_CONSENSUS_COVERAGE = 0.5  # …or this much, when the question bank's closest question is that item's too
CARDS = ("person", "contender")  # items whose card answers "who/what is X", not every detail of X
AFFIRM_FILLER = frozenset({"one", "ones", "part", "actually", "really", "even", "also", "too", "any", "ever"})
AFFIRM_BANK = 90.0  # a bank match this close to a yes/no question the item does not negate answers "Yes"
EXACT_MATCH = 97.0  # a bank question this close is the member's question itself
CREW_WORDS = re.compile(r"\b(crew|people|astronauts?|cosmonauts?|aboard|on board)\b|экипаж|человек|космонавт|астронавт")
IN_SPACE = re.compile(
    r"\b(space|orbit|iss|station|flight|stay\w*|up there|aboard)\b"
    r"|(?<![а-яё])(космос\w*|орбит\w*|мкс|станци\w*|пол[её]т\w*|пробыл\w*|провел\w*|провёл\w*)"
)
NOT_THE_STAY = re.compile(
    r"\bhow old\b|\bage\b|(?<![а-яё])(сколько лет|возраст\w*)"
    r"|\b(total|in all|altogether|career|before|prior|previous\w*|logged|train\w*|practi\w*|sessions?|prepar\w*)\b"
    r"|(?<![а-яё])(всего|до этого|до того|ранее|за карьеру|в сумме|подготов\w*|трениров\w*)"
)
HOW_OLD = re.compile(r"\bhow old\b|\bwhat age\b|\bage\b|(?<![а-яё])(сколько (ей |ему )?лет|возраст\w*|скольки лет)")
IN_SPACE_OR_FLEW = re.compile(
    r"\b(flew|fly|flying|flight|launch\w*|went up|space|orbit|iss|station|mission)\b"
    r"|(?<![а-яё])(пол[её]т\w*|летал\w*|полетел\w*|старт\w*|запуск\w*|космос\w*|орбит\w*|мкс)"
)
WHICH_CRAFT = re.compile(
    r"\W*((?:а|и|ну|so|and|ok)\s+)?(обратно\s+|back\s+)?"  # "а обратно на чём"
    r"((which|what|на каком|каким)\s+(soyuz|spacecraft|ship|capsule|flight|craft|vehicle|союз\w*|корабл\w*)\b"
    r"|(на|в) ч[её]м\b|(on|in) what\b)"  # "на чём полетели пересильд с шипенко на станцию"
)
NEGATED = re.compile(r"\b(not|never|no)\b|n't\b|(?<![а-яё])(не|нет|никогда|ни разу)(?![а-яё])")
PAY_WORDS = re.compile(
    r"\b(pay\w*|paid|fee|salary|earn\w*|wage|cheque|check|compensat\w*|get|gets|got|getting)\b"
    r"|(?<![а-яё])(гонорар\w*|заплат\w*|плат\w*|зарплат\w*|получ\w*|заработ\w*)"
)
NATIONALITY_ASKED = re.compile(
    r"\bnationality\b|\b(what|which) country (is|was|does) .+ (from|come from)\b|\bcitizenship\b"
    r"|(?<![а-яё])(гражданств\w*|национальност\w*|из какой страны)"
)
RU_NATIONALITY = {  # the recorded nationality (English) as a Russian answer names the country
    "Russian": "Россия",
    "American": "США",
    "British": "Великобритания",
    "Canadian": "Канада",
    "Israeli": "Израиль",
    "Spanish-American": "Испания и США",
    "English-American": "Великобритания и США",
}
SAID_MATCH = 86.0  # how close a member's yes/no question must be to an item's to take its recorded answer
# Stems that turn a yes/no answer round when one question has them and the other does not.
FLIPS = frozenset(
    "slip delay postpon cancel scrap shelv fail deni reject delet remov drop abandon stop halt less more "
    "still longer never without instead fake fals rumour rumor wrong mistak only first last again "
    "отлож перенес отмен провал удал отказа снят уж еще ещё больш меньш тольк перв ошибочн слух".split()
)
ASKS_SOMEONE = re.compile(r"\W*(who|whom|which|кто|кого|какие|какой|какая|каких)\b")
FOR_THE_FLIGHT = re.compile(
    r"\b(clear\w*|fit|ready|train\w*|approv\w*|allow\w*|prepar\w*)\b.*\bto fly\b|\bfor the (flight|launch|mission)\b"
    r"|(?<![а-яё])к (полету|полёту|старту)"
)
WHO_FLEW = re.compile(
    r"\W*(who|кто)\b.*(\b(flew|fly|flown|went|was on|were on|aboard|on board|crew\w*|rode|came up)\b"
    r"|(?<![а-яё])(летал\w*|летел\w*|полетел\w*|прилетел\w*|экипаж\w*|на борту))"
)
ALREADY_THERE = re.compile(r"\b(already|waiting|were there|on the (iss|station) when)\b|(?<![а-яё])уже\b")
FINISHED = frozenset({ContenderStatus.WON, ContenderStatus.COMPLETED})


def outlets(kb: KnowledgeBase) -> dict[str, str]:
    """The outlets the sources come from, as a member names them → as an answer would ("the tundra" →
    "tundra"), from the sources' host names ("www.thetundra.com" → "thetundra", "tundra")."""
    found: dict[str, str] = {}
    for collection in (kb.facts, kb.milestones, kb.people, kb.contenders, kb.contradictions):
        for item in collection.values():
            for url in item.sources:
                for label in (urlsplit(url).hostname or "").casefold().split("."):
                    if len(label) >= 5 and label.isalpha() and label not in NOT_OUTLETS:
                        found[label] = label
                        short = label.removeprefix("the").removesuffix("app")
                        if short != label and len(short) >= 5:
                            found[short] = short
    return found


# Host-name labels that are ordinary words, not an outlet a member would name.
NOT_OUTLETS = frozenset(
    "articles content english people simple space special today chronicle augusta mundo naine embedy cloudfront "
    "blogspot rumble installsat namegenerator enwikipedia".split()
)


def recorded_answer(question: str, entry: BankEntry, score: float) -> str:
    """The yes or no an item records for its own question, when the member asked that question.

    Only a close match (a looser one may differ in the very word that decides), with the same
    negation ("was it not shot in space" is not answered by the "no" to "was it shot in space") and
    the same words that turn an answer round ("slip", "still", "less")."""
    if not entry.said or score < SAID_MATCH or not asks_yes_or_no(question):
        return ""
    if bool(NEGATED.search(question.casefold())) != bool(NEGATED.search(entry.question.casefold())):
        return ""
    if FLIPS & (set(entry.key.split()) ^ set(key(question).split())):
        return ""  # "did the cruise flight launch" is not "did the cruise launch slip": a word that turns the answer
    return entry.said


def _word_by_word(gram: str, name: str) -> bool:
    """A several-word name matched word by word: each word of the question near its word of the name."""
    said, named = gram.split(), name.split()
    return len(said) != len(named) or all(fuzz.ratio(a, b) >= NAME_WORD_RATIO for a, b in zip(said, named, strict=True))


def _names_a_film(words: list[str], start: int, end: int) -> bool:
    """Whether a name is followed ("cruise's space movie") or preceded ("фильм круза") by a film word."""
    following = [w for w in words[end + 1 : end + 4] if w not in ("s", "space", "new")][:1]
    preceding = words[start - 1] if start else ""
    return bool(following and following[0] in FILM_WORDS) or preceding in FILM_WORDS


def _russian_stems(kb: KnowledgeBase, doc: Doc) -> frozenset[str]:
    """The Russian stems of one item: its Russian texts and the Russian questions it answers."""
    collections: dict[str, dict[str, Any]] = {
        "contender": kb.contenders,
        "person": kb.people,
        "milestone": kb.milestones,
        "fact": kb.facts,
        "contradiction": kb.contradictions,
    }
    item = collections.get(doc.kind, {}).get(doc.id)
    if item is None:
        return frozenset()
    texts = [*item.texts.get("ru", {}).values(), *(split_said(q)[0] for q in item.questions.get("ru", []))]
    return frozenset(k for text in texts for w in tokens(text) if is_russian(w) and (k := key(w)))


def answer_language(question: str) -> str:
    """The language to answer in: the one most of the question's words are written in.

    "who directed вызов" is an English question naming a film in Cyrillic."""
    words = [w for w in tokens(question) if any(c.isalpha() for c in w)]
    cyrillic = sum(1 for w in words if is_russian(w))
    return "ru" if words and cyrillic * 2 > len(words) else DEFAULT


def _side_when(side: Side) -> datetime:
    return side.milestone.when or NEVER if side.milestone else NEVER


def _milestone_table(kb: KnowledgeBase) -> tuple[list[str], list[str]]:
    names, owners = [], []
    for m in kb.milestones.values():
        for n in {m.title, *m.aliases}:
            names.append(key(n))
            owners.append(m.id)
    return names, owners


# A flight's designator: "ax-2", "ms-25", "мс-19", "crew-2", "demo 2", "progress ms-17" (its "ms-17").
DESIGNATOR = re.compile(r"(?<![\w])(ax|ms|мс|crew|demo|демо|ах)[\s-]?(\d+)(?!\d)", re.IGNORECASE)
_SAME_LETTERS = {"мс": "ms", "ах": "ax", "демо": "demo"}


def designators(text: str) -> set[str]:
    """The flight designators a text names, spelt one way ("мс-19" → "ms-19")."""
    return {f"{_SAME_LETTERS.get(m[0].casefold(), m[0].casefold())}-{m[1]}" for m in DESIGNATOR.findall(text)}


def known_designators(kb: KnowledgeBase) -> frozenset[str]:
    """Every flight designator the knowledge base mentions anywhere, in any of its texts."""
    items = [*kb.milestones.values(), *kb.facts.values(), *kb.contenders.values(), *kb.people.values()]
    return frozenset(designators(" ".join(repr(item) for item in [*items, *kb.contradictions.values()])))


def misfits(question: str, text: str) -> bool:
    """An answer that cannot be the one asked for, by its text alone: no studio for "which studio", no sum for
    "how much", another year, a duration or time of something else, no new place for "where"."""
    if answer_kind(question.casefold()) == "money" and not gives_money(text):
        return True
    return any(
        check(question, text)
        for check in (
            misses_the_category,
            misses_the_year,
            duration_about_something_else,
            names_no_new_place,
            time_of_another_event,
        )
    )


def _translated(words: list[str]) -> list[str]:
    """Each word, or its English equivalent for a Russian word (one word each, so positions are kept)."""
    return [from_russian([w])[0] for w in words]
