"""A thousand malformed admin inputs never crash and never write anything.

The commands and their options come from the /facts table, so a new command is fuzzed the day
it is added, with the options the shells would send it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import App
from bot.ask.service import RaceService, UserError
from bot.core.changes import Actor
from bot.core.dates import IsoStyle
from bot.facts.commands import COMMANDS, Command, Option, run
from bot.infra.store import Store
from bot.seed.loader import ensure_seeded
from tests.mini_race import mini_race

ADMIN = Actor("1", "fuzz")
STYLE = IsoStyle()
junk = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "",
            " ",
            "@everyone",
            "<@&1>",
            "javascript:alert(1)",
            "2021-13-45",
            "1800",
            "Q5 2026",
            "x" * 1001,
            "TBD",
            "beta",
            "Beta launch",
            "banana",
            "ftp://x",
            "http://",
            "ada",
            "alpha-budget",
            "pilot, director",
            "astronaut",
            "who flew the cat",
        ]
    ),
)
files = st.one_of(st.binary(max_size=200), st.sampled_from([b"{}", b"{nope", b'{"contenders": 1}', b"\xff"]))
# Undo is left out: undoing a junk change number could redo an earlier case's undo, which is valid.
FUZZED = [c for c in COMMANDS if c.name != "undo"]


def value(option: Option) -> st.SearchStrategy[object]:
    """What a shell could hand the table for this option: junk of its type, or sometimes a valid choice."""
    if option.type == "boolean":
        return st.booleans()
    if option.type == "integer":
        return st.one_of(st.none(), st.integers(min_value=-5, max_value=10**6))
    if option.type == "file":
        return files
    return st.one_of(st.sampled_from(option.choices), junk) if option.choices else junk


def _service() -> RaceService:
    store = Store.memory()
    ensure_seeded(store, mini_race())
    return RaceService(store)


SERVICE = _service()
ADMIN_SERVICE = App.around(SERVICE).facts


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(FUZZED), data=st.data())
def test_malformed_admin_input_is_refused_cleanly(command: Command, data: st.DataObject) -> None:
    values = {
        o.name: data.draw(value(o), label=o.name) for o in command.options if o.required or data.draw(st.booleans())
    }
    before, items = SERVICE.store.snapshot(), SERVICE.kb.to_data()
    try:
        outcome = run(ADMIN_SERVICE, command, ADMIN, values, STYLE)
    except UserError as exc:
        assert str(exc)  # a clear message
        assert SERVICE.store.snapshot() == before
        return
    # Some junk is valid (e.g. "Beta launch" + "TBD"): then it must be a preview or a clean, undoable change.
    if outcome.pending is None and SERVICE.store.snapshot() != before:
        ADMIN_SERVICE.undo(ADMIN, None, STYLE, confirm=False)
        assert SERVICE.kb.to_data() == items  # undone exactly
