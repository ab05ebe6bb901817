"""A thousand random malformed admin inputs, sent through Discord, never crash the bot or write anything.

Every /facts command and option comes from the table the cog is generated from, so each new
command is fuzzed through discord.py with values Discord itself would let through (choices,
lengths, types).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.facts.commands import COMMANDS, Command, Option
from tests.e2e.conftest import Harness

text = st.one_of(
    st.text(min_size=1, max_size=100),
    st.sampled_from(
        [
            "@everyone",
            "<@&1>",
            "javascript:alert(1)",
            "2021-13-45",
            "1800",
            "Q5 2026",
            "banana",
            "ftp://x",
            "http://",
            "TBD tomorrow",
            "∞",
            "ｍｓ-19",
            "peresild",
            "director, astronaut",
        ]
    ),
)
# Undo is left out: undoing a junk change number could redo an earlier case's undo, which is valid.
FUZZED = [c for c in COMMANDS if c.name != "undo" and c.discord_options]


def value(option: Option) -> st.SearchStrategy[Any]:
    """A value Discord would send for this option: one of its choices, or text within its lengths."""
    if option.choices:
        return st.sampled_from(option.choices)
    if option.type == "boolean":
        return st.booleans()
    if option.type == "integer":
        return st.integers(min_value=option.minimum or 0, max_value=10**6)
    if option.type == "file":
        return st.tuples(st.just("x.json"), st.binary(max_size=100))
    return text.map(lambda t: (t * option.min_length)[: option.max_length])


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(command=st.sampled_from(FUZZED), data=st.data())
async def test_malformed_admin_input_through_discord(harness: Harness, command: Command, data: st.DataObject) -> None:
    h = harness
    options = command.discord_options
    values = {o.name: data.draw(value(o), label=o.name) for o in options if o.required or data.draw(st.booleans())}
    h.bot.scheduler.pause()  # no background ticks: any change to the store would be this command's
    await h.bot.dispatcher.idle()
    before = h.service.store.snapshot()
    result = await h.emu.invoke(f"facts {command.name}", values, user=h.home.admin, channel=h.home.general)
    assert result.ephemeral and result.text  # always an answer, only for the admin
    if "Sorry, something went wrong" in result.text:
        raise AssertionError(f"unexpected error for {command.name} {values!r}")
    if h.service.store.snapshot() != before:  # rare valid junk: it must be a clean, undoable change
        assert "applied" in result.text
        undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
        assert "applied" in undo.text
