"""Every member command through the real discord.py client and the emulator, as a member sees it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core.cards import DESCRIPTION_MAX, FIELD_VALUE_MAX, FIELDS_MAX, TITLE_MAX, TOTAL_MAX
from tests.discord_emu import buttons
from tests.discord_emu.model import Message
from tests.e2e.conftest import Harness

LAUNCH_STAMP = "<t:1633424102:F>"  # Soyuz MS-19 lifted off at 2021-10-05 08:55:02 UTC


def embed_size(e: dict[str, Any]) -> int:
    return (
        len(e.get("title", ""))
        + len(e.get("description", ""))
        + len((e.get("footer") or {}).get("text", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", []))
    )


def assert_within_limits(message: Message) -> None:
    for e in message.embeds:
        assert len(e.get("title", "")) <= TITLE_MAX and len(e.get("description", "")) <= DESCRIPTION_MAX
        assert len(e.get("fields", [])) <= FIELDS_MAX
        assert all(len(f["value"]) <= FIELD_VALUE_MAX for f in e.get("fields", []))
        assert embed_size(e) <= TOTAL_MAX
    assert message.allowed_mentions == {"parse": []}, "no reply may mention anyone"


@pytest.mark.parametrize(
    ("command", "options", "expected"),
    [
        ("race", {}, ["The Challenge (Vyzov)", "First:", LAUNCH_STAMP]),
        ("contender", {"name": "vyzov"}, ["The Challenge (Vyzov)", "Klim Shipenko", "Sources"]),
        ("timeline", {"contender": "challenge"}, ["Timeline: The Challenge (Vyzov)", LAUNCH_STAMP]),
        ("person", {"name": "peresild"}, ["Yulia Peresild", "lead actress"]),
        ("compare", {"first": "challenge", "second": "cruise-liman"}, ["vs", "Status · The Challenge"]),
        ("ask", {"question": "whn did peresild lanch?"}, [LAUNCH_STAMP, "Sources"]),
        ("sources", {"topic": "budget"}, ["Sources disagree", "905"]),
        ("help", {}, ["/ask QUESTION", "/timeline"]),
    ],
)
async def test_member_commands_answer(harness: Harness, command: str, options: dict, expected: list[str]) -> None:
    h = harness
    result = await h.emu.invoke(command, options, user=h.home.member, channel=h.home.general)
    for text in expected:
        assert text in result.text, f"/{command}: {text!r} missing from:\n{result.text}"
    assert result.ephemeral is (command == "help")
    for message in result.messages:
        assert_within_limits(message)


async def test_dates_are_discord_timestamps_honouring_precision(harness: Harness) -> None:
    h = harness
    result = await h.emu.invoke("timeline", {"contender": "challenge"}, user=h.home.member, channel=h.home.general)
    text = result.text
    assert "<t:1633424102:F> (<t:1633424102:R>)" in text  # exact time
    assert "September 2020 — Roscosmos announces the film" in text  # month precision: no invented day
    assert "<t:1598918400" not in text  # 2020-09-01 must never appear as a timestamp


async def test_timeline_and_race_attach_the_picture(harness: Harness) -> None:
    h = harness
    for command in ("race", "timeline"):
        result = await h.emu.invoke(command, {}, user=h.home.member, channel=h.home.general)
        assert result.callback_type == 5  # "thinking…" while the picture renders
        message = result.last
        assert message.files["timeline.png"].startswith(b"\x89PNG")
        assert message.embeds[0]["image"]["url"] == "attachment://timeline.png"


async def test_autocomplete_is_bounded_and_relevant(harness: Harness) -> None:
    h = harness
    choices = await h.emu.autocomplete(
        "contender", {"name": "chal"}, "name", user=h.home.member, channel=h.home.general
    )
    assert choices and choices[0]["value"] == "challenge"
    everyone = await h.emu.autocomplete("person", {"name": ""}, "name", user=h.home.member, channel=h.home.general)
    assert len(everyone) == 25
    misspelled = await h.emu.autocomplete(
        "person", {"name": "peresil"}, "name", user=h.home.member, channel=h.home.general
    )
    assert misspelled[0]["name"] == "Yulia Peresild"
    topics = await h.emu.autocomplete("sources", {"topic": "box"}, "topic", user=h.home.member, channel=h.home.general)
    assert any("box office" in c["name"] for c in topics)


@pytest.mark.parametrize(
    ("command", "options", "message"),
    [
        ("contender", {"name": "zzzzzz"}, "No contender called"),
        ("person", {"name": "Tom Hanks"}, "No person called"),
        ("compare", {"first": "challenge", "second": "vyzov"}, "two different contenders"),
        ("sources", {"topic": "qwertyuiop"}, "No topic called"),
        ("timeline", {"from_year": 2023, "to_year": 2020}, "after the last"),
    ],
)
async def test_bad_input_gets_a_clear_ephemeral_error(
    harness: Harness, command: str, options: dict, message: str
) -> None:
    h = harness
    result = await h.emu.invoke(command, options, user=h.home.member, channel=h.home.general)
    assert result.ephemeral and message in result.text
    assert_within_limits(result.last)


async def test_unknown_names_come_with_suggestions(harness: Harness) -> None:
    h = harness
    result = await h.emu.invoke("contender", {"name": "crusie"}, user=h.home.member, channel=h.home.general)
    assert "Tom Cruise" in result.text  # resolved despite the typo


async def test_long_answers_are_paged_and_only_the_asker_turns_pages(harness: Harness) -> None:
    h = harness
    result = await h.emu.invoke("sources", {"topic": "challenge"}, user=h.home.member, channel=h.home.general)
    first = result.last
    assert "page 1/" in first.embeds[0]["footer"]["text"]
    assert buttons(first) == ["pager:prev", "pager:next"]
    stranger = await h.emu.click(first, "pager:next", user=h.home.owner)
    assert stranger.ephemeral and "Only the person who asked" in stranger.text
    assert "page 1/" in first.embeds[0]["footer"]["text"]  # nothing turned
    turned = await h.emu.click(first, "pager:next", user=h.home.member)
    assert turned.callback_type == 7 and "page 2/" in first.embeds[0]["footer"]["text"]
    assert_within_limits(first)


async def test_a_question_cannot_make_the_bot_ping(harness: Harness) -> None:
    h = harness
    result = await h.emu.invoke(
        "ask", {"question": "@everyone <@&123> who won?"}, user=h.home.member, channel=h.home.general
    )
    assert "@everyone" not in result.last.embeds[0]["title"].replace("@\u200beveryone", "")
    assert result.last.allowed_mentions == {"parse": []}


async def test_declined_question_suggests_commands(harness: Harness) -> None:
    h = harness
    result = await h.emu.invoke(
        "ask", {"question": "what's the weather in paris"}, user=h.home.member, channel=h.home.general
    )
    assert "rather not guess" in result.text and "/timeline" in result.text
