"""Whether the question bank's closest item may answer a question the word ranking could not.

Many members' questions are declined although one item's own questions say nearly the same thing in
other words ("who greeted them after they landed" / "who greeted the crew after landing"): a bank
similarity of 70–85 is right as often as it is wrong, so no threshold on it alone is safe. What tells
the two apart is how the question fits the candidate as a whole — whether every rare word of the
question is found in the item's text or its own questions, how far the candidate leads the next
item, how many of the bank's closest questions are that item's. A logistic model over those
measures, fitted on the development question sets (`bench/train_acceptor.py`), answers only when
the fit is very likely right: a wrong answer is worse than "I don't know".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from bot.ask.understand import BankEntry, QuestionBank, question_class, similarity

FEATURES = (
    "score",  # the bank score (similarity less the penalty for missing rare words)
    "raw",  # the similarity alone
    "margin",  # its lead over the closest question of another item
    "same",  # how many of the five closest questions are this item's
    "cov_q",  # the share of the question's weight in the bank question's words
    "cov_b",  # the share of the bank question's weight in the question's words
    "miss",  # the rarest question word the bank question lacks
    "extra",  # the rarest bank-question word the question lacks
    "cls",  # the same question class ("when", "who", …)
    "ru",  # asked in Russian
    "words",  # how many content words (up to ten)
    "named",  # the question names a person or a project
    "yesno",  # the bank question is a yes/no question
    "cov_item",  # the share of the question's weight found anywhere in the item (text and questions)
    "miss_item",  # the rarest question word found nowhere in the item
    "rank",  # the candidate's place among the closest questions
    "ranked",  # the item is the word ranking's first (1), second or third (0.5), or neither (0)
    "ranked_cov",  # how much of the question the word ranking found in the item (0 when not ranked)
    "translated",  # matched through the question's English words (a Russian question, by the lexicon)
)
DEFAULT_PATH = Path(__file__).with_name("acceptor.json")


class Accepting(Protocol):
    def accepts(self, measures: dict[str, float]) -> bool: ...


@dataclass(frozen=True)
class Acceptor:
    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, measures: Mapping[str, float]) -> float:
        """The fitted chance that the candidate's answer is right."""
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in measures.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def accepts(self, measures: dict[str, float]) -> bool:
        return self.probability(measures) >= self.threshold


def load_acceptor(path: Path = DEFAULT_PATH) -> Acceptor:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} was fitted on other measures; run bench/train_acceptor.py --write")
    return Acceptor(dict(zip(FEATURES, data["weights"], strict=True)), data["bias"], data["threshold"])


@cache
def default_acceptor() -> Acceptor:
    """The fitted acceptor shipped with the package, read once (every rebuilt engine shares it)."""
    return load_acceptor()


@dataclass(frozen=True)
class Candidate:
    """The bank's closest question about an item, among the question's closest matches."""

    entry: BankEntry
    score: float
    rank: int


def measures(
    bank: QuestionBank,
    question: str,
    wanted: str,
    candidate: Candidate,
    matches: list[tuple[BankEntry, float]],
    item_words: Iterable[str],
    *,
    russian: bool,
    named: bool,
    ranked: tuple[int, float] | None = None,
    translated: bool = False,
) -> dict[str, float]:
    """How well the question fits the candidate item, each measure scaled to about 0–1.

    `wanted` is the question's stemmed content words as the bank spells them; `item_words` the stems
    of the item's text and of all its own questions; `ranked` the item's place in the word ranking
    and the share of the question it covered there, when it was among the first three."""
    words, bank_words, vocab = wanted.split(), candidate.entry.key.split(), set(item_words)
    entry = candidate.entry
    idf = [bank.idf.get(w, bank.max_idf) for w in words]
    bank_idf = [bank.idf.get(w, bank.max_idf) for w in bank_words]
    total, bank_total = sum(idf) or 1.0, sum(bank_idf) or 1.0
    mine = [s for e, s in matches if (e.kind, e.item_id) == (entry.kind, entry.item_id)]
    others = [s for e, s in matches if (e.kind, e.item_id) != (entry.kind, entry.item_id)]
    return {
        "score": candidate.score / 100,
        "raw": similarity(wanted, entry.key) / 100,
        "margin": (candidate.score - max(others, default=50.0)) / 100,
        "same": len(mine) / 5,
        "cov_q": sum(wt for w, wt in zip(words, idf, strict=True) if w in bank_words) / total,
        "cov_b": sum(wt for w, wt in zip(bank_words, bank_idf, strict=True) if w in words) / bank_total,
        "miss": max((wt for w, wt in zip(words, idf, strict=True) if w not in bank_words), default=0.0) / bank.max_idf,
        "extra": max((wt for w, wt in zip(bank_words, bank_idf, strict=True) if w not in words), default=0.0)
        / bank.max_idf,
        "cls": float(entry.asks == question_class(question)),
        "ru": float(russian),
        "words": min(len(words), 10) / 10,
        "named": float(named),
        "yesno": float(entry.asks == "yesno"),
        "cov_item": sum(wt for w, wt in zip(words, idf, strict=True) if w in vocab) / total,
        "miss_item": max((wt for w, wt in zip(words, idf, strict=True) if w not in vocab), default=0.0) / bank.max_idf,
        "rank": candidate.rank / 5,
        "ranked": 0.0 if ranked is None else (1.0 if ranked[0] == 0 else 0.5),
        "ranked_cov": 0.0 if ranked is None else ranked[1],
        "translated": float(translated),
    }
