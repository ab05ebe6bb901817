"""The commands in Russian, as Discord gets them at sync and as a member whose Discord is in Russian uses them.

The emulator refuses a sync Discord would refuse (localized names and descriptions included), shows
a Russian member the Russian names, and sends the bot the English ones, as Discord does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import discord
import pytest

from bot.shells.discord import command_strings
from bot.shells.discord.bot import RaceBot
from tests.discord_emu import Emulator, buttons, run_bot, validate_commands
from tests.e2e.conftest import Harness


def _ru(node: dict[str, Any]) -> str:
    return (node.get("name_localizations") or {}).get("ru", "")


def _option(node: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in node["options"] if o["name"] == name)


def _named(commands: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every command, subcommand, option and choice Discord stored."""
    for node in commands:
        yield node
        yield from node.get("choices") or []
        yield from _named(node.get("options") or [])


async def test_the_synced_commands_carry_russian_that_discord_accepts(harness: Harness) -> None:
    h = harness
    home_id = h.home.guild.id
    for guild, payload in h.emu.sync_payloads:
        assert validate_commands(payload, guild_scoped=guild is not None) == []
    stored = [*h.emu.commands(), *h.emu.commands(home_id)]
    assert [n["name"] for n in _named(stored) if not _ru(n)] == []  # every name, choice and menu
    ask = h.emu.command("ask")
    assert (_ru(ask), _ru(_option(ask, "question"))) == ("спросить", "вопрос")
    assert ask["description_localizations"]["ru"].startswith("Задайте вопрос")
    assert ask["description"] == "Ask a question in your own words, e.g. when did Peresild launch?"  # English kept
    assert _ru(h.emu.command("race")) == "гонка" and _ru(h.emu.command("timeline")) == "хронология"
    theme = _option(h.emu.command("timeline"), "theme")
    assert [(c["value"], _ru(c)) for c in theme["choices"]] == [("dark", "тёмная"), ("light", "светлая")]
    facts = h.emu.command("facts", home_id)
    review = _option(_option(facts, "news"), "review")
    assert (_ru(facts), _ru(_option(facts, "news")), _ru(review)) == ("факты", "новости", "разбор")
    assert review["description_localizations"]["ru"].startswith("Статьи, ждущие разбора")
    assert _ru(h.emu.command("Ask race-bot", kind=3)) == "Спросить race-bot"


async def test_a_russian_member_asks_with_the_russian_names(harness: Harness) -> None:
    h = harness
    ivan = h.emu.add_member(h.home.guild, "ivan", locale="ru")
    locales: list[discord.Locale] = []

    async def seen(interaction: discord.Interaction) -> None:
        locales.append(interaction.locale)

    h.bot.add_listener(seen, "on_interaction")
    result = await h.emu.invoke("спросить", {"вопрос": "кто снял вызов"}, user=ivan, channel=h.home.general)
    assert result.interaction is not None
    assert result.interaction.sent["data"]["name"] == "ask"  # Discord sends the English names
    assert result.interaction.sent["data"]["options"][0]["name"] == "question"
    assert locales == [discord.Locale.russian]
    assert ("Shipenko" in result.text or "Шипенко" in result.text) and not result.ephemeral
    assert len(buttons(result.last)) == 2  # the 👍 / 👎 under an answer


async def test_a_russian_member_autocompletes_and_uses_the_message_menu(harness: Harness) -> None:
    h = harness
    ivan = h.emu.add_member(h.home.guild, "ivan", locale="ru")
    choices = await h.emu.autocomplete("человек", {"имя": "peres"}, "имя", user=ivan, channel=h.home.general)
    assert "peresild" in [c["value"] for c in choices]  # (the names shown may be Russian)
    claim = h.emu.post_message(h.home.general, h.home.member, "who directed the challenge?")
    result = await h.emu.invoke_message_command("Спросить race-bot", claim, user=ivan)
    assert result.text and result.ephemeral


async def test_a_russian_admin_runs_facts_subcommands_by_their_russian_names(harness: Harness) -> None:
    h = harness
    h.home.admin.locale = "ru"
    result = await h.emu.invoke("факты устаревшие", {"месяцы": 6}, user=h.home.admin, channel=h.home.general)
    assert result.interaction is not None
    sent = result.interaction.sent["data"]
    assert sent["name"] == "facts" and sent["options"][0]["name"] == "stale"
    assert sent["options"][0]["options"] == [{"name": "months", "type": 4, "value": 6}]
    assert result.text and result.ephemeral


async def test_a_changed_translation_syncs_once(
    emu: Emulator, make_bot: Callable[..., RaceBot], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = emu.add_guild("Home")
    async with run_bot(make_bot(emu, home), emu):
        pass
    assert len(emu.sync_payloads) == 2
    monkeypatch.setitem(command_strings.NAMES, "ask", "задать_вопрос")
    for _ in range(2):
        async with run_bot(make_bot(emu, home), emu):
            pass
    assert len(emu.sync_payloads) == 4  # synced on the first start after the change, not on the next
    assert _ru(emu.command("ask")) == "задать_вопрос"
