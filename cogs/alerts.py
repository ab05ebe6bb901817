"""/alerts: a server's own subscriptions to date changes, status changes, reminders and (if asked) news.

Server-only and guild-install-only: the group never appears in DMs, private channels or through a
user install. Needs Manage Channels. Before subscribing, the bot checks it can view, send, embed and
attach in the channel and says exactly what is missing. Only the chosen role can ever be mentioned.

A translation only: what alerts do, and how a subscription is built and stored, is in bot.alerts.
The replies here are in the language of the admin's Discord client (``language_for``); the alerts
themselves are in the channel's (the LANGUAGE the admin chose, by default the server's language:
a channel is read by everyone in the server, whatever the admin's own client speaks).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.alerts.records import SendResult
from bot.alerts.render import sample_alert
from bot.alerts.strings import LANGUAGE_NAMES
from bot.alerts.subscriptions import (
    KindChoice,
    channel_subscription,
    guild_subscriptions,
    missing_permissions,
    parse_quiet,
    required_permissions,
    subscribe,
    subscribed_text,
    subscriptions_card,
    unsubscribe,
)
from bot.core.cards import Card, Colour, Reply, paginate
from bot.core.dates import in_language
from bot.core.errors import UserError
from bot.core.i18n import language_of, tr
from bot.facts import strings as _strings  # noqa: F401  (registers these replies' words)
from bot.infra.store import Store
from bot.shells.discord.ui import language_for, send_reply

if TYPE_CHECKING:
    from bot.shells.discord.bot import RaceBot

log = logging.getLogger(__name__)

Channel = discord.TextChannel | discord.Thread

LANGUAGE_CHOICES = [app_commands.Choice(name=name, value=code) for code, name in LANGUAGE_NAMES.items()]


def server_language(interaction: discord.Interaction) -> str:
    """The server's language (its Community locale, sent as ``guild_locale``), else English."""
    return language_of(getattr(interaction, "guild_locale", None))


def _note(text: str, lang: str, colour: int = Colour.OK) -> Reply:
    return Reply(pages=paginate(Card(description=text, colour=colour), lang), ephemeral=True)


@app_commands.default_permissions(manage_channels=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Alerts(commands.GroupCog, group_name="alerts", group_description="Announcements of the race in this server."):
    """Server-only, guild-install-only: never shown in DMs, private channels or through a user install."""

    def __init__(self, bot: RaceBot) -> None:
        self.bot = bot
        super().__init__()

    @property
    def store(self) -> Store:
        return self.bot.service.store

    def _check_member(self, interaction: discord.Interaction, channel: Channel) -> None:
        member = interaction.user
        if not isinstance(member, discord.Member) or not channel.permissions_for(member).manage_channels:
            text = tr("alerts.cmd.need_manage", language_for(interaction), channel=channel.mention)
            raise app_commands.CheckFailure(text)

    def _check_bot(self, channel: Channel, lang: str) -> None:
        me = channel.guild.me
        granted = channel.permissions_for(me)
        missing = missing_permissions({key: getattr(granted, key) for key in required_permissions()}, lang)
        if missing:
            raise UserError(tr("alerts.cmd.bot_missing", lang, channel=channel.mention, missing=", ".join(missing)))

    @app_commands.command(name="subscribe", description="Post race alerts in a channel.")
    @app_commands.describe(
        channel="Where to post",
        kinds="Which alerts (default: all)",
        contender="Only this contender",
        role="A role to mention (never @everyone)",
        quiet="Quiet hours in UTC, e.g. 22:00-07:00",
        news="Also post news articles the fact admins approved (default no)",
        language="The language of the alerts (default: the server's)",
    )
    @app_commands.choices(language=LANGUAGE_CHOICES)
    async def subscribe(
        self,
        interaction: discord.Interaction,
        channel: Channel,
        kinds: KindChoice = "all",
        contender: app_commands.Range[str, 1, 100] | None = None,
        role: discord.Role | None = None,
        quiet: app_commands.Range[str, 1, 20] | None = None,
        news: bool = False,
        language: app_commands.Choice[str] | None = None,
    ) -> None:
        lang = language_for(interaction)
        alerts_lang = language.value if language is not None else server_language(interaction)
        self._check_member(interaction, channel)
        self._check_bot(channel, lang)
        if role is not None and role.is_default():
            raise UserError(tr("alerts.cmd.no_everyone", lang))
        try:
            quiet_hours = parse_quiet(quiet or "", lang)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        cid = self.bot.service.resolve_contender(contender, lang) if contender else ""
        guild_id, role_id, by = channel.guild.id, role.id if role else None, str(interaction.user.id)
        sub = await self.store.arun(
            lambda s: subscribe(
                s,
                guild_id,
                channel.id,
                kinds=kinds,
                contender=cid,
                role_id=role_id,
                quiet=quiet_hours,
                created_by=by,
                news=news,
                language=alerts_lang,
            )
        )
        log.info("subscribed guild=%s channel=%s kinds=%s language=%s", guild_id, channel.id, kinds, alerts_lang)
        await send_reply(interaction, _note(subscribed_text(sub, kinds, self.bot.service.kb, lang), lang))

    @subscribe.autocomplete("contender")
    async def _contender(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        choices = self.bot.service.complete("contender", current, language_for(interaction))
        return [app_commands.Choice(name=c.name, value=c.value) for c in choices]

    @app_commands.command(name="unsubscribe", description="Stop race alerts in a channel.")
    @app_commands.describe(channel="The channel to stop posting in")
    async def unsubscribe(self, interaction: discord.Interaction, channel: Channel) -> None:
        self._check_member(interaction, channel)
        guild_id = channel.guild.id
        removed = await self.store.arun(lambda s: unsubscribe(s, guild_id, channel.id))
        lang = language_for(interaction)
        if not removed:
            raise UserError(tr("alerts.cmd.nothing_to_stop", lang, channel=channel.mention))
        await send_reply(interaction, _note(tr("alerts.cmd.stopped", lang, channel=channel.mention), lang))

    @app_commands.command(name="list", description="This server's alert channels and their state.")
    async def list_(self, interaction: discord.Interaction) -> None:
        guild_id, kb, lang = interaction.guild_id, self.bot.service.kb, language_for(interaction)
        card = await self.store.arun(lambda s: subscriptions_card(guild_subscriptions(s, guild_id), kb, lang))
        await send_reply(interaction, Reply(pages=paginate(card, lang), ephemeral=True))

    @app_commands.command(name="test", description="Post a sample alert in a channel now.")
    @app_commands.describe(channel="Where to post the sample")
    async def test(self, interaction: discord.Interaction, channel: Channel) -> None:
        lang = language_for(interaction)
        self._check_member(interaction, channel)
        self._check_bot(channel, lang)
        sub = await self.store.arun(lambda s: channel_subscription(s, channel.id))
        style = in_language(self.bot.style, sub.language if sub else server_language(interaction))
        message = sample_alert(self.bot.service.kb, style, sub.role_id if sub else None, self.bot.app.clock())
        result, detail = await self.bot.sender.send(channel.id, message, nonce="")
        if result is not SendResult.SENT:
            raise UserError(tr("alerts.cmd.test_refused", lang, detail=detail))
        await send_reply(interaction, _note(tr("alerts.cmd.test_posted", lang, channel=channel.mention), lang))


async def setup(bot: RaceBot) -> None:
    await bot.add_cog(Alerts(bot))
