"""Every command in both languages: the real tree the bot builds, as discord.py sends it at sync.

The walk covers every command, subcommand group, subcommand, option, choice and context menu, in
the global and the home-server set, so a command added (or an English text changed) without its
Russian form fails here by name. Entries nobody uses any more fail too: they are what is left of
an English text that changed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import discord
import pytest

from bot.app import App
from bot.infra.config import Settings
from bot.shells.discord import command_strings
from bot.shells.discord.bot import RaceBot
from bot.shells.discord.translator import CommandTranslator
from tests.discord_emu import validate_commands

HOME = 1234


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[RaceBot]:
    """The bot with its cogs loaded and its translator set (setup_hook), not connected to anything."""
    settings = Settings(data_dir=tmp_path, home_guild_id=HOME, health_port=0)
    race_bot = RaceBot(settings, App.open(tmp_path / "race.json"), auto_sync=False, with_runtime=False)
    await race_bot.setup_hook()
    yield race_bot
    await race_bot.close()


def nodes(commands: list[dict[str, Any]]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(what, path, node) for every command, group, subcommand, option and choice of a payload."""

    def walk(node: dict[str, Any], path: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        yield ("menu" if node.get("type") in (2, 3) and "." not in path else "named"), path, node
        for choice in node.get("choices") or []:
            yield "choice", f"{path}={choice['value']}", choice
        for option in node.get("options") or []:
            yield from walk(option, f"{path}.{option['name']}")

    for command in commands:
        yield from walk(command, command["name"])


async def both_scopes(bot: RaceBot) -> list[dict[str, Any]]:
    payload = await bot.command_payload()
    return [*payload["global"], *payload["home"]]


async def test_the_tree_has_the_commands_a_member_and_an_admin_see(bot: RaceBot) -> None:
    names = {c["name"] for c in await both_scopes(bot)}
    assert {"race", "ask", "timeline", "alerts", "feed", "facts", "sync", "Ask race-bot"} <= names


async def test_every_command_option_and_choice_has_russian(bot: RaceBot) -> None:
    missing = []
    for what, path, node in nodes(await both_scopes(bot)):
        if "ru" not in (node.get("name_localizations") or {}):
            missing.append(f"{path}: name {node['name']!r}")
        if what == "named" and "ru" not in (node.get("description_localizations") or {}):
            missing.append(f"{path}: description {node['description']!r}")
    assert missing == [], "add these to bot/shells/discord/command_strings.py"


async def test_only_russian_is_translated_and_english_stays_the_default(bot: RaceBot) -> None:
    translated = await both_scopes(bot)
    english = [c.to_dict(bot.tree) for c in bot.tree.get_commands()]
    english += [c.to_dict(bot.tree) for c in bot.tree.get_commands(guild=discord.Object(HOME))]

    def bare(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: bare(v) for k, v in node.items() if not k.endswith("_localizations")}
        return [bare(v) for v in node] if isinstance(node, list) else node

    assert bare(translated) == english  # names, descriptions, choices: exactly as before
    locales = {
        locale
        for _what, _path, node in nodes(translated)
        for key in node
        if key.endswith("_localizations")
        for locale in node[key]
    }
    assert locales == {"ru"}


async def test_the_russian_payload_is_one_discord_accepts(bot: RaceBot) -> None:
    payload = await bot.command_payload()
    assert validate_commands(payload["global"]) == []
    assert validate_commands(payload["home"], guild_scoped=True) == []


async def test_russian_names_are_russian_and_tell_siblings_apart(bot: RaceBot) -> None:
    """What a Russian member sees: Cyrillic names, none shown twice at one level (not even with an
    untranslated sibling's English name)."""

    def cyrillic(text: str) -> bool:
        return any("а" <= c <= "я" or c == "ё" for c in text.lower())

    commands = await both_scopes(bot)
    latin = [
        path
        for _what, path, node in nodes(commands)
        if not cyrillic((node.get("name_localizations") or {}).get("ru", ""))
    ]
    assert latin == []

    def clashes(siblings: list[dict[str, Any]], where: str) -> list[str]:
        """Siblings shown under one name; at the top, a menu and a slash command may share one."""
        top = not where
        shown = [
            (s.get("type", 1) if top else 0, (s.get("name_localizations") or {}).get("ru", s["name"])) for s in siblings
        ]
        found = [f"{where}: {name}" for i, (k, name) in enumerate(shown) if (k, name) in shown[:i]]
        for s in siblings:
            found += clashes(s.get("options") or [], f"{where} {s['name']}")
        return found

    payload = await bot.command_payload()
    assert clashes(payload["global"], "") + clashes(payload["home"], "") == []


async def test_no_translation_is_left_over(bot: RaceBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry the tree never asks for is stale: its English text changed, or its command is gone."""
    used: dict[str, set[str]] = {kind: set() for kind in command_strings.TABLES}

    def spy(kind: str, table: dict[str, str]) -> Any:
        def lookup(*keys: str) -> str | None:
            for key in keys:
                if key in table:
                    used[kind].add(key)
            return next((table[k] for k in keys if k in table), None)

        return lookup

    names, paths = spy("name", command_strings.NAMES), spy("path", command_strings.PATH_NAMES)
    monkeypatch.setattr(
        "bot.shells.discord.translator.russian_name", lambda path, english: paths(path) or names(english)
    )
    for kind, function in (
        ("menu", "russian_menu"),
        ("choice", "russian_choice"),
        ("description", "russian_description"),
    ):
        monkeypatch.setattr(f"bot.shells.discord.translator.{function}", spy(kind, command_strings.TABLES[kind]))
    await bot.command_payload()
    unused = {kind: sorted(set(table) - used[kind]) for kind, table in command_strings.TABLES.items()}
    assert unused == {kind: [] for kind in command_strings.TABLES}


async def test_a_changed_translation_changes_the_command_hash(bot: RaceBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hash covers the localizations, so a new translation syncs (once), and nothing else does."""
    before = await bot.command_hash()
    assert await bot.command_hash() == before
    monkeypatch.setitem(command_strings.NAMES, "ask", "задать_вопрос")
    assert await bot.command_hash() != before
    monkeypatch.setitem(command_strings.NAMES, "ask", "спросить")
    monkeypatch.setitem(command_strings.DESCRIPTIONS, "Why", "Зачем")
    assert await bot.command_hash() != before


@pytest.mark.parametrize("locale", [discord.Locale.american_english, discord.Locale.ukrainian, discord.Locale.german])
async def test_other_locales_get_nothing(bot: RaceBot, locale: discord.Locale) -> None:
    ask = bot.tree.get_command("ask")
    assert ask is not None
    context = discord.app_commands.TranslationContext(discord.app_commands.TranslationContextLocation.command_name, ask)
    translator = CommandTranslator()
    assert await translator.translate(discord.app_commands.locale_str("ask"), locale, context) is None
    assert (
        await translator.translate(discord.app_commands.locale_str("ask"), discord.Locale.russian, context)
        == "спросить"
    )
