"""Checking a claim a member read somewhere against the disputes the knowledge base records (bot/ask/claims.py)."""

from __future__ import annotations

import pytest

from bot.ask.claims import ClaimIndex, DisputeIndex, asks_if_settled, asks_if_true, asks_why_versions_differ
from bot.ask.service import RaceService
from bot.core.dates import IsoStyle
from bot.core.kb import KnowledgeBase
from bot.infra.store import Store
from bot.infra.tables import load_kb
from bot.seed.loader import ensure_seeded


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    store = Store.memory()
    ensure_seeded(store)
    return load_kb(store)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("a blog claims the soyuz docked on autopilot, is that true", True),
        ("my friend says they trained for a year. correct?", True),
        ("правда что их везли на мс-18?", True),
        ("в новостях пишут что стыковка была автоматической, это так?", True),
        ("was the gear carried on soyuz ms-17? i read that somewhere", True),  # a yes/no about a report
        ("which is right, 16 or 17 october?", False),  # which side holds: not one claim put to the bot
        ("где правда про дату посадки", False),
        ("did the soyuz dock automatically", False),  # a plain question: the other steps answer it
    ],
)
def test_a_claim_put_to_the_bot_is_told_from_other_questions(question: str, expected: bool) -> None:
    assert asks_if_true(question) is expected


@pytest.mark.parametrize(
    ("question", "dispute", "claim"),
    [
        ("a blog claims ms-19 docked automatically, is that true", "docking-manual-or-automatic", 1),
        ("someone wrote the film gear weighed 31 lb, right?", "vehicle-mix-ups", 2),
        ("i heard the film cost over 100 million dollars, true?", "challenge-budget", 4),
        ("говорят что шипенко играл пациента, это правда?", "plot-versions", 2),
    ],
)
def test_the_erroneous_claim_meant_is_found(kb: KnowledgeBase, question: str, dispute: str, claim: int) -> None:
    checked = ClaimIndex(kb).check(question)
    assert checked is not None and (checked.contradiction.id, checked.claim) == (dispute, claim)


@pytest.mark.parametrize(
    "question",
    [
        "someone said the crew flew up on ms-19, is that right?",  # no claim about ms-19 carrying them is wrong
        "a site says the docking was manual, correct?",  # the better-sourced claim: no "no" (nor a guessed "yes")
        "people say the film was good, true?",  # no claim shares its words
    ],
)
def test_no_claim_is_decided_when_none_is_meant_clearly_or_it_is_no_error(kb: KnowledgeBase, question: str) -> None:
    assert ClaimIndex(kb).check(question) is None


def test_the_answer_says_no_first_and_still_shows_every_side(kb: KnowledgeBase) -> None:
    store = Store.memory()
    ensure_seeded(store)
    reply = RaceService(store).ask("a blog claims ms-19 docked automatically, is that true", IsoStyle())
    text = reply.pages[0].description
    assert reply.ok and text.startswith("**No** — The manual docking is the better-sourced account.")
    assert "Sources disagree" in text and "docked manually" in text and "docked automatically" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("why do articles give different opening weekend numbers", True),
        ("почему в одних статьях бюджет один, а в других другой", True),
        ("why did ax-1 last 17 days instead of 10", False),  # a plan and what happened: not two versions
        ("why did krikalev lose his post", False),
    ],
)
def test_a_question_about_two_versions_is_told_from_other_why_questions(question: str, expected: bool) -> None:
    assert asks_why_versions_differ(question) is expected


@pytest.mark.parametrize(
    ("question", "dispute"),
    [
        ("how come some reports have the undocking on the 16th and others on the 17th, why", "return-date"),
        ("why do the box office figures differ between sites", "box-office-figures"),
        ("почему одни пишут про 30 часов съёмок, а другие про 40 минут", "amount-of-footage"),
    ],
)
def test_why_versions_differ_finds_the_dispute_and_answers_with_its_reading(question: str, dispute: str) -> None:
    store = Store.memory()
    ensure_seeded(store)
    service = RaceService(store)
    d = load_kb(store).contradictions[dispute]
    assert DisputeIndex(load_kb(store)).explaining(question) is not None
    reply = service.ask(question, IsoStyle())
    text = reply.pages[0].description
    lang_note = d.texts.get("ru", {}).get("note", d.note) if "почему" in question else d.note
    assert reply.ok and text.startswith(f"**{lang_note}**") and all(c.sources[0] in text for c in d.claims)


def test_a_why_question_naming_no_dispute_clearly_is_left_to_the_other_steps(kb: KnowledgeBase) -> None:
    assert DisputeIndex(kb).explaining("why do some say different things about it") is None


@pytest.mark.parametrize(
    ("question", "settled"),
    [
        ("do all the reports agree on how the soyuz docked?", True),
        ("is it settled when the undocking was", True),
        ("источники сходятся по бюджету вызова?", True),
        ("did the soyuz dock manually", False),
    ],
)
def test_a_question_whether_the_sources_agree_is_told(question: str, settled: bool) -> None:
    assert asks_if_settled(question) is settled


def test_do_the_sources_agree_is_answered_no_when_a_dispute_answers_it() -> None:
    store = Store.memory()
    ensure_seeded(store)
    reply = RaceService(store).ask("do all sources agree on what alexei dudin's role was?", IsoStyle())
    text = reply.pages[0].description
    assert reply.ok and text.startswith("**No** — ⚖️ Sources disagree") and "Second camera operator" in text


def test_a_claim_close_to_other_errors_of_its_dispute_is_still_an_error(kb: KnowledgeBase) -> None:
    """TVN24 and East Coast Daily both put the crew on MS-18: a question fitting both is about an error either way."""
    checked = ClaimIndex(kb).check("правда что пересильд с шипенко полетели на мкс на мс-18?")
    assert checked is not None and checked.contradiction.id == "vehicle-mix-ups"
    assert checked.contradiction.claims[checked.claim].verdict == "wrong"
