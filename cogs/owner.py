"""/sync: the bot owner re-syncs the slash commands on purpose (never on every start), answered in their language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Card, Colour, Reply, paginate
from bot.core.i18n import tr, tr_n
from bot.facts import strings as _strings  # noqa: F401  (registers these replies' words)
from bot.shells.discord.ui import language_for, send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot


class Owner(commands.Cog):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot

    @app_commands.command(name="sync", description="Sync the slash commands with Discord (bot owner only).")
    @app_commands.default_permissions(administrator=True)
    @app_commands.guild_only()
    @app_commands.checks.cooldown(1, 60.0)
    async def sync(self, interaction: discord.Interaction) -> None:
        lang = language_for(interaction)
        if not await self.bot.is_owner(interaction.user):
            raise app_commands.CheckFailure(tr("owner.cmd.only_owner", lang))
        await interaction.response.defer(ephemeral=True, thinking=True)
        count = await self.bot.sync_commands()
        card = Card(description=tr_n("owner.cmd.synced", count, lang), colour=Colour.OK)
        await send_reply(interaction, Reply(pages=paginate(card, lang), ephemeral=True))


async def setup(bot: RaceBot) -> None:
    home = bot.settings.home_guild_id
    if home is not None:
        await bot.add_cog(Owner(bot), guilds=[discord.Object(home)])
