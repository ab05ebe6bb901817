"""The one error handler for every command: always an answer, always ephemeral, bugs logged."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.core.cards import error_reply
from bot.core.errors import UserError
from bot.core.text import shorten
from bot.shells.discord.ui import send_reply

log = logging.getLogger(__name__)


class RaceTree(app_commands.CommandTree):
    """One error handler for every command: always an answer, always ephemeral."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        original = getattr(error, "original", error)
        command = interaction.command.qualified_name if interaction.command else "?"
        if isinstance(original, UserError):
            outcome, reply = "invalid", error_reply(str(original))
        elif isinstance(error, app_commands.TransformerError):
            outcome = "invalid"
            reply = error_reply(
                f"I can't use “{shorten(str(error.value), 80)}” there: I don't know it or can't see it."
            )
        elif isinstance(error, app_commands.CheckFailure):
            log.warning("refused command=%s user=%s reason=%s", command, interaction.user.id, error)
            outcome, reply = "refused", error_reply(str(error) or "You are not allowed to use this command here.")
        else:
            log.error("command failed command=%s user=%s", command, interaction.user.id, exc_info=original)
            outcome = "error"
            reply = error_reply("Sorry, something went wrong on my side. The details are in the bot's log.")
        if interaction.type is discord.InteractionType.autocomplete:
            return
        record = getattr(interaction.client, "record_command", None)  # the RaceBot counts and logs each command
        if record is not None:
            record(interaction, command, outcome)
        try:
            await send_reply(interaction, reply)
        except discord.HTTPException:
            log.exception("could not send the error reply command=%s", command)
