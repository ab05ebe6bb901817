"""Checking a claim a member read somewhere: "aero-news said the gear flew on ms-17, is that right?".

A contradiction lists what each source says; where the sources together settle it, a claim carries
a verdict (the better-sourced account, or an error that better sources contradict). A question
that puts one of the errors to the bot is answered "No —", with the contradiction's note and every
side still shown under it, so nothing is picked silently. A better-sourced claim is no "Yes": it
may itself be a denial ("the Ax-1 crew did not include them" does not answer "was cruise on ax-1"
with yes), so only the errors decide.

Which claim is meant is read from the words the question shares with each claim's own text (in
English and Russian), weighted by how rare each word is among all the claims: "ms-17" and "31 lb"
point at Aero-News's claim, "said" and "soyuz" at none. The question's numbers must all be in the
claim or its contradiction's title ("flew up on ms-19" is not the MS-18 claim), and the claim must
stand clearly above the other claims of its contradiction that are not errors too; otherwise nothing
is decided here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.ask.understand import asks_yes_or_no, key, numbers
from bot.core.kb import KnowledgeBase
from bot.core.models import Contradiction

# "…, is that right?", "… - true?", "правда что …", "это так?": the member asks whether a claim holds.
TRUTH_TAG = re.compile(
    r"\b(is|was|are|were) (that|this|it|they|he|she) (so|true|right|correct|accurate|legit|real)\b"
    r"|\b(true|right|correct|accurate|legit)\W*$|\b(is it true|true that)\b"
    r"|(?<![а-яё])(правда|верно|так ли|это так)(?![а-яё])",
    re.IGNORECASE,
)
# "which is right", "где правда": a question asking which side holds, not whether one claim does.
WHICH = re.compile(r"\b(which|what|who|when|where|how)\b|(?<![а-яё])(где|какая|какой|кто|когда|как)(?![а-яё-])")
# "… aero-news says so", "итальянцы писали что …": a yes/no question about what someone reported.
REPORTED = re.compile(
    r"\b(said|says|say|claimed|claims|reported|reports|wrote|writes|read|heard|saw|insists?)\b"
    r"|(?<![а-яё])(пишут|писали|писал|пишет|говорят|читал|слышал|утверждают|утверждал)(?![а-яё])",
    re.IGNORECASE,
)
# Words that report or check a claim rather than say what it is about.
NOISE = frozenset(
    key(
        "said say says saying claim claims claimed report reports reported wrote write writes called call calls "
        "read heard hear saw seen some page pages site sites news outlet outlets source sources article insist "
        "insists is that so true right correct accurate really actually one "
        "пишут писали писал пишет говорят говорил сказал сказали читал слышал утверждают назвал называли "
        "правда верно так ли это так что будто якобы некоторые сайт сайты источник источники новости "
        "other others not us some different differ why то одни другие разные цифры где-то почему про во кол-во"
    ).split()
)
MIN_SHARED = 2  # distinct words of the claim the question must name
MARGIN = 1.6  # the claim's weight over the next claim of the same contradiction


@dataclass(frozen=True, slots=True)
class Checked:
    contradiction: Contradiction
    claim: int


def rarity(texts: list[frozenset[str]]) -> dict[str, float]:
    """Each word's weight by how few of the texts hold it (an inverse document frequency)."""
    counts: dict[str, int] = {}
    for words in texts:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    n = len(texts) or 1
    return {w: math.log(1 + n / k) for w, k in counts.items()}


def asks_if_true(question: str) -> bool:
    """Whether a question puts a claim to the bot ("…, is that right?") rather than asks which side holds."""
    text = question.casefold()
    if WHICH.search(text):
        return False
    return bool(TRUTH_TAG.search(text)) or (asks_yes_or_no(text) and bool(REPORTED.search(text)))


class ClaimIndex:
    """Every claim of every contradiction, by the stems of its English and Russian texts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.claims: list[tuple[Contradiction, int, frozenset[str], frozenset[str]]] = []
        for c in kb.contradictions.values():
            for i, claim in enumerate(c.claims):
                text = f"{claim.text} {c.texts.get('ru', {}).get(f'claim:{i}', '')}"
                about = numbers(f"{text} {c.title}")  # "MS-19" in the title: what each claim is about
                self.claims.append((c, i, frozenset(key(text).split()) - NOISE, about))
        self.idf = rarity([words for *_, words, _ in self.claims])

    def check(self, question: str) -> Checked | None:
        """The erroneous claim the question puts to the bot, if one is meant clearly."""
        asked, asked_numbers = frozenset(key(question).split()) - NOISE, numbers(question)
        scored = [
            (sum(self.idf[w] for w in asked & words), len(asked & words), c, i)
            for c, i, words, claim_numbers in self.claims
            if asked_numbers <= claim_numbers
        ]
        if not scored:
            return None
        weight, shared, best, index = max(scored, key=lambda s: s[0])
        if shared < MIN_SHARED or best.claims[index].verdict != "wrong":
            return None
        close = [s for s in scored if s[2] is best and s[3] != index and weight < MARGIN * s[0]]
        if any(best.claims[s[3]].verdict != "wrong" for s in close):
            return None  # the question's words fit a claim that is not an error about as well
        return Checked(best, index)


# "why do some sites say 30 hours and others 35-40 minutes", "почему где-то пишут 20, а где-то 30": the
# member saw two versions and asks why they differ, which a dispute's reading (its note) answers.
WHY = re.compile(r"\b(why|how come)\b|(?<![а-яё])(почему|отчего|с чего)(?![а-яё])", re.IGNORECASE)
TWO_VERSIONS = re.compile(
    r"\b(some|others?|other ones|sources|sites|pages|articles|outlets|reports|differ\w*|disagree\w*|conflict\w*"
    r"|vary|varies|different|both|one says|us sites|russian sites)\b"
    r"|(?<![а-яё])(где-то|одн(и|их|им|ими)|друг(ие|их|им|ими)|разн\w*|пишут|пишет|американцы|наши|то\s+\S+\s+то|расход\w*|отлича\w*)(?![а-яё])",
    re.IGNORECASE,
)
MIN_DISPUTE_WEIGHT = 4.0  # the rare words a question must share with a dispute before it is taken to be about it
DISPUTE_MARGIN = 1.25  # over the next dispute that has every figure the question gives


def asks_why_versions_differ(question: str) -> bool:
    """Whether a question asks why the sources give different versions of something."""
    text = question.casefold()
    return bool(WHY.search(text)) and bool(TWO_VERSIONS.search(text))


class DisputeIndex:
    """Every dispute by the stems of its title, claims and reading, in English and Russian."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.disputes: list[tuple[Contradiction, frozenset[str], frozenset[str]]] = []
        for c in kb.contradictions.values():
            texts = [c.title, c.note, *(claim.text for claim in c.claims), *c.texts.get("ru", {}).values()]
            self.disputes.append((c, frozenset(key(" ".join(texts)).split()) - NOISE, numbers(" ".join(texts))))
        self.idf = rarity([words for _, words, _ in self.disputes])

    def explaining(self, question: str) -> Contradiction | None:
        """The dispute a "why do the sources differ" question is about, when its words point at one clearly."""
        asked, figures = frozenset(key(question).split()) - NOISE, numbers(question)
        scored = sorted(
            ((self._weight(asked & words), c.id, c) for c, words, has in self.disputes if figures <= has), reverse=True
        )
        if not scored or scored[0][0] < MIN_DISPUTE_WEIGHT or not scored[0][2].note:
            return None
        if len(scored) > 1 and scored[0][0] < DISPUTE_MARGIN * scored[1][0]:
            return None
        return scored[0][2]

    def _weight(self, shared: frozenset[str]) -> float:
        """The shared words, by how rare each is among the disputes."""
        return sum(self.idf[w] for w in shared)


# "do all sources agree on dudin's role?", "is it certain whether liman would fly?": whether the record is
# settled, which a recorded dispute answers by existing.
ASKS_IF_SETTLED = re.compile(
    r"\b(do|does|did) (all |the |most )?(sources|reports|outlets|sites|articles|pages) (agree|say the same|match)"
    r"|\b(is|was) (it|that|this) (certain|settled|clear|undisputed|agreed)\b|\bagree on\b"
    r"|(?<![а-яё])(источники|все) (сходятся|согласны|пишут одно)|(?<![а-яё])(однозначно|точно известно)(?![а-яё])",
    re.IGNORECASE,
)


def asks_if_settled(question: str) -> bool:
    """Whether a yes/no question asks if the sources agree, which a dispute about it answers "no"."""
    return bool(ASKS_IF_SETTLED.search(question.casefold()))
