"""The bank fallback: a question the word ranking declines is answered from the question bank's closest
item only when the fitted acceptor judges the fit very likely right."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.ask.acceptor import DEFAULT_PATH, FEATURES, Acceptor, load_acceptor
from bot.core.dates import IsoStyle
from tests.blind_scoring import answer_text


class Refuses:
    """An acceptor that takes nothing, remembering that it was asked."""

    asked = 0

    def accepts(self, measures: dict[str, float]) -> bool:
        assert set(measures) == set(FEATURES)
        self.asked += 1
        return False


@pytest.fixture(scope="module")
def app() -> Iterator[App]:
    yield App.open(None)


def _ask(app: App, question: str) -> tuple[bool, str]:
    reply = app.questions.ask(question, IsoStyle())
    return reply.ok, answer_text(reply)


def test_the_shipped_acceptor_is_fitted_on_these_measures() -> None:
    acceptor = load_acceptor()
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and set(acceptor.weights) == set(FEATURES)
    assert 0.8 <= acceptor.threshold < 1.0  # it answers only when very likely right
    never = ("blind11", "blind12", "ru9", "ru10")  # the blind sets stay blind
    assert not any(blind in name for name in data["trained_on"] for blind in never)


def test_an_acceptor_fitted_on_other_measures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "acceptor.json"
    path.write_text(json.dumps({"features": ["score"], "weights": [1.0], "bias": 0.0, "threshold": 0.9}))
    with pytest.raises(ValueError, match="train_acceptor"):
        load_acceptor(path)


def test_a_question_found_in_the_item_is_likelier_right_than_one_that_is_not() -> None:
    acceptor = load_acceptor()
    fits = dict.fromkeys(FEATURES, 0.5)
    assert acceptor.probability({**fits, "cov_item": 1.0, "miss_item": 0.0}) > acceptor.probability(
        {**fits, "cov_item": 0.4, "miss_item": 1.0}
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("wat height range did applicants need", "150–180"),
        ("кто звонил пересильд с поздравлениями на стнцию", "Терешкова"),
    ],
)
def test_a_paraphrase_the_ranking_misses_is_answered_from_the_bank(app: App, question: str, said: str) -> None:
    ok, text = _ask(app, question)
    assert ok and said in text
    engine = app.questions.engine
    shipped, refusing = engine.acceptor, Refuses()
    engine.acceptor = refusing
    try:
        ok, _ = _ask(app, question)
    finally:
        engine.acceptor = shipped
    assert not ok and refusing.asked >= 1  # without the fallback it is declined: the fallback answered it


@pytest.mark.parametrize(
    "question", ["what is yulia peresild's favourite colour", "what did they eat on the iss during filming"]
)
def test_a_near_topic_question_the_items_do_not_answer_stays_declined(app: App, question: str) -> None:
    engine = app.questions.engine
    shipped = engine.acceptor
    seen: list[float] = []

    class Spy:
        def accepts(self, measures: dict[str, float]) -> bool:
            assert isinstance(shipped, Acceptor)
            seen.append(shipped.probability(measures))
            return shipped.accepts(measures)

    engine.acceptor = Spy()
    try:
        ok, _ = _ask(app, question)
    finally:
        engine.acceptor = shipped
    assert not ok and seen and max(seen) < load_acceptor().threshold  # consulted, and it said no


def test_the_fitting_script_separates_what_it_is_shown_and_replays_the_engines_order() -> None:
    import importlib.util
    import sys

    script = Path(__file__).parents[1] / "bench" / "train_acceptor.py"
    spec = importlib.util.spec_from_file_location("train_acceptor", script)
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_acceptor"] = train  # its dataclasses look their module up
    spec.loader.exec_module(train)
    rows = [train.Row([x / 10, 0.5], x >= 5, False, f"set{x % 3}", f"q{x}") for x in range(10) for _ in range(3)]
    weights = train.fit(rows)
    assert train.probability(weights, [0.9, 0.5]) > 0.6 > 0.4 > train.probability(weights, [0.1, 0.5])
    first = train.Row([0.9, 0.5], False, False, "a", "q", order=0)  # let through first, and wrong
    second = train.Row([0.9, 0.5], True, False, "a", "q", order=1)
    table = train.figures([(0.95, second), (0.95, first)])
    assert table[0]["right"] == 0 and table[0]["wrong"] == 1  # the first candidate let through answers
