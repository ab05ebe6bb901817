"""What members asked that the bot could not answer well: declined questions and 👎 answers.

Kept so admins can see the most frequent misses (`/facts questions`, `race-bot questions`) and
attach a missed question to the item that answers it. Only the question's text, when, how often
and what was answered are kept — never who asked. Entries older than the configured number of
days are dropped when the log is read or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.core.dates import iso_instant
from bot.core.models import parse_instant
from bot.core.text import neutralize_mentions, shorten
from bot.infra.store import Store

TABLE = "asked"
QUESTION_KEEP = 300


class Miss(StrEnum):
    DECLINED = "declined"  # the bot said it did not know
    DOWNVOTED = "downvoted"  # the asker pressed 👎 under an answer


@dataclass(frozen=True)
class Missed:
    """One missed question, deduplicated: how often, since when, and what (if anything) was answered."""

    key: str
    question: str
    miss: Miss
    count: int
    first: str
    last: str
    answered: str  # "kind:id" of the item the bot answered with, "" when it declined

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Missed:
        return cls(
            doc["key"], doc["question"], Miss(doc["miss"]), doc["count"], doc["first"], doc["last"], doc["answered"]
        )


def question_key(question: str) -> str:
    """Questions that differ only in case, spacing and punctuation count as one."""
    return " ".join("".join(ch for ch in question.casefold() if ch.isalnum() or ch.isspace()).split())


def record(store: Store, question: str, miss: Miss, answered: str, now: datetime, *, keep_days: int) -> None:
    """Count one miss (inside the caller's transaction, e.g. through ``store.arun``)."""
    key = question_key(question)
    if not key:
        return
    table = store.table(TABLE)
    prune(store, now, keep_days)
    found = [d for d in table.all() if d["key"] == key and d["miss"] == miss.value and d["answered"] == answered]
    stamp = iso_instant(now)
    if found:
        doc = found[0]
        table.update({"count": doc["count"] + 1, "last": stamp}, doc_ids=[doc.doc_id])
        return
    text = shorten(neutralize_mentions(" ".join(question.split())), QUESTION_KEEP)
    new = {"key": key, "question": text, "miss": miss.value, "count": 1, "first": stamp, "last": stamp}
    table.insert({**new, "answered": answered})


def prune(store: Store, now: datetime, keep_days: int) -> None:
    cutoff = now - timedelta(days=keep_days)
    store.table(TABLE).remove(lambda d: parse_instant(d["last"]) < cutoff)


def most_frequent(store: Store, now: datetime, *, keep_days: int, limit: int = 10) -> list[Missed]:
    """The most frequent misses still within the keeping period, most frequent and most recent first."""
    cutoff = now - timedelta(days=keep_days)
    docs = [d for d in store.table(TABLE).all() if parse_instant(d["last"]) >= cutoff]
    docs.sort(key=lambda d: (d["count"], d["last"]), reverse=True)
    return [Missed.from_doc(d) for d in docs[:limit]]


class FeedbackLog:
    """The miss log with its keeping period and clock, for the shells (writes go through the one writer)."""

    def __init__(self, store: Store, clock: Any, keep_days: int = 90) -> None:
        self.store = store
        self.clock = clock
        self.keep_days = keep_days

    def record(self, question: str, miss: Miss, answered: str = "") -> None:
        self.store.run(lambda s: record(s, question, miss, answered, self.clock(), keep_days=self.keep_days))

    async def arecord(self, question: str, miss: Miss, answered: str = "") -> None:
        await self.store.arun(lambda s: record(s, question, miss, answered, self.clock(), keep_days=self.keep_days))

    def most_frequent(self, limit: int = 10) -> list[Missed]:
        return most_frequent(self.store, self.clock(), keep_days=self.keep_days, limit=limit)
