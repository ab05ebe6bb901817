"""Admins edit the facts from Discord; nobody else can. Through discord.py and the emulator."""

from __future__ import annotations

import pytest

from bot.core.models import to_dict
from bot.facts.history import HISTORY_TABLE
from tests.discord_emu import CommandNotAvailable, buttons
from tests.discord_emu.model import MANAGE_GUILD
from tests.e2e.conftest import Harness


def milestone(h: Harness, mid: str) -> dict:
    return to_dict(h.service.kb.milestones[mid])


async def test_admin_edits_a_date_previews_and_confirms(harness: Harness) -> None:
    h = harness
    before = milestone(h, "soyuz-ms-19-launch")
    preview = await h.emu.invoke(
        "facts date",
        {
            "milestone": "soyuz-ms-19-launch",
            "date": "2021-10-06 09:00",
            "source": "https://example.org/x",
            "reason": "test",
        },
        user=h.home.admin,
        channel=h.home.general,
    )
    assert preview.ephemeral and "Preview" in preview.text and "0** subscribed channel" in preview.text
    assert buttons(preview.last) == ["facts:confirm", "facts:cancel"]
    assert milestone(h, "soyuz-ms-19-launch") == before  # nothing applied before Confirm
    done = await h.emu.click(preview.last, "facts:confirm", user=h.home.admin)
    assert done.callback_type == 7 and "#1** applied" in done.text and "read as UTC" in done.text
    m = h.service.kb.milestones["soyuz-ms-19-launch"]
    assert m.date == "2021-10-06T09:00:00Z" and m.history[-1].reason == "test"
    history = await h.emu.invoke(
        "facts history", {"kind": "milestone", "name": "soyuz-ms-19-launch"}, user=h.home.admin, channel=h.home.general
    )
    assert "#1" in history.text and f"mod ({h.home.admin.id})" in history.text and "test" in history.text


async def test_only_the_asking_admin_can_press_the_buttons_and_cancel_leaves_no_trace(harness: Harness) -> None:
    h = harness
    other_admin = h.emu.add_member(h.home.guild, "other-admin", permissions=MANAGE_GUILD)
    before = h.service.store.snapshot()
    preview = await h.emu.invoke(
        "facts status",
        {"kind": "milestone", "name": "soyuz-ms-19-launch", "status": "cancelled"},
        user=h.home.admin,
        channel=h.home.general,
    )
    refused = await h.emu.click(preview.last, "facts:confirm", user=other_admin)
    assert refused.ephemeral and "Only the admin who asked" in refused.text
    assert h.service.store.snapshot() == before
    cancelled = await h.emu.click(preview.last, "facts:cancel", user=h.home.admin)
    assert "nothing was changed" in cancelled.text and buttons(preview.last) == []
    assert h.service.store.snapshot() == before and h.service.store.table(HISTORY_TABLE).all() == []


async def test_member_without_permission_is_refused_and_nothing_changes(harness: Harness) -> None:
    h = harness
    before = h.service.store.snapshot()
    result = await h.emu.invoke(
        "facts date", {"milestone": "soyuz-ms-19-launch", "date": "2030"}, user=h.home.member, channel=h.home.general
    )
    assert result.ephemeral and "configured admins" in result.text
    assert h.service.store.snapshot() == before


async def test_another_servers_owner_cannot_change_the_shared_facts(harness: Harness) -> None:
    h = harness
    assert "facts" not in {c["name"] for c in h.emu.commands(h.other.guild.id)}
    before = h.service.store.snapshot()
    forged = await h.emu.invoke(
        "facts remove",
        {"kind": "fact", "name": "anything"},
        user=h.other.owner,
        channel=h.other.general,
        registered_in=h.home.guild.id,
    )
    assert forged.ephemeral and "configured admins" in forged.text
    assert h.service.store.snapshot() == before


async def test_configured_admin_role_may_edit(harness: Harness) -> None:
    h = harness
    editor_role = await h.emu.create_role(h.home.guild, "fact-editors")
    h.bot.settings = type(h.bot.settings)(**{**h.bot.settings.__dict__, "admin_role_id": editor_role.id})
    editor = h.emu.add_member(h.home.guild, "editor")
    h.emu.give_role(h.home.guild, editor, editor_role)
    result = await h.emu.invoke(
        "facts add",
        {"kind": "fact", "source": "https://example.org/f", "text": "The crew ate borscht.", "topics": "food, borscht"},
        user=editor,
        channel=h.home.general,
    )
    assert "applied" in result.text
    assert any("borscht" in f.topics for f in h.service.kb.facts.values())


async def test_undo_restores_exactly_and_history_shows_every_step(harness: Harness) -> None:
    h = harness
    before = milestone(h, "see-1-launch")
    rename = await h.emu.invoke(
        "facts rename",
        {"kind": "milestone", "name": "see-1-launch", "new_name": "SEE-1 arena launch"},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert "applied" in rename.text
    undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
    assert "applied" in undo.text and "Undo #1" in undo.text
    assert milestone(h, "see-1-launch") == before
    history = await h.emu.invoke("facts history", {}, user=h.home.admin, channel=h.home.general)
    assert "#2" in history.text and "#1" in history.text and "undone by #2" in history.text


async def test_bad_admin_input_is_refused_with_plain_words(harness: Harness) -> None:
    h = harness
    before = h.service.store.snapshot()
    cases = [
        ("facts date", {"milestone": "soyuz-ms-19-launch", "date": "banana"}, "can't read"),
        ("facts date", {"milestone": "no such thing", "date": "2030"}, "No milestone called"),
        ("facts date", {"milestone": "soyuz-ms-19-launch", "date": "1900"}, "outside"),
        ("facts add", {"kind": "fact", "source": "ftp://x", "text": "t", "topics": "a"}, "http(s)"),
        ("facts track", {"milestone": "soyuz-ms-19-launch", "launch_id": "x" * 36}, "UUID"),
    ]
    for command, options, message in cases:
        result = await h.emu.invoke(command, options, user=h.home.admin, channel=h.home.general)
        assert result.ephemeral and message in result.text, (command, options, result.text)
    assert h.service.store.snapshot() == before


async def test_export_and_import_round_trip_with_confirmation(harness: Harness) -> None:
    h = harness
    exported = await h.emu.invoke("facts export", {}, user=h.home.admin, channel=h.home.general)
    data = exported.last.files["race-export.json"]
    assert b'"contenders"' in data
    changed = data.replace(b'"Tom Cruise / Doug Liman space film"', b'"Cruise/Liman space film"')
    preview = await h.emu.invoke(
        "facts import", {"file": ("race-export.json", changed)}, user=h.home.admin, channel=h.home.general
    )
    assert "1 changed" in preview.text and h.service.kb.contenders["cruise-liman"].name.startswith("Tom")
    done = await h.emu.click(preview.last, "facts:confirm", user=h.home.admin)
    assert "applied" in done.text and h.service.kb.contenders["cruise-liman"].name == "Cruise/Liman space film"
    broken = await h.emu.invoke(
        "facts import", {"file": ("x.json", b"{nope")}, user=h.home.admin, channel=h.home.general
    )
    assert "not a valid race export" in broken.text


async def test_admin_adds_a_question_an_item_answers_and_undo_restores_it(harness: Harness) -> None:
    h = harness
    before = to_dict(h.service.kb.people["peresild"])
    question = "Who played Zhenya Belyaeva in Vyzov?"
    added = await h.emu.invoke(
        "facts question add",
        {"kind": "person", "name": "peresild", "question": question},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert added.ephemeral and "#1** applied" in added.text and "Question for Yulia Peresild (en)" in added.text
    assert buttons(added.last) == []  # no alert, so no preview: applied at once
    assert h.service.kb.people["peresild"].questions["en"][-1] == question
    russian = await h.emu.invoke(
        "facts question add",
        {"kind": "person", "name": "Yulia Peresild", "question": "Кто сыграл Женю?", "language": "ru"},
        user=h.home.admin,
        channel=h.home.general,
    )
    assert "applied" in russian.text and h.service.kb.people["peresild"].questions["ru"][-1] == "Кто сыграл Женю?"
    offered = await h.emu.autocomplete(
        "facts question remove",
        {"kind": "person", "name": "peresild", "question": "zhenya"},
        "question",
        user=h.home.admin,
        channel=h.home.general,
    )
    assert question in [c["value"] for c in offered]
    for _ in range(2):
        undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
        assert "applied" in undo.text
    assert to_dict(h.service.kb.people["peresild"]) == before


async def test_bad_question_is_refused_and_members_cannot_add_one(harness: Harness) -> None:
    h = harness
    before = h.service.store.snapshot()
    cases = [
        ({"kind": "person", "name": "peresild", "question": "who is Yulia Peresild?"}, "already answers"),
        ({"kind": "person", "name": "peresild", "question": "hm"}, "too short"),
        ({"kind": "person", "name": "nobody at all", "question": "Who is it?"}, "No person called"),
    ]
    for options, message in cases:
        result = await h.emu.invoke("facts question add", options, user=h.home.admin, channel=h.home.general)
        assert result.ephemeral and message in result.text, (options, result.text)
    member = await h.emu.invoke(
        "facts question add",
        {"kind": "person", "name": "peresild", "question": "Who is the star?"},
        user=h.home.member,
        channel=h.home.general,
    )
    assert "configured admins" in member.text
    assert h.service.store.snapshot() == before


async def test_admin_corrects_what_a_fact_is_about_and_undo_restores_it(harness: Harness) -> None:
    h = harness
    before = to_dict(h.service.kb.facts["days-aboard"])
    options = {
        "fact": "The film crew spent",  # the start of its text
        "subjects": "challenge, peresild",
        "attribute": "stay-duration",
        "answer_kind": "duration",
        "value": "twelve days",
    }
    done = await h.emu.invoke("facts about", options, user=h.home.admin, channel=h.home.general)
    assert done.ephemeral and "#1** applied" in done.text, done.text
    assert "About: days-aboard — subjects The Challenge (Vyzov), Yulia Peresild; value “twelve days”" in done.text
    assert buttons(done.last) == []  # no alert, so no preview: applied at once
    fact = h.service.kb.facts["days-aboard"]
    assert (fact.subjects, fact.value) == (["contender:challenge", "person:peresild"], "twelve days")
    assert (fact.attribute, fact.answer_kind, fact.answer) == (before["attribute"], "duration", before["answer"])
    described = h.service.store.snapshot()
    refusals = [
        ({"fact": "days-aboard", "subjects": "challenge, nobody at all"}, "No contender, person or milestone called"),
        ({"fact": "days-aboard", "attribute": "Stay duration!"}, "kebab-case slug"),
        ({"fact": "days-aboard"}, "give at least one of"),
    ]
    for refused, message in refusals:
        result = await h.emu.invoke("facts about", refused, user=h.home.admin, channel=h.home.general)
        assert result.ephemeral and message in result.text, (refused, result.text)
    member = await h.emu.invoke("facts about", options, user=h.home.member, channel=h.home.general)
    assert "configured admins" in member.text
    assert h.service.store.snapshot() == described
    undo = await h.emu.invoke("facts undo", {}, user=h.home.admin, channel=h.home.general)
    assert "applied" in undo.text and "Undo #1: About: days-aboard" in undo.text
    assert to_dict(h.service.kb.facts["days-aboard"]) == before


async def test_facts_is_not_offered_outside_the_home_server(harness: Harness) -> None:
    h = harness
    with pytest.raises(CommandNotAvailable):
        await h.emu.invoke("facts history", {}, user=h.home.admin, channel=h.emu.dm_channel(h.home.admin))
