"""The one error handler for every command: always an answer, always ephemeral, bugs logged.

The answer is in the member's language; an error whose words are a catalogue Message is said again
in that language (bot.core.errors.message_in).
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands

from bot.core.cards import error_reply
from bot.core.errors import UserError, message_in
from bot.core.i18n import tr
from bot.core.text import shorten
from bot.shells.discord.ui import language_for, send_reply

log = logging.getLogger(__name__)


class RaceTree(app_commands.CommandTree):
    """One error handler for every command: always an answer, always ephemeral."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Before any command: what other processes on a shared database edited is known here too."""
        app = getattr(interaction.client, "app", None)
        if app is not None:
            await asyncio.to_thread(app.knowledge.refresh)
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        lang = language_for(interaction)
        if isinstance(original, UserError):
            outcome, reply = "invalid", error_reply(message_in(original, lang))
        elif isinstance(error, app_commands.TransformerError):
            outcome = "invalid"
            reply = error_reply(tr("discord.unusable", lang, value=shorten(str(error.value), 80)))
        elif isinstance(error, app_commands.CheckFailure):
            log.warning("refused command=%s user=%s reason=%s", command, interaction.user.id, error)
            outcome, reply = "refused", error_reply(message_in(error, lang) or tr("discord.not_allowed", lang))
        else:
            log.error("command failed command=%s user=%s", command, interaction.user.id, exc_info=original)
            outcome = "error"
            reply = error_reply(tr("discord.failed", lang))
        if interaction.type is discord.InteractionType.autocomplete:
            return
        record = getattr(interaction.client, "record_command", None)  # the RaceBot counts and logs each command
        if record is not None:
            record(interaction, command, outcome)
        try:
            await send_reply(interaction, reply)
        except discord.HTTPException:
            log.exception("could not send the error reply command=%s", command)
