"""/feed status (anyone may look) and /feed poll (fact admins): the upstream feeds, LL2 and news.

``/feed poll`` asks both upstreams now; it may take a few seconds, so the answer is deferred
("thinking…") and ephemeral. It is allowed to the same people as ``/facts`` — the check is
:func:`bot.facts.service.may_edit` — because a poll spends the feeds' shared hourly budgets and
may announce changes to every subscribed channel. Both answer in the language of the asker's Discord
client (``style_for``).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.cards import Card, Colour, Reply, paginate
from bot.core.i18n import tr
from bot.facts import strings as _strings  # noqa: F401  (registers these replies' words)
from bot.facts.service import may_edit
from bot.feed.status import poll_card, status_card
from bot.shells.discord.ui import language_for, send_reply, style_for

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)


def not_running(lang: str) -> Card:
    """What both commands say when the bot runs without its feeds (the console, a test)."""
    return Card(title=tr("feed.cmd.title", lang), description=tr("feed.cmd.not_running", lang), colour=Colour.INFO)


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
        raise app_commands.CheckFailure(tr("feed.cmd.refused", language_for(interaction)))
    return True


class Feed(commands.GroupCog, group_name="feed", group_description="The upstream feeds: launch dates and news."):
    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="status", description="Both feeds: last and next poll, requests left, errors, news.")
    async def status(self, interaction: discord.Interaction) -> None:
        feeds, style = self.bot.runtime.feeds, style_for(interaction)
        if feeds is None:
            card = not_running(style.lang)
        else:  # the review queue is read under the writer's lock, off the loop
            await self.bot.runtime.sync_feed_state()  # as the elected process left it, on any other one
            card = await self.bot.app.store.alocked(lambda: status_card(feeds, style))
        await send_reply(interaction, Reply(pages=paginate(card, style.lang), ephemeral=True))

    @app_commands.command(name="poll", description="Poll Launch Library 2 and the news now (fact admins).")
    @app_commands.check(_fact_admin)
    async def poll(self, interaction: discord.Interaction) -> None:
        style = style_for(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if self.bot.runtime.feeds is None:
            await send_reply(interaction, Reply(pages=paginate(not_running(style.lang), style.lang), ephemeral=True))
            return
        outcomes = await self.bot.runtime.poll_feeds_now()
        log.info("feed poll by user=%s outcomes=%s", interaction.user.id, [(o.feed, o.ran) for o in outcomes])
        card = poll_card(outcomes, style)
        await send_reply(interaction, Reply(pages=paginate(card, style.lang), ephemeral=True))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Feed(bot))
