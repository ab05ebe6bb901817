"""/feed status (anyone may look) and /feed poll (fact admins): the upstream feeds, LL2 and news.

``/feed poll`` asks both upstreams now; it may take a few seconds, so the answer is deferred
("thinking…") and ephemeral. It is allowed to the same people as ``/facts`` — the check is
:func:`bot.facts.service.may_edit` — because a poll spends the feeds' shared hourly budgets and
may announce changes to every subscribed channel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Card, Colour, Reply, paginate
from bot.facts.service import may_edit
from bot.feed.feeds import poll_card
from bot.shells.discord.ui import send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)

NOT_RUNNING = Card(title="Upstream feeds", description="The feeds are not running.", colour=Colour.INFO)


def _fact_admin(interaction: discord.Interaction) -> bool:
    """The /facts rule: configured admins anywhere; in the home server, Manage Server or the admin role."""
    member = interaction.user
    permissions = getattr(member, "guild_permissions", None)  # a Member in a server, a User elsewhere
    allowed = may_edit(
        cast("RaceBot", interaction.client).settings,
        user_id=member.id,
        guild_id=interaction.guild_id,
        manage_guild=bool(permissions and permissions.manage_guild),
        role_ids={r.id for r in getattr(member, "roles", [])},
    )
    if not allowed:
        log.warning("refused feed poll user=%s guild=%s", member.id, interaction.guild_id)
        raise app_commands.CheckFailure(
            "Only the bot's fact admins can poll the feeds now (in the home server: Manage Server or the admin role)."
        )
    return True


class Feed(commands.GroupCog, group_name="feed", group_description="The upstream feeds: launch dates and news."):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="status", description="Both feeds: last and next poll, requests left, errors, news.")
    async def status(self, interaction: discord.Interaction) -> None:
        feeds = self.bot.runtime.feeds
        if feeds is None:
            card = NOT_RUNNING
        else:  # the review queue is read under the writer's lock, off the loop
            card = await self.bot.app.store.alocked(lambda: feeds.status_card(self.bot.style))
        await send_reply(interaction, Reply(pages=paginate(card), ephemeral=True))

    @app_commands.command(name="poll", description="Poll Launch Library 2 and the news now (fact admins).")
    @app_commands.check(_fact_admin)
    async def poll(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if self.bot.runtime.feeds is None:
            await send_reply(interaction, Reply(pages=paginate(NOT_RUNNING), ephemeral=True))
            return
        outcomes = await self.bot.runtime.poll_feeds_now()
        log.info("feed poll by user=%s outcomes=%s", interaction.user.id, [(o.feed, o.ran) for o in outcomes])
        await send_reply(interaction, Reply(pages=paginate(poll_card(outcomes, self.bot.style)), ephemeral=True))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Feed(bot))
