"""/feed status: what the Launch Library 2 poller is doing (anyone may look)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Card, Colour, Reply, paginate
from bot.shells.discord.ui import send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot


class Feed(commands.GroupCog, group_name="feed", group_description="The upstream launch-schedule feed."):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="status", description="Last poll, next poll, requests left, last error, pins.")
    async def status(self, interaction: discord.Interaction) -> None:
        lines = self.bot.feed.status_lines() if self.bot.feed else ["The feed is not running."]
        card = Card(title="Launch Library 2 feed", description="\n".join(lines), colour=Colour.INFO)
        await send_reply(interaction, Reply(pages=paginate(card), ephemeral=True))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Feed(bot))
