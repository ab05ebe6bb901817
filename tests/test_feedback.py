"""The miss log: declined and 👎 questions, deduplicated, counted, expiring, without who asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.ask.cards import missed_questions_reply
from bot.ask.feedback import FeedbackLog, Miss
from bot.core.cards import reply_text
from bot.infra.store import Store
from tests.conftest import Clock


def test_misses_are_deduplicated_counted_and_ordered() -> None:
    clock = Clock(datetime(2026, 12, 1, tzinfo=UTC))
    log = FeedbackLog(Store.memory(), clock, keep_days=90)
    for text in ("Who paid for Vyzov?", "who paid for vyzov", "who  paid for VYZOV!"):
        log.record(text, Miss.DECLINED)
    log.record("who was the lead", Miss.DOWNVOTED, "person:khodchenkova")
    top = log.most_frequent()
    assert [(m.question, m.count, m.miss) for m in top] == [
        ("Who paid for Vyzov?", 3, Miss.DECLINED),
        ("who was the lead", 1, Miss.DOWNVOTED),
    ]
    text = reply_text(missed_questions_reply(top))
    assert "3×" in text and "👎 on person:khodchenkova" in text


def test_old_misses_expire_after_the_keeping_period() -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    store = Store.memory()
    log = FeedbackLog(store, clock, keep_days=30)
    log.record("an old question", Miss.DECLINED)
    clock.advance(timedelta(days=31).total_seconds())
    assert log.most_frequent() == []
    log.record("a new one", Miss.DECLINED)  # writing prunes what expired
    assert [d["question"] for d in store.table("asked").all()] == ["a new one"]


def test_mentions_in_kept_questions_are_neutralised() -> None:
    log = FeedbackLog(Store.memory(), Clock(datetime(2026, 1, 1, tzinfo=UTC)))
    log.record("@everyone who won", Miss.DECLINED)
    assert "@everyone" not in log.most_frequent()[0].question
