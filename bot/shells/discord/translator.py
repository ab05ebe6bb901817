"""Russian names and descriptions for the commands, handed to discord.py at sync.

discord.py asks its tree's translator for every name, description and choice, once per Discord
locale, while building the sync payload; what comes back becomes ``name_localizations`` and
``description_localizations``. Discord then shows a member the forms of their client's language and
keeps sending the English names in interactions, so nothing else in the bot changes.

Only Russian is translated: every other locale gets None, which leaves English as the default,
exactly as before. The words themselves are in :mod:`bot.shells.discord.command_strings`.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.core.i18n import language_of
from bot.shells.discord.command_strings import russian_choice, russian_description, russian_menu, russian_name

TRANSLATED = "ru"  # the one language besides English


def path_of(data: Any) -> str:
    """A command's, group's or option's words joined by dots: ``facts.news.review``, ``ask.question``."""
    if isinstance(data, app_commands.Parameter):
        return f"{path_of(data.command)}.{data.display_name}"
    return ".".join(str(getattr(data, "qualified_name", "")).split())


class CommandTranslator(app_commands.Translator):
    """English stays the default; the Russian locale gets the catalogue's forms."""

    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        if language_of(locale, fallback="") != TRANSLATED:
            return None
        return russian(context.location, string.message, context.data)


def russian(where: Where, english: str, data: Any) -> str | None:
    """The Russian form of one string of the tree, or None where the catalogue has none."""
    if where is Where.command_name and isinstance(data, app_commands.ContextMenu):
        return russian_menu(english)
    if where in (Where.command_name, Where.group_name, Where.parameter_name):
        return russian_name(path_of(data), english)
    if where in (Where.command_description, Where.group_description, Where.parameter_description):
        return russian_description(english)
    if where is Where.choice_name:
        return russian_choice(english)
    return None
