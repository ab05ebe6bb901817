"""A thousand random malformed admin inputs, sent through Discord, never crash the bot or write anything."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        ]
    ),
)
COMMANDS = {
    "facts date": lambda a, b, c: {"milestone": a, "date": b, "source": c},
    "facts status": lambda a, b, c: {"kind": "milestone", "name": a, "status": b, "reason": c},
    "facts rename": lambda a, b, c: {"kind": "person", "name": a, "new_name": b},
    "facts remove": lambda a, b, c: {"kind": "fact", "name": a, "reason": c},
    "facts merge": lambda a, b, c: {"kind": "contender", "keep": a, "duplicate": b},
    "facts source": lambda a, b, c: {"action": "add", "kind": "milestone", "name": a, "url": b},
    "facts add": lambda a, b, c: {"kind": "fact", "source": c, "text": a, "topics": b},
    "facts track": lambda a, b, c: {"milestone": a, "launch_id": (b * 36)[:36]},
}


@settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(command=st.sampled_from(sorted(COMMANDS)), a=text, b=text, c=text)
async def test_malformed_admin_input_through_discord(harness: Harness, command: str, a: str, b: str, c: str) -> None:
    h = harness
    h.bot.scheduler.pause()  # no background ticks: any change to the store would be this command's
    await h.bot.dispatcher.idle()
    before = h.service.store.snapshot()
    result = await h.emu.invoke(command, COMMANDS[command](a, b, c), user=h.home.admin, channel=h.home.general)
    assert result.ephemeral and result.text  # always an answer, only for the admin
    if "Sorry, something went wrong" in result.text:
        raise AssertionError(f"unexpected error for {command} {a!r} {b!r} {c!r}")
    if h.service.store.snapshot() != before:  # rare valid junk: it must be a clean, undoable change
        assert "applied" in result.text
        undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
        assert "applied" in undo.text
