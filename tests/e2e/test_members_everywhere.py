"""Members ask wherever they are (DMs, servers without the bot), check a posted claim, and rate answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from bot.ask.feedback import TABLE, Miss
from bot.shells.discord.bot import RaceBot
from tests.discord_emu import CommandNotAvailable, Emulator, World, buttons, run_bot


@pytest.fixture
async def running(emu: Emulator, make_bot: Callable[..., RaceBot]) -> AsyncIterator[tuple[Emulator, RaceBot, World]]:
    home = emu.add_guild("Home")
    bot = make_bot(emu, home)
    async with run_bot(bot, emu):
        yield emu, bot, home


def _misses(bot: RaceBot) -> list[dict]:
    return [dict(d) for d in bot.app.store.table(TABLE).all()]


async def _misses_once_logged(bot: RaceBot, count: int) -> list[dict]:
    """The misses, once the bot has logged them: it answers first (Discord's 3 s) and logs after."""
    for _ in range(100):
        misses = _misses(bot)
        if sum(m["count"] for m in misses) >= count:
            return misses
        await asyncio.sleep(0.02)
    return _misses(bot)


async def test_member_commands_sync_for_users_and_dms_admin_commands_stay_in_servers(running) -> None:  # type: ignore[no-untyped-def]
    emu, _bot, home = running
    ask = emu.command("ask")
    assert sorted(ask["integration_types"]) == [0, 1] and sorted(ask["contexts"]) == [0, 1, 2]
    menu = emu.command("Ask race-bot", kind=3)
    assert menu["type"] == 3 and sorted(menu["integration_types"]) == [0, 1]
    someone = emu.add_user("traveller")
    emu.install_for_user(someone)
    with pytest.raises(CommandNotAvailable):
        await emu.invoke(
            "alerts", {"subscribe": {"channel": home.general.id}}, user=someone, channel=emu.dm_channel(someone)
        )


async def test_ask_in_a_dm_and_in_a_server_that_never_invited_the_bot(running) -> None:  # type: ignore[no-untyped-def]
    emu, _bot, _home = running
    someone = emu.add_user("traveller")
    emu.install_for_user(someone)
    in_dm = await emu.invoke(
        "ask", {"question": "who directed the challenge"}, user=someone, channel=emu.dm_channel(someone)
    )
    assert "Shipenko" in in_dm.text and "Rogozin" not in in_dm.text
    elsewhere = emu.add_guild("No bot here", bot_installed=False)
    emu.install_for_user(elsewhere.member)
    result = await emu.invoke("race", {}, user=elsewhere.member, channel=elsewhere.general)
    assert "The Challenge" in result.text  # answered through the interaction, not a channel send


async def test_ask_race_bot_on_a_posted_claim_answers_only_the_one_who_asked(running) -> None:  # type: ignore[no-untyped-def]
    emu, _bot, home = running
    claim = emu.post_message(home.general, home.owner, "who commanded soyuz ms-19?")
    result = await emu.invoke_message_command("Ask race-bot", claim, user=home.member)
    assert result.ephemeral and "Shkaplerov" in result.text
    empty = emu.post_message(home.general, home.owner, "", embeds=[{"title": "just a picture"}])
    refused = await emu.invoke_message_command("Ask race-bot", empty, user=home.member)
    assert refused.ephemeral and "no text" in refused.text


async def test_thumbs_down_counts_only_for_the_asker_and_is_kept_without_who(running) -> None:  # type: ignore[no-untyped-def]
    emu, bot, home = running
    result = await emu.invoke("ask", {"question": "who directed the challenge"}, user=home.member, channel=home.general)
    assert buttons(result.last) == ["feedback:up", "feedback:down"]
    stranger = await emu.click(result.last, "feedback:down", user=home.owner)
    assert stranger.ephemeral and "Only the person who asked" in stranger.text
    assert _misses(bot) == []
    pressed = await emu.click(result.last, "feedback:down", user=home.member)
    assert "noted" in pressed.text and pressed.ephemeral
    [miss] = _misses(bot)
    assert miss["miss"] == Miss.DOWNVOTED and miss["count"] == 1 and miss["answered"].startswith("person:")
    assert str(home.member.id) not in str(miss)


async def test_declined_questions_are_counted_once_per_wording(running) -> None:  # type: ignore[no-untyped-def]
    emu, bot, home = running
    for text in ("what is peresild's favourite food", "What is Peresild's favourite food?"):
        result = await emu.invoke("ask", {"question": text}, user=home.member, channel=home.general)
        assert "don't know" in result.text and buttons(result.last) == []
    [miss] = await _misses_once_logged(bot, 2)
    assert miss["miss"] == Miss.DECLINED and miss["count"] == 2 and miss["answered"] == ""


async def test_an_admin_attaches_a_missed_question_and_the_bot_then_answers_it(harness) -> None:  # type: ignore[no-untyped-def]
    h = harness
    question = "who picked up the tab for the two film seats"
    first = await h.emu.invoke("ask", {"question": question}, user=h.home.member, channel=h.home.general)
    assert "don't know" in first.text
    listed = await h.emu.invoke("facts questions", {}, user=h.home.admin, channel=h.home.general)
    assert listed.ephemeral and question in listed.text
    offers = [b for b in buttons(listed.last) if b.startswith("facts:attach:")]
    assert offers, listed.text
    refused = await h.emu.click(listed.last, offers[0], user=h.home.member)
    assert "Only the admin who asked" in refused.text
    attached = await h.emu.click(listed.last, offers[0], user=h.home.admin)
    assert "applied" in attached.text and "Question for" in attached.text
    history = await h.emu.invoke("facts history", {}, user=h.home.admin, channel=h.home.general)
    assert "Question for" in history.text
    again = await h.emu.invoke("ask", {"question": question}, user=h.home.member, channel=h.home.general)
    assert "don't know" not in again.text
